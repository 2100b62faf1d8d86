using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>Builds the OData <c>$filter</c> of an <see cref="IncidentQuery"/>, quoting every value.</summary>
internal static class ODataFilterBuilder
{
    public static string? Build(IncidentQuery query, DefenderApi api)
    {
        bool legacy = api == DefenderApi.Legacy;
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add(AnyOf("status", statuses.Select(s => Spell(s.Value, legacy))));
        }

        if (query.Severities is { Count: > 0 } severities)
        {
            RequireGraph(legacy, "severity");
            clauses.Add(AnyOf("severity", severities.Select(s => Spell(s.Value, legacy))));
        }

        if (query.AssignedTo is not null)
        {
            clauses.Add($"assignedTo eq {Quote(query.AssignedTo)}");
        }

        if (query.Classification is IncidentClassification classification)
        {
            RequireGraph(legacy, "classification");
            clauses.Add($"classification eq {Quote(Spell(classification.Value, legacy))}");
        }

        if (query.Determination is IncidentDetermination determination)
        {
            RequireGraph(legacy, "determination");
            clauses.Add($"determination eq {Quote(Spell(determination.Value, legacy))}");
        }

        string created = legacy ? "createdTime" : "createdDateTime";
        string updated = legacy ? "lastUpdateTime" : "lastUpdateDateTime";
        AddTime(clauses, created, "ge", query.CreatedAfter);
        AddTime(clauses, created, "lt", query.CreatedBefore);
        AddTime(clauses, updated, "ge", query.LastUpdatedAfter);
        AddTime(clauses, updated, "lt", query.LastUpdatedBefore);
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static string Spell(string? value, bool legacy)
    {
        string canonical = IncidentVocabulary.Canonical(value) ?? throw new ArgumentException("An incident filter value is empty.");
        return legacy ? IncidentVocabulary.Pascal(canonical) : canonical;
    }

    internal static string AnyOf(string name, IEnumerable<string> values)
    {
        string[] parts = values.Select(v => $"{name} eq {Quote(v)}").ToArray();
        return parts.Length == 1 ? parts[0] : "(" + string.Join(" or ", parts) + ")";
    }

    internal static void AddTime(List<string> clauses, string name, string op, DateTimeOffset? value)
    {
        if (value is DateTimeOffset time)
        {
            clauses.Add($"{name} {op} {time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}");
        }
    }

    internal static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void RequireGraph(bool legacy, string property)
    {
        if (legacy)
        {
            throw new ArgumentException($"The legacy incidents API cannot filter on {property} (only status, assignedTo, createdTime and lastUpdateTime); use Microsoft Graph.");
        }
    }
}
