using System;
using System.Globalization;

namespace Defender365Typed.Client;

/// <summary>What became of one slice of a sliced run.</summary>
public enum HuntingSliceStatus
{
    /// <summary>The slice ran under every cap: its rows were delivered.</summary>
    Completed = 0,

    /// <summary>The slice hit the row cap, the result-size cap or a timeout and was run again as two halves (its rows were not delivered).</summary>
    Split = 1,

    /// <summary>The slice could not be run (a cap below the minimum slice, a quota, a broken response, a range older than the legacy API serves): its range is missing from the result.</summary>
    Failed = 2,
}

/// <summary>One slice of a sliced run: its half-open range [<see cref="Start"/>, <see cref="End"/>) and what happened to it.</summary>
/// <param name="Start">The start (inclusive, UTC).</param>
/// <param name="End">The end (exclusive, UTC).</param>
/// <param name="Status">Completed, split into halves, or failed.</param>
/// <param name="Rows">The rows the slice delivered (Completed), or read before it was split or failed.</param>
/// <param name="Elapsed">The time from sending the slice's query to its outcome.</param>
/// <param name="Failure">Why the slice was split or failed (null when completed).</param>
public sealed record HuntingSlice(DateTime Start, DateTime End, HuntingSliceStatus Status, long Rows, TimeSpan Elapsed, string? Failure)
{
    /// <summary>The exception that split or failed the slice, when there was one (not for the row cap).</summary>
    public Exception? Exception { get; init; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{SlicedRunOptions.Format(Start)}, {SlicedRunOptions.Format(End)}) {Status}, {Rows} rows, {Elapsed.TotalSeconds:0.###} s{(Failure is null ? "" : ": " + Failure)}");
}
