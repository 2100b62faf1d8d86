using System;
using System.Collections.Generic;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// A scripted answer to hunting queries: rows for a schema, or a query error. Real KQL evaluation
/// comes later; for now each test says what a query returns.
/// </summary>
public sealed class HuntingScript
{
    /// <summary>The result columns: name and .NET type name as the service reports it (String, DateTime, Int64, ...).</summary>
    public IList<(string Name, string Type)> Columns { get; } = new List<(string, string)>();

    /// <summary>
    /// Makes the rows, one value per column: string, long, int, double, bool, DateTime,
    /// DateTimeOffset, Guid, TimeSpan, System.Text.Json.JsonElement (dynamic) or null. Called per request.
    /// </summary>
    public Func<IEnumerable<object?[]>> Rows { get; set; } = () => [];

    /// <summary>When set, the query fails with HTTP 400 and this message (a syntax or semantic error).</summary>
    public string? Error { get; set; }

    /// <summary>Adds a column.</summary>
    public HuntingScript Column(string name, string type)
    {
        Columns.Add((name, type));
        return this;
    }
}

/// <summary>A hunting request the emulator received.</summary>
/// <param name="Api">graph or legacy.</param>
/// <param name="Query">The KQL.</param>
/// <param name="Timespan">The Graph Timespan, if any.</param>
public sealed record ReceivedHuntingQuery(string Api, string Query, string? Timespan)
{
    /// <summary>When the emulator received it, on <see cref="EmulatorOptions.Time"/>.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
