using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Checking;

/// <summary>A query that uses something a newer schema removed or retyped. <see cref="Column"/> is null when the whole table went.</summary>
internal sealed record QueryDriftFinding(string File, string Table, string? Column, HuntingSchemaChangeKind Change, string? OldType, string? NewType);

/// <summary>
/// Which removed or retyped columns (and removed tables) a query uses. A query is bound with the older schema, then again with
/// the affected columns of one table left out of it: each column the second binding newly reports as unknown is one the
/// query uses. So "uses" means what the binder resolves against that table (its closed shape): a column the query names
/// only after an operator the binder does not model is not seen, the same limit as <c>check</c>'s.
/// </summary>
internal static class QueryDrift
{
    public static IReadOnlyList<QueryDriftFinding> Find(string file, string text, HuntingSchemaDocument older, IReadOnlyList<HuntingSchemaChange> changes)
    {
        var findings = new List<QueryDriftFinding>();
        KqlSchema schema = older.ToKqlSchema();
        HashSet<(KqlDiagnosticKind, int)>? baseline = null;
        foreach (IGrouping<string, HuntingSchemaChange> table in changes
                     .Where(c => (c.Item == HuntingSchemaItemKind.Table && c.Kind == HuntingSchemaChangeKind.Removed)
                                 || (c.Item == HuntingSchemaItemKind.Column && c.Kind != HuntingSchemaChangeKind.Added))
                     .GroupBy(c => c.Owner, StringComparer.Ordinal))
        {
            if (!text.Contains(table.Key, StringComparison.Ordinal) || !schema.TryGetTable(table.Key, out KqlTable oldTable))
            {
                continue; // the query cannot name the table
            }

            baseline ??= Diagnostics(text, schema);
            if (table.FirstOrDefault(c => c.Item == HuntingSchemaItemKind.Table) is { } removed)
            {
                KqlSchema without = new(schema.Tables.Where(t => t.Name != table.Key));
                if (New(text, without, baseline).Any(d => d.Kind == KqlDiagnosticKind.UnknownTable))
                {
                    findings.Add(new QueryDriftFinding(file, table.Key, null, removed.Kind, null, null));
                }

                continue;
            }

            Dictionary<string, HuntingSchemaChange> affected = table.ToDictionary(c => c.Name!, StringComparer.Ordinal);
            KqlTable trimmed = new(table.Key, oldTable.Columns.Where(c => !affected.ContainsKey(c.Name)).ToArray());
            KqlSchema trimmedSchema = new(schema.Tables.Select(t => t.Name == table.Key ? trimmed : t));
            var used = new SortedSet<string>(StringComparer.Ordinal);
            foreach (KqlDiagnostic d in New(text, trimmedSchema, baseline))
            {
                string name = d.Kind == KqlDiagnosticKind.UnknownColumn && d.Start + d.Length <= text.Length ? text.Substring(d.Start, d.Length) : string.Empty;
                if (affected.ContainsKey(name))
                {
                    used.Add(name);
                }
            }

            foreach (string column in used)
            {
                HuntingSchemaChange change = affected[column];
                findings.Add(new QueryDriftFinding(file, table.Key, column, change.Kind, change.OldType, change.NewType));
            }
        }

        return findings;
    }

    private static HashSet<(KqlDiagnosticKind, int)> Diagnostics(string text, KqlSchema schema) =>
        KqlAnalysis.Analyze(text, schema).Diagnostics.Select(d => (d.Kind, d.Start)).ToHashSet();

    private static IEnumerable<KqlDiagnostic> New(string text, KqlSchema schema, HashSet<(KqlDiagnosticKind, int)> baseline) =>
        KqlAnalysis.Analyze(text, schema).Diagnostics.Where(d => !baseline.Contains((d.Kind, d.Start)));
}
