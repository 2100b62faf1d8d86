using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Defender365Typed.Client;

/// <summary>
/// Where an incident sync stands: the newest <c>lastUpdateDateTime</c> delivered and acknowledged (the high-water mark)
/// and the (id, lastUpdateDateTime) pairs delivered inside the overlap window below it, so a change seen again is
/// dropped. Small and immutable; <see cref="ToJson"/> and <see cref="Parse"/> round-trip it (source-generated JSON,
/// NativeAOT safe).
/// </summary>
public sealed class IncidentSyncCursor
{
    internal const string FormatName = "defender365.incident-sync-cursor";
    internal const int CurrentVersion = 1;

    private readonly HashSet<IncidentChangeMark> _seen;

    /// <summary>Creates a cursor.</summary>
    /// <param name="api">The API whose incident IDs <paramref name="seen"/> holds.</param>
    /// <param name="highWater">The newest change delivered, or null before the first.</param>
    /// <param name="seen">The changes delivered inside the overlap window.</param>
    public IncidentSyncCursor(DefenderApi api, DateTimeOffset? highWater, IEnumerable<IncidentChangeMark> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        Api = api;
        HighWater = highWater?.ToUniversalTime();
        _seen = [.. seen];
        Seen = [.. _seen.OrderBy(m => m.LastUpdate).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    /// <summary>A cursor from which nothing was delivered yet: the first sync reads the first-fetch window.</summary>
    public static IncidentSyncCursor Start(DefenderApi api = DefenderApi.Graph) => new(api, null, []);

    /// <summary>The API whose incident IDs the cursor holds (a Graph cursor cannot drive a legacy sync).</summary>
    public DefenderApi Api { get; }

    /// <summary>The newest <c>lastUpdateDateTime</c> delivered (UTC), or null before the first change.</summary>
    public DateTimeOffset? HighWater { get; }

    /// <summary>The changes delivered inside the overlap window, oldest first.</summary>
    public IReadOnlyList<IncidentChangeMark> Seen { get; }

    /// <summary>Whether <paramref name="mark"/> was delivered already.</summary>
    public bool Contains(IncidentChangeMark mark) => _seen.Contains(mark);

    /// <summary>The cursor as compact JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), IncidentSyncJsonContext.Default.IncidentSyncCursorDocument);

    /// <summary>Reads a cursor written by <see cref="ToJson"/>.</summary>
    /// <exception cref="IncidentCursorException">The text is not a cursor (not JSON, another format or version, or a field missing or invalid).</exception>
    public static IncidentSyncCursor Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(json, source: null);
    }

    internal static IncidentSyncCursor FromJson(string json, string? source)
    {
        IncidentSyncCursorDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, IncidentSyncJsonContext.Default.IncidentSyncCursorDocument);
        }
        catch (JsonException ex)
        {
            throw new IncidentCursorException($"is not valid JSON ({ex.Message})", source, ex);
        }

        if (doc is null)
        {
            throw new IncidentCursorException("holds JSON null, not a cursor", source);
        }

        if (!string.Equals(doc.Format, FormatName, StringComparison.Ordinal))
        {
            throw new IncidentCursorException($"is not an incident sync cursor (\"format\" is {Describe(doc.Format)}, expected \"{FormatName}\")", source);
        }

        if (doc.Version != CurrentVersion)
        {
            throw new IncidentCursorException($"has version {doc.Version}; this library reads version {CurrentVersion}", source);
        }

        DefenderApi api = doc.Api switch
        {
            "graph" => DefenderApi.Graph,
            "legacy" => DefenderApi.Legacy,
            _ => throw new IncidentCursorException($"names the API {Describe(doc.Api)}; expected \"graph\" or \"legacy\"", source),
        };
        var seen = new List<IncidentChangeMark>(doc.Seen?.Count ?? 0);
        foreach (IncidentChangeMarkDocument? m in doc.Seen ?? [])
        {
            if (m is null || string.IsNullOrEmpty(m.Id) || m.LastUpdate is not DateTimeOffset at)
            {
                throw new IncidentCursorException($"has an entry of \"seen\" without an id or lastUpdate (entry {seen.Count})", source);
            }

            if (doc.HighWater is not DateTimeOffset hw || at > hw)
            {
                throw new IncidentCursorException($"has a \"seen\" change ({m.Id} at {at:O}) newer than its highWater", source);
            }

            seen.Add(new IncidentChangeMark(m.Id, at));
        }

        return new IncidentSyncCursor(api, doc.HighWater, seen);
    }

    internal IncidentSyncCursorDocument ToDocument() => new()
    {
        Format = FormatName,
        Version = CurrentVersion,
        Api = Api == DefenderApi.Legacy ? "legacy" : "graph",
        HighWater = HighWater,
        Seen = [.. Seen.Select(m => new IncidentChangeMarkDocument { Id = m.Id, LastUpdate = m.LastUpdate })],
    };

    private static string Describe(string? value) => value is null ? "missing" : "\"" + value + "\"";
}

/// <summary>One delivered change: an incident ID and the <c>lastUpdateDateTime</c> it had.</summary>
/// <param name="Id">The incident ID (the legacy API's number as a string).</param>
/// <param name="LastUpdate">Its <c>lastUpdateDateTime</c> (<c>lastUpdateTime</c> on the legacy API).</param>
public readonly record struct IncidentChangeMark(string Id, DateTimeOffset LastUpdate);
