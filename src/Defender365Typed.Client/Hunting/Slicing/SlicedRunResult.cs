using System;
using System.Collections.Generic;
using System.Globalization;
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
        var gaps = slices.Where(s => s.Status == HuntingSliceStatus.Failed).Select(s => (s.Start, s.End)).ToList();
        if (!finished && gaps.Count > 0 && gaps[^1].End < end)
        {
            gaps.Add((gaps[^1].End, end)); // a strict run stopped: the rest of the range was not run
        }

        Gaps = gaps;
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

    /// <summary>The ranges whose rows are missing: the failed slices, and after a strict run stopped, the rest of the range.</summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> Gaps { get; }

    /// <summary>The failed slices.</summary>
    public IEnumerable<HuntingSlice> Failures => Slices.Where(s => s.Status == HuntingSliceStatus.Failed);

    /// <inheritdoc/>
    public override string ToString() => IsComplete
        ? string.Create(CultureInfo.InvariantCulture, $"complete: {Rows} rows from {Slices.Count(s => s.Status == HuntingSliceStatus.Completed)} slices")
        : string.Create(CultureInfo.InvariantCulture, $"partial: {Rows} rows; failed: {string.Join("; ", Failures)}");
}
