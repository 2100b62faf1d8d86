using System;
using System.Xml;

namespace Defender365Typed.Client;

/// <summary>What to do when a hunting result has as many rows as the service returns at most (100,000).</summary>
public enum HuntingRowCapBehavior
{
    /// <summary>After the last row, throw <see cref="HuntingRowCapException"/>: the result is probably cut off (the default).</summary>
    Throw = 0,

    /// <summary>Only log a warning and set <see cref="HuntingResponse{TRow}.ReachedRowCap"/>.</summary>
    Report = 1,
}

/// <summary>Per-query settings.</summary>
public sealed class HuntingOptions
{
    /// <summary>The service's row limit.</summary>
    public const int RowCap = 100_000;

    /// <summary>
    /// Graph only: the time range in ISO 8601 (<c>P90D</c>, <c>2024-02-01T08:00:00Z/2024-02-15T08:00:00Z</c>,
    /// <c>P30D/2024-02-15T08:00:00Z</c>, ...). Without it the service covers 30 days.
    /// </summary>
    public string? Timespan { get; set; }

    /// <summary>The API to use for this query instead of <see cref="DefenderClientOptions.HuntingApi"/>.</summary>
    public DefenderApi? Api { get; set; }

    /// <summary>What to do at the 100,000-row cap.</summary>
    public HuntingRowCapBehavior OnRowCap { get; set; } = HuntingRowCapBehavior.Throw;

    /// <summary>A <see cref="Timespan"/> reaching back <paramref name="lookback"/> from now (ISO 8601 duration, e.g. P7D).</summary>
    public static string Last(TimeSpan lookback) =>
        lookback > TimeSpan.Zero ? XmlConvert.ToString(lookback) : throw new ArgumentOutOfRangeException(nameof(lookback), "The lookback must be positive.");
}
