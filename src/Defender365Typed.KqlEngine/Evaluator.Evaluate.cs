using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>evaluate</c> plugins: <c>bag_unpack</c> and <c>pivot</c>. An output schema (<c>evaluate p(...) : (A: type, ...)</c>)
/// projects the plugin's result onto the declared columns (missing ones empty), as the service does.
/// </summary>
internal sealed partial class Evaluator
{
    private KqlResultTable Evaluate(KqlResultTable input, OperatorNode op)
    {
        if (op.Operand is not CallExpr plugin)
        {
            throw Error(op, "evaluate needs a plugin call.");
        }

        KqlResultTable result = plugin.Name.Name switch
        {
            "bag_unpack" => BagUnpack(input, plugin),
            "pivot" => Pivot(input, plugin),
            var name => throw new KqlEngineException($"unsupported operator 'evaluate {name}'", _text, op.KeywordStart, plugin.Name.End - op.KeywordStart),
        };
        if (op.Columns is not { Count: > 0 } declared)
        {
            return result;
        }

        var columns = declared.Select(c => new KqlResultColumn(c.Name.Name, KqlColumnTypes.TryParse(c.TypeName, out KqlScalarType t) ? t : KqlScalarType.Dynamic)).ToList();
        int[] map = columns.Select(c => result.IndexOf(c.Name)).ToArray();
        return Table(columns, result.Rows.Select(r => columns.Select((c, i) => Values.Coerce(map[i] >= 0 ? r[map[i]] : null, c.Type)).ToArray()).ToList());
    }

    /// <summary>bag_unpack(Column [, OutputColumnPrefix]): one dynamic column per property of the bags, the source column removed.</summary>
    private KqlResultTable BagUnpack(KqlResultTable input, CallExpr call)
    {
        if (call.Args.Count < 1 || call.Args[0] is not NameExpr source)
        {
            throw Error(call, "bag_unpack needs the dynamic column to unpack.");
        }

        int sourceIndex = input.IndexOf(source.Name);
        if (sourceIndex < 0)
        {
            throw Error(source, $"unknown column '{source.Name}'" + Suggest(source.Name, input.Columns.Select(c => c.Name)));
        }

        string prefix = call.Args.Count > 1 ? Values.ToText(ConstantValue(call.Args[1])) : "";
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (object?[] row in input.Rows)
        {
            if (Bag(row[sourceIndex]) is { } bag)
            {
                keys.AddRange(bag.Keys.Where(seen.Add));
            }
        }

        var columns = input.Columns.Where((_, i) => i != sourceIndex).ToList();
        foreach (string key in keys)
        {
            string name = prefix + key;
            if (columns.Any(c => c.Name == name))
            {
                throw Error(call, $"bag_unpack: the property '{name}' clashes with an existing column (give an OutputColumnPrefix).");
            }

            columns.Add(new KqlResultColumn(name, KqlScalarType.Dynamic));
        }

        var rows = new List<object?[]>(input.Rows.Count);
        foreach (object?[] row in input.Rows)
        {
            DynamicBag? bag = Bag(row[sourceIndex]);
            var output = row.Where((_, i) => i != sourceIndex).ToList();
            output.AddRange(keys.Select(k => bag is not null && bag.TryGetValue(k, out object? v) ? v : null));
            rows.Add([.. output]);
        }

        return Table(columns, rows);
    }

    private static DynamicBag? Bag(object? value) => value switch
    {
        DynamicBag b => b,
        string s when DynamicJson.TryParse(s, out object? parsed) => parsed as DynamicBag,
        _ => null,
    };

    /// <summary>pivot(PivotColumn [, Aggregate = count()] [, GroupColumn, ...]): a column per distinct pivot value, in first-seen order.</summary>
    private KqlResultTable Pivot(KqlResultTable input, CallExpr call)
    {
        if (call.Args.Count < 1)
        {
            throw Error(call, "pivot needs the pivot column.");
        }

        var inputScope = new Scope(input.Columns);
        Scalar pivot = Compile(call.Args[0], new Ctx(inputScope));
        Expr aggregate = call.Args.Count > 1 ? call.Args[1] : new CallExpr(new NameExpr("count", call.Start, call.Start), []) { Start = call.Start, End = call.Start };
        var collector = new AggregateCollector(inputScope);
        Scalar value = Compile(aggregate, new Ctx(Scope.Empty, collector));
        var groupNames = call.Args.Skip(2).Select(a => a is NameExpr n ? n.Name : throw Error(a, "pivot groups by column names.")).ToList();
        int[] groupIndexes = groupNames.Select(n => input.IndexOf(n) is var i and >= 0 ? i : throw Error(call, $"unknown column '{n}'")).ToArray();

        var pivotValues = new List<string>();
        var cells = new Dictionary<object?[], Dictionary<string, Aggregator[]>>(RowKeyComparer.Instance);
        var order = new List<object?[]>();
        foreach (object?[] row in input.Rows)
        {
            string p = Values.ToText(pivot.Eval(row));
            if (!pivotValues.Contains(p))
            {
                pivotValues.Add(p);
            }

            object?[] key = groupIndexes.Select(i => row[i]).ToArray();
            if (!cells.TryGetValue(key, out Dictionary<string, Aggregator[]>? byPivot))
            {
                cells[key] = byPivot = new Dictionary<string, Aggregator[]>(StringComparer.Ordinal);
                order.Add(key);
            }

            if (!byPivot.TryGetValue(p, out Aggregator[]? aggregators))
            {
                byPivot[p] = aggregators = collector.Specs.Select(s => s.Create()).ToArray();
            }

            foreach (Aggregator a in aggregators)
            {
                a.Add(row);
            }
        }

        var columns = groupIndexes.Select(i => input.Columns[i]).ToList();
        columns.AddRange(pivotValues.Select(p => new KqlResultColumn(p.Length == 0 ? "Column" + (columns.Count + 1).ToString(CultureInfo.InvariantCulture) : p, value.Type)));
        object? empty = Values.Coerce(value.Eval(collector.Specs.Select(s => s.Create().Result()).ToArray()), value.Type);
        var rows = order.Select(key => (object?[])[.. key, .. pivotValues.Select(p => cells[key].TryGetValue(p, out Aggregator[]? a)
            ? Values.Coerce(value.Eval(a.Select(x => x.Result()).ToArray()), value.Type)
            : empty)]).ToList();
        return Table(columns, rows);
    }
}
