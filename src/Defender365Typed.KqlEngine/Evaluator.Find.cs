using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>find [withsource=Name] [in (T, ...)] where Predicate [project-smart | project Col[:type], ... [, pack_all()]]</c>
/// (or <c>find Predicate ...</c> over every table), as the KQL reference (find-operator.md) describes it. The clauses
/// are read from the tokens; the predicate is search's (a string is a term any column has, <c>* has "x"</c> too).
/// Tables with none of the columns the predicate names are left out; in the others a named column they lack is null.
/// The output starts with <c>source_</c> (the table's name); project-smart adds the predicate's columns, then the
/// columns every table has, then <c>pack_</c>, a bag of the rest; <c>project</c> gives its columns (null where a
/// table lacks one) and, with <c>pack_all()</c>, <c>pack_</c> holding the columns not projected.
/// </summary>
internal sealed partial class Evaluator
{
    private const string FindPackColumn = "pack_";

    private KqlResultTable Find(OperatorNode op)
    {
        List<Token> tokens = TokensAfterKeyword(op);
        int i = 0;
        string source = "source_";
        if (tokens.Count > 2 && tokens[0].Is("withsource") && tokens[1].Is("="))
        {
            source = tokens[2].Text;
            i = 3;
        }

        List<(string Name, KqlResultTable Table)> tables = FindTables(tokens, ref i, op);
        if (i < tokens.Count && tokens[i].Is("where"))
        {
            i++;
        }

        int project = tokens.FindIndex(i, t => t.Is("project") || t.Is("project-smart"));
        int predicateEnd = project < 0 ? tokens.Count : project;
        List<Token> predicate = tokens.GetRange(i, predicateEnd - i);
        if (predicate.Count == 0)
        {
            throw Error(op, "'find' needs a predicate.");
        }

        // The columns the predicate names (identifiers that are no member and no call), in the order it names them.
        var known = new Dictionary<string, KqlScalarType>(StringComparer.Ordinal);
        foreach (KqlResultColumn c in tables.SelectMany(t => t.Table.Columns))
        {
            known.TryAdd(c.Name, c.Type);
        }

        List<string> named = predicate
            .Where((t, k) => t.Kind == TokenKind.Identifier && known.ContainsKey(t.Text)
                && !(k > 0 && predicate[k - 1].Is(".")) && !(k + 1 < predicate.Count && predicate[k + 1].Is("(")))
            .Select(t => t.Text).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
        {
            tables = tables.Where(t => named.Any(n => t.Table.IndexOf(n) >= 0)).ToList();
        }

        var found = new List<(string Name, KqlResultTable Table)>();
        foreach ((string name, KqlResultTable table) in tables)
        {
            List<string> missing = named.Where(n => table.IndexOf(n) < 0).ToList();
            KqlResultTable widened = missing.Count == 0 ? table : new KqlResultTable(name,
                [.. table.Columns, .. missing.Select(n => new KqlResultColumn(n, known[n]))],
                table.Rows.Select(r => (object?[])[.. r, .. missing.Select(n => Values.Coerce(null, known[n]))]).ToList());
            KqlResultTable matches = Filter(widened, predicate, caseSensitive: false, op);
            found.Add((name, new KqlResultTable(name, table.Columns, matches.Rows.Select(r => r[..table.Columns.Count]).ToList())));
        }

        return project >= 0 && tokens[project].Is("project")
            ? FindProject(found, source, tokens.GetRange(project + 1, tokens.Count - project - 1), known, op)
            : FindProjectSmart(found, source, named);
    }

    /// <summary>The tables of <c>in (...)</c> (names, wildcards or subqueries), or every table of the dataset.</summary>
    private List<(string Name, KqlResultTable Table)> FindTables(List<Token> tokens, ref int i, OperatorNode op)
    {
        var tables = new List<(string, KqlResultTable)>();
        if (!(i + 1 < tokens.Count && tokens[i].Is("in") && tokens[i + 1].Is("(")))
        {
            foreach (string name in _tables.TableNames.Order(StringComparer.Ordinal))
            {
                _tables.TryGetTable(name, out KqlResultTable? table);
                tables.Add((name, table!));
            }

            return tables;
        }

        int close = Closing(tokens, i + 1);
        if (close < i + 3 || ParseAfterPrefix("union", tokens[i + 2].Start, tokens[close - 1].End, op) is not OperatorNode { Kind: OperatorKind.Union } union)
        {
            throw Error(op, "'find in (...)' needs one or more tables.");
        }

        foreach (Expr item in union.Items)
        {
            if (item is PatternExpr pattern)
            {
                foreach (string name in _tables.TableNames.Where(t => MatchesPattern(t, pattern.Pattern)).Order(StringComparer.Ordinal))
                {
                    _tables.TryGetTable(name, out KqlResultTable? table);
                    tables.Add((name, table!));
                }

                continue;
            }

            tables.Add((item is NameExpr n ? n.Name : _text[item.Start..item.End].Trim(), EvalTabular(item)));
        }

        i = close + 1;
        return tables;
    }

    private static KqlResultTable FindProjectSmart(List<(string Name, KqlResultTable Table)> found, string source, List<string> named)
    {
        var columns = new List<KqlResultColumn> { new(source, KqlScalarType.String) };
        foreach (string name in named)
        {
            columns.Add(found.Select(f => f.Table.Columns.FirstOrDefault(c => c.Name == name)).First(c => c is not null)!);
        }

        if (found.Count > 0)
        {
            columns.AddRange(found[0].Table.Columns.Where(c => columns.All(x => x.Name != c.Name)
                && found.All(f => f.Table.Columns.Any(x => x.Name == c.Name))));
        }

        columns.Add(new KqlResultColumn(FindPackColumn, KqlScalarType.Dynamic));
        return FindRows(found, columns, packAll: true);
    }

    private KqlResultTable FindProject(List<(string Name, KqlResultTable Table)> found, string source, List<Token> list, Dictionary<string, KqlScalarType> known, OperatorNode op)
    {
        var columns = new List<KqlResultColumn> { new(source, KqlScalarType.String) };
        bool packAll = false;
        foreach (List<Token> item in SplitTopLevel(list, ","))
        {
            if (item is [{ Text: "pack_all" }, { Text: "(" }, { Text: ")" }])
            {
                packAll = true;
            }
            else if (item is [{ Kind: TokenKind.Identifier } name])
            {
                columns.Add(new KqlResultColumn(name.Text, known.TryGetValue(name.Text, out KqlScalarType t) ? t
                    : throw new KqlEngineException($"unknown column '{name.Text}'", _text, name.Start, name.Length)));
            }
            else if (item is [{ Kind: TokenKind.Identifier } typed, { Text: ":" }, { Kind: TokenKind.Identifier } type]
                && KqlColumnTypes.TryParse(type.Text, out KqlScalarType declared))
            {
                columns.Add(new KqlResultColumn(typed.Text, declared));
            }
            else
            {
                throw Error(op, "unsupported operator 'find ... project' with anything but columns, 'Column: type' and pack_all()");
            }
        }

        if (packAll)
        {
            columns.Add(new KqlResultColumn(FindPackColumn, KqlScalarType.Dynamic));
        }

        return FindRows(found, columns, packAll);
    }

    /// <summary>The rows of every table in the output's columns; <c>pack_</c> (last, when asked) bags the row's other columns.</summary>
    private static KqlResultTable FindRows(List<(string Name, KqlResultTable Table)> found, List<KqlResultColumn> columns, bool packAll)
    {
        int plain = packAll ? columns.Count - 1 : columns.Count;
        var rows = new List<object?[]>();
        foreach ((string name, KqlResultTable table) in found)
        {
            int[] map = columns.Take(plain).Select(c => table.IndexOf(c.Name)).ToArray();
            int[] rest = Enumerable.Range(0, table.Columns.Count).Where(k => columns.All(c => c.Name != table.Columns[k].Name)).ToArray();
            foreach (object?[] r in table.Rows)
            {
                object?[] output = new object?[columns.Count];
                output[0] = name;
                for (int c = 1; c < plain; c++)
                {
                    output[c] = Values.Coerce(map[c] >= 0 ? r[map[c]] : null, columns[c].Type);
                }

                if (packAll)
                {
                    output[^1] = new DynamicBag(rest.Select(k => new KeyValuePair<string, object?>(table.Columns[k].Name, Plain(r[k]))));
                }

                rows.Add(output);
            }
        }

        return new KqlResultTable("", columns, rows);
    }
}
