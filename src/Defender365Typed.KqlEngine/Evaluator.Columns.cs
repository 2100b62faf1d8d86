using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>where, project, extend, project-away, project-keep, project-reorder and project-rename.</summary>
internal sealed partial class Evaluator
{
    private KqlResultTable Where(KqlResultTable input, OperatorNode op)
    {
        Scalar predicate = Compile(op.Items[0], new Ctx(new Scope(input.Columns)));
        if (predicate.Type != KqlScalarType.Bool && predicate.Type != KqlScalarType.Dynamic)
        {
            throw Error(op.Items[0], $"The 'where' predicate must be a bool, not a {KqlScalarTypes.Name(predicate.Type)}.");
        }

        IReadOnlyList<object?[]>? range = TimeRange(input, op.Items[0], out bool exact);
        if (exact)
        {
            return new KqlResultTable("", input.Columns, range!) { IsOrderedByTimestamp = true };
        }

        var rows = new List<object?[]>();
        foreach (object?[] row in range ?? input.Rows)
        {
            Budget.Tick(op);
            if (predicate.Eval(row) is true)
            {
                rows.Add(row);
            }
        }

        // A filter keeps the rows' order, so an ordered input gives an ordered output (a second where uses it too).
        return new KqlResultTable("", input.Columns, rows) { IsOrderedByTimestamp = input.IsOrderedByTimestamp };
    }

    private static readonly string[] AnomalySeriesParts = ["ad_flag", "ad_score", "baseline"];

    /// <summary>
    /// A project/extend item whose value is a tuple: <c>(A, B, C) = f(...)</c>, or an unnamed
    /// <c>series_decompose_anomalies(y)</c>, whose three series the reference names
    /// <c>series_decompose_anomalies_y_ad_flag</c>, <c>..._ad_score</c> and <c>..._baseline</c>, or an unnamed
    /// <c>array_sort_asc(a, b)</c> of several arrays (<c>a_sorted</c>, <c>b_sorted</c>).
    /// </summary>
    private static (Expr? Value, IReadOnlyList<string>? Names) TupleItem(Expr item) => item switch
    {
        AssignExpr { Names.Count: > 1 } tuple => (tuple.Value, tuple.Names.Select(n => n.Name).ToList()),
        CallExpr { Name.Name: "series_decompose_anomalies", Args.Count: > 0 } call when DerivedName(call.Args[0]) is { } series =>
            (call, AnomalySeriesParts.Select(part => $"series_decompose_anomalies_{series}_{part}").ToList()),
        CallExpr { Name.Name: "array_sort_asc" or "array_sort_desc" } call when call.Args.Count(a => a is not LiteralExpr) > 1
            && call.Args.Where(a => a is not LiteralExpr).Select(DerivedName).ToList() is var arrays && arrays.TrueForAll(a => a is not null) =>
            (call, arrays.Select(a => a + "_sorted").ToList()),
        _ => (null, null),
    };

    private KqlResultTable Project(KqlResultTable input, List<Expr> items, bool extend)
    {
        var scope = new Scope(input.Columns);
        var ctx = new Ctx(scope);
        var columns = extend ? new List<KqlResultColumn>(input.Columns) : [];
        var sources = new List<RowFunc>();
        if (extend)
        {
            for (int i = 0; i < input.Columns.Count; i++)
            {
                int index = i;
                sources.Add(row => row[index]);
            }
        }

        int auto = 0;
        foreach (Expr item in items)
        {
            if (TupleItem(item) is ({ } tupleValue, { } tupleNames))
            {
                // (A, B, C) = f(...): f returns a tuple (an array here); each name takes one element, f runs once per row.
                Scalar whole = Compile(tupleValue, ctx);
                object?[]? lastRow = null;
                object? lastValue = null;
                for (int k = 0; k < tupleNames.Count; k++)
                {
                    int element = k;
                    string tupleName = tupleNames[k];
                    RowFunc part = row =>
                    {
                        if (!ReferenceEquals(row, lastRow))
                        {
                            lastValue = whole.Eval(row);
                            lastRow = row;
                        }

                        return lastValue is DynamicArray a && element < a.Count ? a[element] : null;
                    };
                    int at = columns.FindIndex(c => c.Name == tupleName);
                    if (at >= 0)
                    {
                        columns[at] = new KqlResultColumn(tupleName, KqlScalarType.Dynamic);
                        sources[at] = part;
                    }
                    else
                    {
                        columns.Add(new KqlResultColumn(tupleName, KqlScalarType.Dynamic));
                        sources.Add(part);
                    }
                }

                continue;
            }

            string name;
            Scalar value;
            if (item is AssignExpr assign)
            {
                name = assign.Names[0].Name;
                value = Compile(assign.Value, ctx);
            }
            else
            {
                value = Compile(item, ctx);
                name = item is NameExpr n ? n.Name : "Column" + (++auto).ToString(CultureInfo.InvariantCulture);
            }

            int existing = columns.FindIndex(c => c.Name == name);
            RowFunc eval = value.Eval;
            if (existing >= 0)
            {
                if (!extend)
                {
                    throw Error(item, $"The column '{name}' is projected twice.");
                }

                columns[existing] = new KqlResultColumn(name, value.Type);
                sources[existing] = eval;
            }
            else
            {
                columns.Add(new KqlResultColumn(name, value.Type));
                sources.Add(eval);
            }
        }

        var rows = new List<object?[]>(input.Rows.Count);
        RowFunc[] funcs = [.. sources];
        foreach (object?[] row in input.Rows)
        {
            object?[] output = new object?[funcs.Length];
            for (int i = 0; i < funcs.Length; i++)
            {
                output[i] = funcs[i](row);
            }

            rows.Add(output);
        }

        return Table(columns, rows);
    }

    private static bool MatchesPattern(string name, string pattern)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return name == pattern;
        }

        string regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(name, regex);
    }

    private List<int> MatchColumns(KqlResultTable input, Expr item)
    {
        string pattern = item switch
        {
            NameExpr n => n.Name,
            PatternExpr p => p.Pattern,
            _ => throw Error(item, "Expected a column name or a wildcard pattern."),
        };
        var matches = new List<int>();
        for (int i = 0; i < input.Columns.Count; i++)
        {
            if (MatchesPattern(input.Columns[i].Name, pattern))
            {
                matches.Add(i);
            }
        }

        if (matches.Count == 0 && item is NameExpr)
        {
            throw Error(item, $"unknown column '{pattern}'" + Suggest(pattern, input.Columns.Select(c => c.Name)));
        }

        return matches;
    }

    private static KqlResultTable Select(KqlResultTable input, List<int> keep, List<KqlResultColumn>? renamed = null)
    {
        var columns = renamed ?? keep.Select(i => input.Columns[i]).ToList();
        int[] indexes = [.. keep];
        var rows = new List<object?[]>(input.Rows.Count);
        foreach (object?[] row in input.Rows)
        {
            object?[] output = new object?[indexes.Length];
            for (int i = 0; i < indexes.Length; i++)
            {
                output[i] = row[indexes[i]];
            }

            rows.Add(output);
        }

        return Table(columns, rows);
    }

    private KqlResultTable ProjectAway(KqlResultTable input, OperatorNode op)
    {
        var remove = new HashSet<int>();
        foreach (Expr item in op.Items)
        {
            remove.UnionWith(MatchColumns(input, item));
        }

        return Select(input, Enumerable.Range(0, input.Columns.Count).Where(i => !remove.Contains(i)).ToList());
    }

    private KqlResultTable ProjectKeep(KqlResultTable input, OperatorNode op, bool reorder)
    {
        var chosen = new List<int>();
        foreach (Expr item in op.Items)
        {
            foreach (int i in MatchColumns(input, item))
            {
                if (!chosen.Contains(i))
                {
                    chosen.Add(i);
                }
            }
        }

        if (reorder)
        {
            chosen.AddRange(Enumerable.Range(0, input.Columns.Count).Where(i => !chosen.Contains(i)));
        }
        else
        {
            chosen.Sort();
        }

        return Select(input, chosen);
    }

    private KqlResultTable ProjectRename(KqlResultTable input, OperatorNode op)
    {
        var columns = new List<KqlResultColumn>(input.Columns);
        foreach (Expr item in op.Items)
        {
            if (item is not AssignExpr { Names.Count: 1, Value: NameExpr old } assign)
            {
                throw Error(item, "project-rename expects NewName = ExistingColumn.");
            }

            int i = columns.FindIndex(c => c.Name == old.Name);
            if (i < 0)
            {
                throw Error(old, $"unknown column '{old.Name}'" + Suggest(old.Name, columns.Select(c => c.Name)));
            }

            columns[i] = columns[i] with { Name = assign.Names[0].Name };
        }

        return new KqlResultTable("", columns, input.Rows);
    }
}
