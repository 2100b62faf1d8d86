using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>join, union and mv-expand.</summary>
internal sealed partial class Evaluator
{
    private static readonly string[] JoinKinds =
        ["innerunique", "inner", "leftouter", "rightouter", "fullouter", "leftsemi", "leftanti", "rightsemi", "rightanti", "leftantisemi", "rightantisemi"];

    /// <summary>join, and lookup (<paramref name="lookup"/>): leftouter by default, only leftouter or inner, right keys dropped.</summary>
    private KqlResultTable Join(KqlResultTable left, OperatorNode op, bool lookup = false)
    {
        string kind = lookup ? "leftouter" : "innerunique";
        if (op.GetParameter("kind") is { } kindExpr)
        {
            kind = kindExpr is NameExpr n ? n.Name : _text[kindExpr.Start..kindExpr.End];
            if (!JoinKinds.Contains(kind, StringComparer.Ordinal) || (lookup && kind is not ("leftouter" or "inner")))
            {
                throw Error(kindExpr, $"unsupported operator '{op.Keyword} kind={kind}'");
            }

            kind = kind switch
            {
                "leftantisemi" => "leftanti",
                "rightantisemi" => "rightanti",
                _ => kind,
            };
        }

        KqlResultTable right = EvalTabular(op.Operand ?? throw Error(op, "join needs a right table."));
        var leftScope = new Scope(left.Columns);
        var rightScope = new Scope(right.Columns);
        var leftKeys = new List<int>();
        var rightKeys = new List<int>();
        if (op.On.Count == 0)
        {
            throw Error(op, "join needs an 'on' clause.");
        }

        // A && B in the on clause is two key pairs.
        static IEnumerable<Expr> Conjuncts(Expr e) => e is BinaryExpr { Op: "and" } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [e];
        foreach (Expr on in op.On.SelectMany(Conjuncts))
        {
            (string l, string r, Expr at) = on switch
            {
                NameExpr n => (n.Name, n.Name, (Expr)n),
                BinaryExpr { Op: "==", Left: DotExpr a, Right: DotExpr b } when Side(a) == "$left" && Side(b) == "$right" => (a.Member.Name, b.Member.Name, on),
                BinaryExpr { Op: "==", Left: DotExpr a, Right: DotExpr b } when Side(a) == "$right" && Side(b) == "$left" => (b.Member.Name, a.Member.Name, on),
                _ => throw Error(on, "unsupported operator 'join on' with this condition: use Column or $left.A == $right.B"),
            };
            if (!leftScope.TryGet(l, out int li))
            {
                throw Error(at, $"unknown column '{l}' in the left side of the join");
            }

            if (!rightScope.TryGet(r, out int ri))
            {
                throw Error(at, $"unknown column '{r}' in the right side of the join");
            }

            leftKeys.Add(li);
            rightKeys.Add(ri);
        }

        static object?[] Key(object?[] row, List<int> keys)
        {
            object?[] k = new object?[keys.Count];
            for (int i = 0; i < k.Length; i++)
            {
                k[i] = row[keys[i]];
            }

            return k;
        }

        IReadOnlyList<object?[]> leftRows = left.Rows;
        if (kind == "innerunique")
        {
            var firstPerKey = new HashSet<object?[]>(RowKeyComparer.Instance);
            leftRows = left.Rows.Where(r => firstPerKey.Add(Key(r, leftKeys))).ToList();
            kind = "inner";
        }

        // Rows with a null key never match.
        var rightIndex = new Dictionary<object?[], List<int>>(RowKeyComparer.Instance);
        for (int i = 0; i < right.Rows.Count; i++)
        {
            object?[] k = Key(right.Rows[i], rightKeys);
            if (k.Any(v => v is null))
            {
                continue;
            }

            if (!rightIndex.TryGetValue(k, out List<int>? list))
            {
                rightIndex[k] = list = [];
            }

            list.Add(i);
        }

        var rows = new List<object?[]>();
        switch (kind)
        {
            case "leftsemi":
            case "leftanti":
                foreach (object?[] row in leftRows)
                {
                    if (rightIndex.ContainsKey(Key(row, leftKeys)) == (kind == "leftsemi"))
                    {
                        rows.Add(row);
                    }
                }

                return new KqlResultTable("", left.Columns, rows);
            case "rightsemi":
            case "rightanti":
            {
                var leftSet = new HashSet<object?[]>(leftRows.Select(r => Key(r, leftKeys)).Where(k => k.All(v => v is not null)), RowKeyComparer.Instance);
                foreach (object?[] row in right.Rows)
                {
                    if (leftSet.Contains(Key(row, rightKeys)) == (kind == "rightsemi"))
                    {
                        rows.Add(row);
                    }
                }

                return new KqlResultTable("", right.Columns, rows);
            }
        }

        // inner and outer kinds: left columns, then right columns renamed Name1, Name2... on clashes.
        var columns = new List<KqlResultColumn>(left.Columns);
        var names = new HashSet<string>(left.Columns.Select(c => c.Name), StringComparer.Ordinal);
        foreach (KqlResultColumn c in right.Columns)
        {
            string candidate = c.Name;
            for (int n = 1; !names.Add(candidate); n++)
            {
                candidate = c.Name + n.ToString(CultureInfo.InvariantCulture);
            }

            columns.Add(c with { Name = candidate });
        }

        object?[] NullRow(IReadOnlyList<KqlResultColumn> cols) => cols.Select(c => c.Type == KqlScalarType.String ? (object?)"" : null).ToArray();
        object?[] leftNulls = NullRow(left.Columns);
        object?[] rightNulls = NullRow(right.Columns);
        bool keepLeft = kind is "leftouter" or "fullouter";
        bool keepRight = kind is "rightouter" or "fullouter";
        var matchedRight = new bool[right.Rows.Count];
        foreach (object?[] row in leftRows)
        {
            if (rightIndex.TryGetValue(Key(row, leftKeys), out List<int>? matches))
            {
                foreach (int ri in matches)
                {
                    matchedRight[ri] = true;
                    rows.Add([.. row, .. right.Rows[ri]]);
                    Budget.Tick(op);
                    if (rows.Count > _options.MaxWorkingRows)
                    {
                        Budget.CountRows(rows.Count, op);
                    }
                }
            }
            else if (keepLeft)
            {
                rows.Add([.. row, .. rightNulls]);
            }
        }

        if (keepRight)
        {
            for (int i = 0; i < right.Rows.Count; i++)
            {
                if (!matchedRight[i])
                {
                    rows.Add([.. leftNulls, .. right.Rows[i]]);
                }
            }
        }

        if (lookup)
        {
            // lookup: the right side's key columns are not repeated.
            var drop = rightKeys.Select(k => left.Columns.Count + k).ToHashSet();
            return Select(Table(columns, rows), Enumerable.Range(0, columns.Count).Where(c => !drop.Contains(c)).ToList());
        }

        return Table(columns, rows);
    }

    private static string? Side(DotExpr d) => d.Left is NameExpr n ? n.Name : null;

    private KqlResultTable Union(KqlResultTable? first, OperatorNode op)
    {
        string kind = "outer";
        if (op.GetParameter("kind") is NameExpr k)
        {
            kind = k.Name;
            if (kind is not ("outer" or "inner"))
            {
                throw Error(k, $"unsupported operator 'union kind={kind}'");
            }
        }

        var parts = new List<KqlResultTable>();
        var sources = new List<string>();
        if (first is not null)
        {
            parts.Add(first);
            sources.Add("union_arg0");
        }

        foreach (Expr item in op.Items)
        {
            if (item is PatternExpr pattern)
            {
                List<string> names = _tables.TableNames.Where(t => MatchesPattern(t, pattern.Pattern)).Order(StringComparer.Ordinal).ToList();
                foreach (string name in names)
                {
                    _tables.TryGetTable(name, out KqlResultTable? t);
                    parts.Add(t!);
                    sources.Add(name);
                }

                continue;
            }

            parts.Add(EvalTabular(item));
            sources.Add(item is NameExpr n ? n.Name : "union_arg" + sources.Count.ToString(CultureInfo.InvariantCulture));
        }

        // withsource=Name: a first column naming the table each row comes from.
        if (op.GetParameter("withsource") is NameExpr source)
        {
            var sourceColumn = new KqlResultColumn(source.Name, KqlScalarType.String);
            parts = parts.Select((p, i) => new KqlResultTable(p.Name, [sourceColumn, .. p.Columns.Where(c => c.Name != source.Name)],
                p.Rows.Select(r => (object?[])[sources[i], .. r.Where((_, k) => p.Columns[k].Name != source.Name)]).ToList())).ToList();
        }

        var columns = new List<KqlResultColumn>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (KqlResultTable part in parts)
        {
            foreach (KqlResultColumn c in part.Columns)
            {
                if (index.TryAdd(c.Name, columns.Count))
                {
                    columns.Add(c);
                }
            }
        }

        if (kind == "inner")
        {
            columns = columns.Where(c => parts.All(p => p.IndexOf(c.Name) >= 0)).ToList();
            index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c.Name, x => x.i, StringComparer.Ordinal);
        }

        var rows = new List<object?[]>();
        foreach (KqlResultTable part in parts)
        {
            int[] map = columns.Select(c => part.IndexOf(c.Name)).ToArray();
            foreach (object?[] row in part.Rows)
            {
                object?[] output = new object?[columns.Count];
                for (int i = 0; i < map.Length; i++)
                {
                    output[i] = map[i] >= 0 ? Values.Coerce(row[map[i]], columns[i].Type) : columns[i].Type == KqlScalarType.String ? "" : null;
                }

                rows.Add(output);
            }
        }

        return Table(columns, rows);
    }

    private KqlResultTable MvExpand(KqlResultTable input, OperatorNode op)
    {
        var ctx = new Ctx(new Scope(input.Columns));
        var columns = new List<KqlResultColumn>(input.Columns);
        var expansions = new List<(int Column, Scalar Value, KqlScalarType? Cast)>();
        bool arrayKind = op.GetParameter("kind") is NameExpr { Name: "array" } || op.GetParameter("bagexpansion") is NameExpr { Name: "array" };
        foreach (Expr raw in op.Items)
        {
            Expr item = raw;
            KqlScalarType? cast = null;
            if (item is ToTypeExpr to)
            {
                if (!KqlColumnTypes.TryParse(to.TypeName, out KqlScalarType t))
                {
                    throw Error(to, $"Unknown type '{to.TypeName}'.");
                }

                cast = t;
                item = to.Inner;
            }

            string name;
            Scalar value;
            if (item is AssignExpr { Names.Count: 1 } assign)
            {
                name = assign.Names[0].Name;
                value = Compile(assign.Value, ctx);
            }
            else if (item is NameExpr n)
            {
                name = n.Name;
                value = Compile(n, ctx);
            }
            else
            {
                // An unnamed expression takes the name of the column it reads: mv-expand todynamic(X) expands into X.
                name = DerivedName(item) ?? "Column1";
                value = Compile(item, ctx);
            }

            int column = columns.FindIndex(c => c.Name == name);
            var type = cast ?? KqlScalarType.Dynamic;
            if (column < 0)
            {
                column = columns.Count;
                columns.Add(new KqlResultColumn(name, type));
            }
            else
            {
                columns[column] = new KqlResultColumn(name, type);
            }

            expansions.Add((column, value, cast));
        }

        int indexColumn = -1;
        if (op.GetParameter("with_itemindex") is NameExpr indexName)
        {
            indexColumn = columns.Count;
            columns.Add(new KqlResultColumn(indexName.Name, KqlScalarType.Long));
        }

        long limit = op.Operand is null ? long.MaxValue : ConstantCount(op);
        var rows = new List<object?[]>();
        foreach (object?[] row in input.Rows)
        {
            var lists = new List<IReadOnlyList<object?>>();
            int count = 0;
            foreach ((int _, Scalar value, KqlScalarType? _) in expansions)
            {
                IReadOnlyList<object?> elements = value.Eval(row) switch
                {
                    null => [null],
                    DynamicArray a => a,
                    DynamicBag b => b.Select(p => arrayKind
                        ? (object?)new DynamicArray([p.Key, p.Value])
                        : new DynamicBag([p])).ToList(),
                    var scalar => [scalar],
                };
                lists.Add(elements);
                count = Math.Max(count, elements.Count);
            }

            for (int i = 0; i < count && i < limit; i++)
            {
                object?[] output = new object?[columns.Count];
                Array.Copy(row, output, row.Length);
                for (int e = 0; e < expansions.Count; e++)
                {
                    object? v = i < lists[e].Count ? lists[e][i] : null;
                    output[expansions[e].Column] = expansions[e].Cast is { } t ? Cast(v, t) : v;
                }

                if (indexColumn >= 0)
                {
                    output[indexColumn] = (long)i;
                }

                rows.Add(output);
            }
        }

        return Table(columns, rows);
    }

    /// <summary><c>to typeof(T)</c>: a cast, not a conversion; values of another kind become null.</summary>
    private static object? Cast(object? v, KqlScalarType type)
    {
        if (type == KqlScalarType.Dynamic || v is null)
        {
            return type == KqlScalarType.String && v is null ? "" : v;
        }

        return type switch
        {
            KqlScalarType.String => v as string ?? "",
            KqlScalarType.Bool => v as bool?,
            KqlScalarType.Long or KqlScalarType.Int or KqlScalarType.Real or KqlScalarType.Decimal =>
                Values.IsNumber(v) ? Values.Coerce(v, type) : null,
            KqlScalarType.DateTime => v is string s ? Values.ParseDateTime(s) : v as DateTime?,
            KqlScalarType.TimeSpan => v is string s ? Values.ParseTimeSpan(s) : v as TimeSpan?,
            KqlScalarType.Guid => v is string s ? Values.ToGuid(s) : v as Guid?,
            _ => v,
        };
    }
}
