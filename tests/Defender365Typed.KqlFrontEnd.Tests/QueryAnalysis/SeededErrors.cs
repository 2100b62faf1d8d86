using System;
using System.Collections.Generic;
using System.Globalization;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

internal enum SeedKind
{
    MisspelledColumn,
    WrongCaseColumn,
    MisspelledTable,
    StringComparedToNumber,
    MisspelledFunction,
    AggregateOverWrongType,
    StringOperatorOnNumber,
    ArithmeticTypeMismatch,
    InListTypeMismatch,
    WrongArgumentCount,
    BinArgument,
    AgoArgument,
}

/// <summary>
/// One mutated corpus query: the corpus file with one edit (<see cref="EditRemove"/> characters at
/// <see cref="EditAt"/> replaced by <see cref="EditInsert"/>), where the error is, and what should be reported there.
/// </summary>
internal sealed class Seed
{
    public Seed(string file, SeedKind kind, string original, int editAt, int editRemove, string editInsert, int start, int length, KqlDiagnosticKind expected, string description)
    {
        Id = file + "#" + kind;
        File = file;
        Kind = kind;
        EditAt = editAt;
        EditRemove = editRemove;
        EditInsert = editInsert;
        Text = original.Substring(0, editAt) + editInsert + original.Substring(editAt + editRemove);
        Start = start;
        Length = length;
        Expected = expected;
        Description = description;
    }

    public string Id { get; }

    public string File { get; }

    public SeedKind Kind { get; }

    public int EditAt { get; }

    public int EditRemove { get; }

    public string EditInsert { get; }

    public string Text { get; }

    /// <summary>Start of the seeded error in <see cref="Text"/>.</summary>
    public int Start { get; }

    public int Length { get; }

    public KqlDiagnosticKind Expected { get; }

    public string Description { get; }

    /// <summary>Whether a span overlaps the seeded one (an empty span counts as one character).</summary>
    public bool Overlaps(int start, int length) =>
        start < Start + Math.Max(Length, 1) && Start < start + Math.Max(length, 1);

    /// <summary>Caught: a diagnostic of the expected kind overlaps the seeded span.</summary>
    public bool IsCaughtBy(IReadOnlyList<KqlDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Kind == Expected && Overlaps(d.Start, d.Length))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Puts errors of known kinds at known places into clean corpus queries. Sites are chosen from the token
/// stream and the schema alone (not from what the binder resolves), deterministically per file.
/// </summary>
internal static partial class SeededErrors
{
    public static IEnumerable<Seed> For(string file, string text, KqlSchema schema)
    {
        var diagnostics = new List<KqlDiagnostic>();
        var tokens = Lexer.Tokenize(text, diagnostics);
        var rng = new Random(StableHash(file));

        // Tables named in the query, and their columns.
        var tables = new List<KqlTable>();
        var tableTokens = new List<int>();
        var columns = new Dictionary<string, KqlScalarType>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Identifier && (i == 0 || !tokens[i - 1].Is(".")) && schema.TryGetTable(t.Text, out var table))
            {
                tableTokens.Add(i);
                if (!tables.Contains(table))
                {
                    tables.Add(table);
                    foreach (var c in table.Columns)
                    {
                        columns[c.Name] = c.Type;
                    }
                }
            }
        }

        var allNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in schema.Tables)
        {
            allNames.Add(t.Name);
            foreach (var c in t.Columns)
            {
                allNames.Add(c.Name);
            }
        }

        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.Identifier)
            {
                allNames.Add(t.Text);
            }
        }

        // Column references: identifiers naming a column of a table in the query, not a definition
        // (followed by '=' or ':'), not a member (after '.'), not inside a parse pattern.
        var columnSites = new List<int>();
        var inParsePattern = false;
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            if (t.Is("|") || t.Is(";"))
            {
                inParsePattern = false;
            }
            else if (t.Is("with") && i > 0)
            {
                inParsePattern = true;
            }

            if (inParsePattern || t.Kind != TokenKind.Identifier || !columns.ContainsKey(t.Text) || schema.TryGetTable(t.Text, out _))
            {
                continue;
            }

            var prev = tokens[i - 1];
            var next = tokens[i + 1];
            if (prev.Is(".") || prev.Is("let") || prev.Is("as") || next.Is("=") || next.Is(":") || next.Is("("))
            {
                continue;
            }

            columnSites.Add(i);
        }

        if (columnSites.Count > 0)
        {
            var site = tokens[columnSites[rng.Next(columnSites.Count)]];
            var misspelled = Misspell(site.Text, allNames);
            if (misspelled != null)
            {
                yield return Make(file, SeedKind.MisspelledColumn, text, site, misspelled, KqlDiagnosticKind.UnknownColumn);
            }

            site = tokens[columnSites[rng.Next(columnSites.Count)]];
            var recased = Recase(site.Text, allNames);
            if (recased != null)
            {
                yield return Make(file, SeedKind.WrongCaseColumn, text, site, recased, KqlDiagnosticKind.UnknownColumn);
            }
        }

        if (tableTokens.Count > 0)
        {
            var site = tokens[tableTokens[rng.Next(tableTokens.Count)]];
            var misspelled = Misspell(site.Text, allNames);
            if (misspelled != null)
            {
                yield return Make(file, SeedKind.MisspelledTable, text, site, misspelled, KqlDiagnosticKind.UnknownTable);
            }

            // A table reference that starts a pipeline: insert "| where <string column> > 5" after it.
            var starts = new List<int>();
            foreach (var ti in tableTokens)
            {
                if (ti + 1 < tokens.Count && tokens[ti + 1].Is("|"))
                {
                    starts.Add(ti);
                }
            }

            if (starts.Count > 0)
            {
                var tokenIndex = starts[rng.Next(starts.Count)];
                schema.TryGetTable(tokens[tokenIndex].Text, out var table);
                var stringColumns = new List<string>();
                foreach (var c in table.Columns)
                {
                    if (c.Type == KqlScalarType.String)
                    {
                        stringColumns.Add(c.Name);
                    }
                }

                if (stringColumns.Count > 0)
                {
                    var column = stringColumns[rng.Next(stringColumns.Count)];
                    var at = tokens[tokenIndex].End;
                    var insert = " | where " + column + " > " + (rng.Next(1, 1000)).ToString(CultureInfo.InvariantCulture);
                    var compareStart = at + " | where ".Length;
                    yield return new Seed(file, SeedKind.StringComparedToNumber, text, at, 0, insert,
                        compareStart, insert.Length - " | where ".Length, KqlDiagnosticKind.TypeMismatch, insert.Trim());
                }
            }
        }

        // Calls of built-in functions: the names come from Kusto.Language (KustoFunctionNames), not from the
        // catalog the analyzer checks against, so a function the catalog lacks is seeded too.
        var callSites = new List<int>();
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Identifier && tokens[i + 1].Is("(") && (i == 0 || !tokens[i - 1].Is(".")) && KustoFunctionNames.Contains(t.Text) && t.Text.Length >= 4)
            {
                callSites.Add(i);
            }
        }

        if (callSites.Count > 0)
        {
            var site = tokens[callSites[rng.Next(callSites.Count)]];
            var misspelled = Misspell(site.Text, allNames);
            if (misspelled != null && !KustoFunctionNames.Contains(misspelled))
            {
                yield return Make(file, SeedKind.MisspelledFunction, text, site, misspelled, KqlDiagnosticKind.UnknownFunction);
            }
        }

        foreach (var seed in TypeSeeds(file, text, tokens, schema, tableTokens, columns))
        {
            yield return seed;
        }

    }

    private static Seed Make(string file, SeedKind kind, string text, Token site, string replacement, KqlDiagnosticKind expected)
    {
        return new Seed(file, kind, text, site.Start, site.Length, replacement, site.Start, replacement.Length, expected, site.Text + " -> " + replacement);
    }

    /// <summary>Drops one inner character (FileName -> FileNme); null when every variant is a real name.</summary>
    private static string? Misspell(string name, HashSet<string> names)
    {
        for (var i = name.Length - 2; i >= 1; i--)
        {
            var candidate = name.Remove(i, 1);
            if (!names.Contains(candidate) && !Parser.IsOperatorKeyword(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Changes the case of one letter (Timestamp -> TimeStamp style); null when no variant is free.</summary>
    private static string? Recase(string name, HashSet<string> names)
    {
        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsLower(c) && (i + 1 >= name.Length || char.IsLower(name[i + 1])) && i > 1)
            {
                var candidate = name.Substring(0, i) + char.ToUpperInvariant(c) + name.Substring(i + 1);
                if (!names.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        var lowered = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return lowered != name && !names.Contains(lowered) ? lowered : null;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s)
            {
                h = (h * 31) + c;
            }

            return h & 0x7fffffff;
        }
    }
}
