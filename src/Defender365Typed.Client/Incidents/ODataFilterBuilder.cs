using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>
/// Builds the OData <c>$filter</c> of an <see cref="IncidentQuery"/> or an <see cref="AlertQuery"/>: the same triage
/// filters (status, severity, assignee, classification, determination, created and updated times), every value quoted
/// and none empty.
/// </summary>
internal static class ODataFilterBuilder
{
    /// <exception cref="ArgumentException">A value is empty, or the legacy API cannot filter on a property; nothing was sent.</exception>
    public static string? Build(IncidentQuery query, DefenderApi api)
    {
        bool legacy = api == DefenderApi.Legacy;
        if (legacy)
        {
            RequireGraph(query.Severities is { Count: > 0 }, "severity");
            RequireGraph(query.Classification is not null, "classification");
            RequireGraph(query.Determination is not null, "determination");
        }

        return new Clauses("incident", legacy)
            .AnyOf("status", query.Statuses?.Select(s => s.Value))
            .AnyOf("severity", query.Severities?.Select(s => s.Value))
            .Assignee(query.AssignedTo)
            .AnyOf("classification", One(query.Classification))
            .AnyOf("determination", One(query.Determination))
            .Times(query.CreatedAfter, query.CreatedBefore, query.LastUpdatedAfter, query.LastUpdatedBefore)
            .ToFilter();
    }

    /// <exception cref="ArgumentException">A value is empty; nothing was sent.</exception>
    public static string? Build(AlertQuery query) =>
        new Clauses("alert", legacy: false)
            .AnyOf("status", query.Statuses?.Select(s => s.Value))
            .AnyOf("severity", query.Severities?.Select(s => s.Value))
            .AnyOf("serviceSource", query.ServiceSources, verbatim: true)
            .Assignee(query.AssignedTo)
            .AnyOf("classification", One(query.Classification))
            .AnyOf("determination", One(query.Determination))
            .Times(query.CreatedAfter, query.CreatedBefore, query.LastUpdatedAfter, query.LastUpdatedBefore)
            .ToFilter();

    /// <summary>A set value as a list of one (its <see cref="IIncidentValue{TSelf}.Value"/> may still be null: that is refused as empty).</summary>
    private static string?[]? One<T>(T? value)
        where T : struct, IIncidentValue<T> => value is T v ? [v.Value] : null;

    internal static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void RequireGraph(bool asked, string property)
    {
        if (asked)
        {
            throw new ArgumentException($"The legacy incidents API cannot filter on {property} (only status, assignedTo, createdTime and lastUpdateTime); use Microsoft Graph.");
        }
    }

    /// <summary>The clauses of one filter, and-ed; values in the API's spelling (Graph camelCase, legacy PascalCase).</summary>
    private sealed class Clauses(string noun, bool legacy)
    {
        private readonly List<string> _clauses = [];

        public Clauses AnyOf(string property, IEnumerable<string?>? values, bool verbatim = false)
        {
            string[] parts = values?.Select(v => $"{property} eq {Quote(verbatim ? NotEmpty(v, property) : Spell(v, property))}").ToArray() ?? [];
            if (parts.Length > 0)
            {
                _clauses.Add(parts.Length == 1 ? parts[0] : "(" + string.Join(" or ", parts) + ")");
            }

            return this;
        }

        /// <summary>An assignee as given: the empty string is a value here (unassigned), not a mistake.</summary>
        public Clauses Assignee(string? assignedTo)
        {
            if (assignedTo is not null)
            {
                _clauses.Add("assignedTo eq " + Quote(assignedTo));
            }

            return this;
        }

        public Clauses Times(DateTimeOffset? createdAfter, DateTimeOffset? createdBefore, DateTimeOffset? updatedAfter, DateTimeOffset? updatedBefore)
        {
            string created = legacy ? "createdTime" : "createdDateTime";
            string updated = legacy ? "lastUpdateTime" : "lastUpdateDateTime";
            Time(created, "ge", createdAfter);
            Time(created, "lt", createdBefore);
            Time(updated, "ge", updatedAfter);
            Time(updated, "lt", updatedBefore);
            return this;
        }

        public string? ToFilter() => _clauses.Count == 0 ? null : string.Join(" and ", _clauses);

        private void Time(string property, string op, DateTimeOffset? value)
        {
            if (value is DateTimeOffset time)
            {
                _clauses.Add($"{property} {op} {time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}");
            }
        }

        private string Spell(string? value, string property)
        {
            string canonical = IncidentVocabulary.Canonical(NotEmpty(value, property))!;
            return legacy ? IncidentVocabulary.Pascal(canonical) : canonical;
        }

        private string NotEmpty(string? value, string property) =>
            string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"An {noun} filter value for {property} is empty.") : value;
    }
}
