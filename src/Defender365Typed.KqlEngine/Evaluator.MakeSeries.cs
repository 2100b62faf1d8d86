using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>make-series [Name =] Aggregate [default = V], ... on Axis [from Start] [to End] step Step [by Keys]</c> (or
/// <c>in range(Start, End, Step)</c>): one row per key group, each aggregate an array over the bins
/// <c>Start + k * Step</c> that lie before End, missing bins holding the default (0 unless given). Without from/to
/// the bounds are the smallest and largest axis values. Columns: the keys, the aggregates, then the axis array.
/// </summary>
internal sealed partial class Evaluator
{
    private KqlResultTable MakeSeries(KqlResultTable input, OperatorNode op)
    {
        CheckParameters(op, "kind");
        var inputScope = new Scope(input.Columns);
        var inputCtx = new Ctx(inputScope);
        if (op.On.Count != 1)
        {
            throw Error(op, "make-series needs 'on' and an axis column.");
        }

        Expr axisExpr = op.On[0];
        Scalar axis = Compile(axisExpr, inputCtx);
        string axisName = DerivedName(axisExpr) ?? "Column1";
        (object? from, object? to, object? step) = SeriesBounds(op);
        if (step is null)
        {
            throw Error(op, "make-series needs a 'step'.");
        }

        // The keys.
        var columns = new List<KqlResultColumn>();
        var keys = new List<Scalar>();
        int auto = 0;
        foreach (Expr e in op.By)
        {
            (string name, Expr value) = e is AssignExpr { Names.Count: 1 } a ? (a.Names[0].Name, a.Value) : (DerivedName(e) ?? "Column" + (++auto).ToString(CultureInfo.InvariantCulture), e);
            Scalar s = Compile(value, inputCtx);
            keys.Add(s);
            columns.Add(new KqlResultColumn(name, s.Type));
        }

        // The aggregates, compiled into slots like summarize's.
        var collector = new AggregateCollector(inputScope);
        var outers = new List<(Scalar Value, object? Default)>();
        foreach (Expr item in op.Items)
        {
            (string? name, Expr value) = item is AssignExpr { Names.Count: 1 } a ? (a.Names[0].Name, a.Value) : (null, item);
            Scalar compiled = Compile(value, new Ctx(Scope.Empty, collector));
            name ??= AutoAggregateName(value, ref auto);
            outers.Add((compiled, SeriesDefault(item)));
            columns.Add(new KqlResultColumn(UniqueName(columns, name), KqlScalarType.Dynamic));
        }

        columns.Add(new KqlResultColumn(UniqueName(columns, axisName), KqlScalarType.Dynamic));

        // Bounds from the data when not given.
        List<object?> axisValues = input.Rows.Select(r => axis.Eval(r)).Where(v => v is not null).ToList();
        from ??= axisValues.Count == 0 ? null : axisValues.Aggregate((x, y) => Values.Compare(x!, y!) <= 0 ? x : y);
        object? last = axisValues.Count == 0 ? null : axisValues.Aggregate((x, y) => Values.Compare(x!, y!) >= 0 ? x : y);
        to ??= last is null ? null : Arithmetic("+", last, step);
        var bins = new List<object?>();
        if (from is not null && to is not null)
        {
            for (object? b = from; b is not null && Values.Compare(b, to!) < 0; b = Arithmetic("+", b, step))
            {
                bins.Add(b);
                if (bins.Count > 100_000)
                {
                    throw Error(op, "make-series would build more than 100,000 bins; use a larger step.");
                }
            }
        }

        var groups = new Dictionary<object?[], Aggregator[][]>(RowKeyComparer.Instance);
        var order = new List<object?[]>();
        foreach (object?[] row in input.Rows)
        {
            Budget.Tick(op);
            object? x = axis.Eval(row);
            if (x is null || bins.Count == 0 || Values.Compare(x, from!) < 0 || Values.Compare(x, to!) >= 0)
            {
                continue;
            }

            // (x - from) / step: a real for datetime and timespan axes, a whole number for integer axes.
            int bin = (int)Math.Floor(Values.ToReal(Arithmetic("/", Arithmetic("-", x, from), step)) ?? -1);
            if (bin < 0 || bin >= bins.Count)
            {
                continue;
            }

            object?[] key = keys.Select(k => k.Eval(row)).ToArray();
            if (!groups.TryGetValue(key, out Aggregator[][]? perBin))
            {
                groups[key] = perBin = new Aggregator[bins.Count][];
                order.Add(key);
            }

            foreach (Aggregator a in perBin[bin] ??= collector.Specs.Select(s => s.Create()).ToArray())
            {
                a.Add(row);
            }
        }

        // No group: one row of defaults, except that an empty input gives no rows unless kind=nonempty (the reference's examples).
        if (keys.Count == 0 && order.Count == 0 && (input.Rows.Count > 0 || op.GetParameter("kind") is NameExpr { Name: "nonempty" }))
        {
            order.Add([]);
            groups[[]] = new Aggregator[bins.Count][];
        }

        var rows = new List<object?[]>(order.Count);
        foreach (object?[] key in order)
        {
            Aggregator[][] perBin = groups[key];
            object?[] output = new object?[columns.Count];
            Array.Copy(key, output, key.Length);
            for (int i = 0; i < outers.Count; i++)
            {
                (Scalar value, object? fallback) = outers[i];
                output[key.Length + i] = new DynamicArray(perBin.Select(aggs => aggs is null ? fallback : Plain(value.Eval(aggs.Select(a => a.Result()).ToArray()))));
            }

            output[^1] = new DynamicArray(bins);
            rows.Add(output);
        }

        return Table(columns, rows);
    }

    /// <summary>The from/to/step values: each bound expression is named by the keyword token right before it.</summary>
    private (object? From, object? To, object? Step) SeriesBounds(OperatorNode op)
    {
        object? from = null, to = null, step = null;
        List<Token> tokens = TokensAfterKeyword(op);
        foreach (Expr bound in op.Checked)
        {
            if (bound is CallExpr { Name.Name: "range", Args.Count: 3 } range)
            {
                from = ConstantValue(range.Args[0]);
                to = ConstantValue(range.Args[1]);
                step = ConstantValue(range.Args[2]);
                continue;
            }

            Token keyword = tokens.LastOrDefault(t => t.End <= bound.Start);
            switch (keyword.Text)
            {
                case "from": from = ConstantValue(bound); break;
                case "to": to = ConstantValue(bound); break;
                case "step": step = ConstantValue(bound); break;
            }
        }

        return (from, to, step);
    }

    private object? ConstantValue(Expr e)
    {
        Scalar s = Compile(e, new Ctx(Scope.Empty));
        return s.IsConstant ? s.Value : s.Eval([]);
    }

    /// <summary>The <c>default = V</c> of a make-series aggregate (read from the tokens after it), or 0.</summary>
    private object? SeriesDefault(Expr item)
    {
        int at = -1;
        for (int i = 0; i < _tokens.Count; i++)
        {
            if (_tokens[i].Start >= item.End)
            {
                at = i;
                break;
            }
        }

        if (at < 0 || !_tokens[at].Is("default") || at + 2 >= _tokens.Count || !_tokens[at + 1].Is("="))
        {
            return 0L;
        }

        bool negative = _tokens[at + 2].Is("-");
        Token value = _tokens[at + (negative ? 3 : 2)];
        object? v = value.Kind switch
        {
            TokenKind.LongLiteral => Values.ToLong(value.Text),
            TokenKind.RealLiteral => Values.ToReal(value.Text),
            TokenKind.StringLiteral => value.Value,
            _ => value.Text == "null" ? null : 0L,
        };
        return negative ? Arithmetic("-", 0L, v) : v;
    }
}
