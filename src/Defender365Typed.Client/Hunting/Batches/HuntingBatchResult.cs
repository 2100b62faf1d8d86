using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>What became of one query of a batch.</summary>
public enum HuntingBatchQueryStatus
{
    /// <summary>Every slice of the range delivered its rows to the output.</summary>
    Complete = 0,

    /// <summary>Some ranges are missing (<see cref="HuntingBatchQueryResult.Gaps"/>): a lenient batch went on, or a strict one stopped here.</summary>
    Partial = 1,

    /// <summary>The query cannot run in time slices (<see cref="HuntingBatchQueryResult.Refusal"/>); nothing was written.</summary>
    Refused = 2,

    /// <summary>A strict batch stopped at an earlier query before this one ran.</summary>
    NotRun = 3,
}

/// <summary>The outcome of one query of a batch, over all the runs of the batch (a resumed batch counts the earlier ones).</summary>
public sealed class HuntingBatchQueryResult
{
    internal HuntingBatchQueryResult(string name, HuntingBatchQueryStatus status, string? outputPath, long rows, IReadOnlyList<(DateTime Start, DateTime End)> gaps)
    {
        Name = name;
        Status = status;
        OutputPath = outputPath;
        Rows = rows;
        Gaps = gaps;
    }

    /// <summary>The query's name.</summary>
    public string Name { get; }

    /// <summary>Complete, partial, refused or not run.</summary>
    public HuntingBatchQueryStatus Status { get; }

    /// <summary>The output file (null when refused).</summary>
    public string? OutputPath { get; }

    /// <summary>The rows in the output file.</summary>
    public long Rows { get; }

    /// <summary>The ranges whose rows are missing (for a stopped query: its failed slice and the rest of the range).</summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> Gaps { get; }

    /// <summary>True when the query had finished in an earlier run of the batch and was not run again.</summary>
    public bool Skipped { get; init; }

    /// <summary>The sliced run of this run of the batch (null when skipped, refused or not run): its slices, elapsed times and failures.</summary>
    public SlicedRunResult? Run { get; init; }

    /// <summary>Why the query was refused (the message names the operator), else null.</summary>
    public string? Refusal { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Status}, {Rows} rows";
}

/// <summary>The outcome of a batch: one result per query, in the batch's order, over the batch's fixed range.</summary>
public sealed class HuntingBatchResult
{
    internal HuntingBatchResult(DateTime start, DateTime end, IReadOnlyList<HuntingBatchQueryResult> queries, bool stopped)
    {
        Start = start;
        End = end;
        Queries = queries;
        IsStopped = stopped;
    }

    /// <summary>The start of the range (inclusive, UTC), as recorded when the batch began.</summary>
    public DateTime Start { get; }

    /// <summary>The end of the range (exclusive, UTC), as recorded when the batch began.</summary>
    public DateTime End { get; }

    /// <summary>Every query's outcome.</summary>
    public IReadOnlyList<HuntingBatchQueryResult> Queries { get; }

    /// <summary>
    /// Whether a strict batch stopped at a failed slice (<see cref="SlicedRunMode.Strict"/>): that query is partial and
    /// the later ones not run. Resuming the batch retries from the failed slice.
    /// </summary>
    public bool IsStopped { get; }

    /// <summary>Whether every query is complete.</summary>
    public bool IsComplete => Queries.All(q => q.Status == HuntingBatchQueryStatus.Complete);
}
