using System;

namespace Defender365Typed.Results;

/// <summary>
/// What the legacy advanced hunting API says a query cost (its response's <c>Stats</c>; Graph responses have none). The
/// CPU figure is what the tenant's CPU allowance per 15-minute cycle is charged with.
/// </summary>
public sealed class HuntingStatistics
{
    /// <summary>The query's CPU time (<c>Stats.resource_usage.cpu["total cpu"]</c>), or null when the response does not give it.</summary>
    public TimeSpan? TotalCpu { get; init; }

    /// <summary>The query's running time (<c>Stats.ExecutionTime</c>, in seconds), or null when the response does not give it.</summary>
    public TimeSpan? ExecutionTime { get; init; }
}
