using System;

namespace Defender365Typed.Client;

/// <summary>What a <see cref="HuntingBatchProgress"/> report is about.</summary>
public enum HuntingBatchProgressKind
{
    /// <summary>A query starts (or resumes from <see cref="HuntingBatchProgress.Done"/>).</summary>
    QueryStarted = 0,

    /// <summary>A slice of the query completed and its rows were committed to the output (<see cref="HuntingBatchProgress.Slice"/>).</summary>
    SliceCompleted = 1,

    /// <summary>The query finished (complete, or partial in a lenient batch).</summary>
    QueryFinished = 2,

    /// <summary>The query had finished in an earlier run of the batch: it is not run again.</summary>
    QuerySkipped = 3,

    /// <summary>The query cannot run in time slices (<see cref="HuntingBatchProgress.Message"/> says why): it is not run.</summary>
    QueryRefused = 4,

    /// <summary>A slice of the query failed in a strict batch: the batch stops here (<see cref="HuntingBatchProgress.Message"/>).</summary>
    QueryStopped = 5,
}

/// <summary>A progress report of a batch: where one query stands.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Query">The query's name.</param>
/// <param name="Index">The query's 0-based position in the batch.</param>
/// <param name="Count">The number of queries in the batch.</param>
/// <param name="Done">The end of the query's completed time prefix: its rows before this are in the output.</param>
/// <param name="Rows">The rows of the query in its output so far.</param>
/// <param name="QueryFraction">The part of the range the query has done, 0 to 1.</param>
/// <param name="BatchFraction">The part of the whole batch done (every query counts the same), 0 to 1.</param>
public sealed record HuntingBatchProgress(HuntingBatchProgressKind Kind, string Query, int Index, int Count, DateTime Done, long Rows, double QueryFraction, double BatchFraction)
{
    /// <summary>The slice that completed (<see cref="HuntingBatchProgressKind.SliceCompleted"/>), else null.</summary>
    public HuntingSlice? Slice { get; init; }

    /// <summary>Why a query was refused or stopped, else null.</summary>
    public string? Message { get; init; }
}
