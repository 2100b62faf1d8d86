using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>
/// The outcome of a sliced run: complete (every slice of the range delivered its rows) or partial (some slice failed;
/// <see cref="Gaps"/> are the ranges whose rows are missing), with every slice in the order it was run.
/// </summary>
public sealed class SlicedRunResult
{
    internal SlicedRunResult(DateTime start, DateTime end, IReadOnlyList<HuntingSlice> slices, bool finished)
    {
        Start = start;
        End = end;
        Slices = slices;
        Rows = slices.Where(s => s.Status == HuntingSliceStatus.Completed).Sum(s => s.Rows);
        Gaps = slices.Where(s => s.Status == HuntingSliceStatus.Failed).Select(s => (s.Start, s.End)).ToArray();
        IsComplete = finished && Gaps.Count == 0;
    }

    /// <summary>The start of the range (inclusive, UTC).</summary>
    public DateTime Start { get; }

    /// <summary>The end of the range (exclusive, UTC).</summary>
    public DateTime End { get; }

    /// <summary>Every slice run, in order, including those split into halves.</summary>
    public IReadOnlyList<HuntingSlice> Slices { get; }

    /// <summary>The rows delivered.</summary>
    public long Rows { get; }

    /// <summary>Whether every part of the range was run and delivered its rows.</summary>
    public bool IsComplete { get; }

    /// <summary>The ranges of the failed slices, whose rows are missing.</summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> Gaps { get; }

    /// <summary>The failed slices.</summary>
    public IEnumerable<HuntingSlice> Failures => Slices.Where(s => s.Status == HuntingSliceStatus.Failed);

    /// <inheritdoc/>
    public override string ToString() => IsComplete
        ? $"complete: {Rows} rows from {Slices.Count(s => s.Status == HuntingSliceStatus.Completed)} slices"
        : $"partial: {Rows} rows; {Gaps.Count} slices failed: {string.Join("; ", Failures)}";
}
