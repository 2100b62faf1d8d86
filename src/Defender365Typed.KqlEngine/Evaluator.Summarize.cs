using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>One aggregate call of a summarize item, compiled against the input rows.</summary>
internal sealed class AggregateSpec
{
    public AggregateSpec(string function, Scalar[] args, KqlScalarType type, long max)
    {
        Function = function;
        Args = args;
        Type = type;
        Max = max;
    }

    public string Function { get; }

    public Scalar[] Args { get; }

    public KqlScalarType Type { get; }

    public long Max { get; }

    /// <summary>The percentage of <c>percentile</c>.</summary>
    public double Percent { get; init; }

    public Aggregator Create() => new(this);
}

/// <summary>Collects the aggregate calls of the summarize items: each becomes a slot of the per-group result row.</summary>
internal sealed class AggregateCollector
{
    public AggregateCollector(Scope input) => Input = input;

    public Scope Input { get; }

    public List<AggregateSpec> Specs { get; } = [];
}

/// <summary>The running state of one aggregate in one group.</summary>
internal sealed partial class Aggregator(AggregateSpec spec)
{
    private long _count;
    private long _longSum;
    private double _realSum;
    private decimal _decimalSum;
    private TimeSpan _timeSum;
    private object? _value;
    private bool _seen;
    private HashSet<object?>? _set;
    private List<object?>? _list;

    public void Add(object?[] row)
    {
        switch (spec.Function)
        {
            case "count":
                _count++;
                return;
            case "countif":
                if (spec.Args[0].Eval(row) is true)
                {
                    _count++;
                }

                return;
        }

        bool conditional = spec.Function.EndsWith("if", StringComparison.Ordinal);
        if (conditional && spec.Args[^1].Eval(row) is not true)
        {
            return;
        }

        object? v = spec.Args[0].Eval(row);
        string f = conditional ? spec.Function[..^2] : spec.Function;
        if (f is "make_set_" or "make_list_" or "make_bag_")
        {
            f = f[..^1];
        }

        switch (f)
        {
            case "dcount":
                if (v is not null)
                {
                    (_set ??= new HashSet<object?>(ValueComparer.Instance)).Add(v);
                }

                break;
            case "sum":
            case "avg":
                if (v is null || !(Values.IsNumber(v) || v is TimeSpan))
                {
                    break;
                }

                _count++;
                switch (v)
                {
                    case TimeSpan ts: _timeSum += ts; break;
                    case decimal m: _decimalSum += m; break;
                    case double d: _realSum += d; break;
                    default:
                        long l = Values.ToLong(v)!.Value;
                        _longSum = unchecked(_longSum + l);
                        _realSum += l;
                        _decimalSum += l;
                        break;
                }

                break;
            case "min":
            case "max":
                if (v is null)
                {
                    break;
                }

                if (!_seen || (Values.Compare(v, _value!) is { } c && (f == "min" ? c < 0 : c > 0)))
                {
                    _value = v;
                    _seen = true;
                }

                break;
            case "make_set":
                if (v is not null && (_set ??= new HashSet<object?>(ValueComparer.Instance)).Count < spec.Max && _set.Add(v))
                {
                    (_list ??= []).Add(v);
                }

                break;
            case "make_list":
                if (v is not null && (_list ??= []).Count < spec.Max)
                {
                    _list.Add(v);
                }

                break;
            case "stdev":
            case "variance":
            case "percentile":
                if (f == "percentile" ? v is not null : Values.ToReal(v) is not null)
                {
                    (_list ??= []).Add(f == "percentile" ? v : Values.ToReal(v));
                }

                break;
            case "make_bag":
                if (v is DynamicBag bag)
                {
                    _set ??= new HashSet<object?>(ValueComparer.Instance);
                    foreach (KeyValuePair<string, object?> p in bag)
                    {
                        if (_set.Count < spec.Max && _set.Add(p.Key))
                        {
                            (_list ??= []).Add(p);
                        }
                    }
                }

                break;
            case "take_any":
            case "any":
                if (!_seen && v is not null && !(v is string s && s.Length == 0))
                {
                    _value = v;
                    _seen = true;
                }

                break;
        }
    }

    public object? Result()
    {
        string f = spec.Function;
        switch (f)
        {
            case "count":
            case "countif":
                return _count;
            case "dcount":
            case "dcountif":
                return (long)(_set?.Count ?? 0);
            case "sum":
            case "sumif":
                if (_count == 0)
                {
                    return null;
                }

                return spec.Type switch
                {
                    KqlScalarType.Long => _longSum,
                    KqlScalarType.Decimal => _decimalSum,
                    KqlScalarType.TimeSpan => _timeSum,
                    _ => _realSum,
                };
            case "avg":
            case "avgif":
                if (_count == 0)
                {
                    return null;
                }

                return spec.Type switch
                {
                    KqlScalarType.Decimal => _decimalSum / _count,
                    KqlScalarType.TimeSpan => new TimeSpan(_timeSum.Ticks / _count),
                    _ => _realSum / _count,
                };
            case "make_set":
            case "make_list":
            case "make_set_if":
            case "make_list_if":
                return new DynamicArray(_list ?? []);
            case "make_bag":
            case "make_bag_if":
                return new DynamicBag((_list ?? []).Cast<KeyValuePair<string, object?>>());
            case "stdev":
            case "stdevif":
            case "variance":
            case "varianceif":
                return SampleVariance(_list) is { } variance ? (f.StartsWith("stdev", StringComparison.Ordinal) ? Math.Sqrt(variance) : variance) : null;
            case "percentile":
                return Percentile(_list, spec.Percent);
            default:
                return Values.Coerce(_value, spec.Type);
        }
    }
}

/// <summary>summarize.</summary>
internal sealed partial class Evaluator
{
    private static readonly HashSet<string> AggregateFunctions = new(StringComparer.Ordinal)
    {
        "count", "countif", "dcount", "dcountif", "sum", "sumif", "avg", "avgif", "min", "max", "make_set", "make_list",
        "make_set_if", "make_list_if", "take_any", "any", "arg_max", "arg_min", "argmax", "argmin", "maxif", "minif", "stdev", "stdevif", "variance",
        "varianceif", "percentile", "make_bag", "make_bag_if",
    };

    /// <summary>Deprecated aggregate names (the KQL reference lists them as aliases) and the aggregate they stand for.</summary>
    private static readonly Dictionary<string, string> AggregateAliases = new(StringComparer.Ordinal)
    {
        ["makeset"] = "make_set", ["makelist"] = "make_list", ["make_list_with_nulls"] = "make_list", ["count_distinct"] = "dcount",
        ["count_distinctif"] = "dcountif", ["makeset_if"] = "make_set_if", ["makelist_if"] = "make_list_if", ["make_dictionary"] = "make_bag",
        ["take_anyif"] = "take_any",
    };

    internal static bool IsAggregate(string name) => AggregateFunctions.Contains(name) || AggregateAliases.ContainsKey(name);

    private sealed class Group(object?[] key, Aggregator[] aggregators, ArgState[] args)
    {
        public object?[] Key { get; } = key;

        public Aggregator[] Aggregators { get; } = aggregators;

        public ArgState[] Args { get; } = args;
    }

    private sealed class ArgState
    {
        public object? Best { get; set; }

        public object?[]? Row { get; set; }
    }

    private sealed record ArgSpec(Scalar Key, bool Max, int[] Columns);

    private KqlResultTable Summarize(KqlResultTable input, OperatorNode op)
    {
        var inputScope = new Scope(input.Columns);
        var inputCtx = new Ctx(inputScope);
        var columns = new List<KqlResultColumn>();
        var byScalars = new List<Scalar>();
        int auto = 0;
        foreach (Expr e in op.By)
        {
            (string name, Expr value) = e switch
            {
                AssignExpr { Names.Count: 1 } a => (a.Names[0].Name, a.Value),
                NameExpr n => (n.Name, (Expr)n),
                CallExpr { Args.Count: > 0 } c when c.Args[0] is NameExpr arg && c.Name.Name is "bin" or "floor" or "bin_at" => (arg.Name, (Expr)c),
                CallExpr { Args.Count: 1 } c when c.Args[0] is NameExpr or DotExpr && c.Name.Name.StartsWith("to", StringComparison.Ordinal)
                    && DerivedName(c.Args[0]) is { } argName => (argName, (Expr)c),
                DotExpr d when DerivedName(d) is { } member => (member, (Expr)d),
                _ => ("Column" + (++auto).ToString(CultureInfo.InvariantCulture), e),
            };
            Scalar s = Compile(value, inputCtx);
            byScalars.Add(s);
            columns.Add(new KqlResultColumn(name, s.Type));
        }

        // Items: plain aggregates (compiled into slots, then an outer expression over the slots) or arg_max/arg_min.
        var collector = new AggregateCollector(inputScope);
        var outer = new List<(int Column, Scalar Value)>();
        var argSpecs = new List<(int FirstColumn, ArgSpec Spec)>();
        foreach (Expr item in op.Items)
        {
            (string? name, Expr value) = item is AssignExpr { Names.Count: 1 } a ? (a.Names[0].Name, a.Value) : (null, item);
            if (item is AssignExpr { Names.Count: > 1 } tuple)
            {
                // (A, B) = arg_max(Key, C): the key and the returned columns take the names, in order.
                if (tuple.Value is not CallExpr { Name.Name: "arg_max" or "arg_min" or "argmax" or "argmin" } tupleCall)
                {
                    throw Error(item, "unsupported operator 'summarize (A, B) = ...' with anything but arg_max or arg_min");
                }

                int first = columns.Count;
                argSpecs.Add((first, CompileArg(tupleCall, input, inputCtx, columns, null)));
                for (int k = 0; k < tuple.Names.Count && first + k < columns.Count; k++)
                {
                    columns[first + k] = columns[first + k] with { Name = tuple.Names[k].Name };
                }

                continue;
            }

            if (value is CallExpr call && call.Name.Name is "arg_max" or "arg_min" or "argmax" or "argmin")
            {
                argSpecs.Add((columns.Count, CompileArg(call, input, inputCtx, columns, name)));
                continue;
            }

            Scalar compiled = Compile(value, new Ctx(Scope.Empty, collector));
            name ??= AutoAggregateName(value, ref auto);
            outer.Add((columns.Count, compiled));
            columns.Add(new KqlResultColumn(UniqueName(columns, name), compiled.Type));
        }

        var groups = new Dictionary<object?[], Group>(RowKeyComparer.Instance);
        var order = new List<Group>();
        Group NewGroup(object?[] key)
        {
            var g = new Group(key, collector.Specs.Select(s => s.Create()).ToArray(), argSpecs.Select(_ => new ArgState()).ToArray());
            order.Add(g);
            return g;
        }

        foreach (object?[] row in input.Rows)
        {
            object?[] key = new object?[byScalars.Count];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = byScalars[i].Eval(row);
            }

            if (!groups.TryGetValue(key, out Group? group))
            {
                groups[key] = group = NewGroup(key);
            }

            foreach (Aggregator a in group.Aggregators)
            {
                a.Add(row);
            }

            for (int i = 0; i < argSpecs.Count; i++)
            {
                ArgSpec spec = argSpecs[i].Spec;
                ArgState state = group.Args[i];
                object? k = spec.Key.Eval(row);
                if (state.Row is null
                    || (k is not null && (state.Best is null || (Values.Compare(k, state.Best) is { } c && (spec.Max ? c > 0 : c < 0)))))
                {
                    state.Best = k;
                    state.Row = row;
                }
            }
        }

        if (byScalars.Count == 0 && order.Count == 0)
        {
            NewGroup([]);
        }

        var rows = new List<object?[]>(order.Count);
        foreach (Group g in order)
        {
            object?[] output = new object?[columns.Count];
            Array.Copy(g.Key, output, g.Key.Length);
            object?[] slots = g.Aggregators.Select(a => a.Result()).ToArray();
            foreach ((int column, Scalar value) in outer)
            {
                output[column] = Values.Coerce(value.Eval(slots), columns[column].Type);
            }

            for (int i = 0; i < argSpecs.Count; i++)
            {
                (int first, ArgSpec spec) = argSpecs[i];
                object?[]? chosen = g.Args[i].Row;
                output[first] = chosen is null ? null : spec.Key.Eval(chosen);
                for (int c = 0; c < spec.Columns.Length; c++)
                {
                    output[first + 1 + c] = chosen is null ? Values.Coerce(null, input.Columns[spec.Columns[c]].Type) : chosen[spec.Columns[c]];
                }
            }

            rows.Add(output);
        }

        return Table(columns, rows);
    }

    private static string UniqueName(List<KqlResultColumn> columns, string name)
    {
        string candidate = name;
        for (int n = 1; columns.Any(c => c.Name == candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string AutoAggregateName(Expr value, ref int auto)
    {
        // An aggregate inside a one-argument function is named after the aggregate: tostring(makeset(X)) is set_X.
        while (value is CallExpr { Args.Count: 1 } wrapper && !IsAggregate(wrapper.Name.Name) && wrapper.Args[0] is CallExpr)
        {
            value = wrapper.Args[0];
        }

        if (value is CallExpr call && IsAggregate(call.Name.Name))
        {
            string prefix = call.Name.Name switch
            {
                "make_set" or "make_set_if" or "makeset" => "set",
                "make_list" or "make_list_if" or "makelist" => "list",
                "take_any" => "any",
                var f => f,
            };
            if (call.Name.Name == "percentile" && call.Args.Count == 2 && call.Args[0] is NameExpr pn)
            {
                return "percentile_" + pn.Name + "_" + (call.Args[1] is LiteralExpr lit ? lit.Text : "");
            }

            return call.Args.Count > 0 && call.Args[0] is NameExpr n && call.Name.Name is not ("countif" or "count")
                ? prefix + "_" + n.Name
                : prefix + "_";
        }

        return "Column" + (++auto).ToString(CultureInfo.InvariantCulture);
    }

    private ArgSpec CompileArg(CallExpr call, KqlResultTable input, Ctx inputCtx, List<KqlResultColumn> columns, string? name)
    {
        bool max = call.Name.Name is "arg_max" or "argmax";
        if (call.Args.Count < 1)
        {
            throw Error(call, $"{call.Name.Name} needs a key expression.");
        }

        Scalar key = Compile(call.Args[0], inputCtx);
        string keyName = name ?? (call.Args[0] is NameExpr kn ? kn.Name : (max ? "max_" : "min_") + "key");
        var taken = new HashSet<string>(columns.Select(c => c.Name), StringComparer.Ordinal);
        columns.Add(new KqlResultColumn(UniqueName(columns, keyName), key.Type));
        taken.Add(keyName);
        var picked = new List<int>();
        foreach (Expr arg in call.Args.Skip(1))
        {
            switch (arg)
            {
                case StarExpr:
                    for (int i = 0; i < input.Columns.Count; i++)
                    {
                        if (taken.Add(input.Columns[i].Name))
                        {
                            picked.Add(i);
                        }
                    }

                    break;
                case NameExpr n:
                    int index = input.IndexOf(n.Name);
                    if (index < 0)
                    {
                        throw Error(n, $"unknown column '{n.Name}'" + Suggest(n.Name, input.Columns.Select(c => c.Name)));
                    }

                    picked.Add(index);

                    break;
                default:
                    throw Error(arg, $"unsupported function '{call.Name.Name}' with a computed column: name input columns or use *");
            }
        }

        foreach (int i in picked)
        {
            // A column named like an earlier output column gets a number: ReportId = arg_max(Timestamp, ReportId) gives ReportId and ReportId1.
            columns.Add(input.Columns[i] with { Name = UniqueName(columns, input.Columns[i].Name) });
        }

        return new ArgSpec(key, max, [.. picked]);
    }

    /// <summary>Compiles an aggregate call into a slot of the collector; the result reads the slot from the slots row.</summary>
    private Scalar CompileAggregate(CallExpr call, Ctx ctx)
    {
        AggregateCollector collector = ctx.Aggregates!;
        string f = AggregateAliases.GetValueOrDefault(call.Name.Name, call.Name.Name);
        var inner = new Ctx(collector.Input);
        if (f is "arg_max" or "arg_min")
        {
            throw Error(call, $"unsupported function '{f}' inside an expression: use it directly as a summarize item");
        }

        Scalar[] args = call.Args.Select(a => a is StarExpr ? Scalar.Const(KqlScalarType.Long, 1L) : Compile(a, inner)).ToArray();
        int expected = f switch
        {
            "count" => 0,
            "countif" or "sum" or "avg" or "min" or "max" or "take_any" or "any" or "stdev" or "variance" => 1,
            "maxif" or "minif" or "stdevif" or "varianceif" or "percentile" => 2,
            "make_bag" => args.Length is 1 or 2 ? args.Length : 1,
            "make_bag_if" => args.Length is 2 or 3 ? args.Length : 2,
            "dcount" => args.Length is 1 or 2 ? args.Length : 1,
            "make_set" or "make_list" or "sumif" or "avgif" or "dcountif" => args.Length is 1 or 2 ? args.Length : 1,
            "make_set_if" or "make_list_if" => args.Length is 2 or 3 ? args.Length : 2,
            _ => 1,
        };
        if (f == "count" && args.Length == 1)
        {
            expected = 1;
        }

        if (args.Length != expected)
        {
            throw Error(call, $"'{f}' takes {expected} argument(s), not {args.Length}.");
        }

        long max = 1_048_576;
        if ((f is "make_set" or "make_list" or "make_bag" && args.Length == 2) || (f is "make_set_if" or "make_list_if" or "make_bag_if" && args.Length == 3))
        {
            max = args[^1].IsConstant && Values.ToLong(args[^1].Value) is { } m && m > 0 ? m : throw Error(call, $"The size limit of '{f}' must be a positive constant.");
        }

        double percent = 0;
        if (f == "percentile")
        {
            percent = args[1].IsConstant && Values.ToReal(args[1].Value) is { } p and >= 0 and <= 100 ? p : throw Error(call, "The percentage of 'percentile' must be a constant from 0 to 100.");
            args = [args[0]];
        }

        if (f is "make_set_if" or "make_list_if" or "make_bag_if" && args.Length == 3)
        {
            args = [args[0], args[1]];
        }

        if (f is "dcount" && args.Length == 2)
        {
            args = [args[0]];
        }

        KqlScalarType argType = args.Length > 0 ? args[0].Type : KqlScalarType.Long;
        KqlScalarType type = f switch
        {
            "count" or "countif" or "dcount" or "dcountif" => KqlScalarType.Long,
            "sum" or "sumif" => argType switch
            {
                KqlScalarType.Int or KqlScalarType.Long or KqlScalarType.Bool => KqlScalarType.Long,
                KqlScalarType.Decimal => KqlScalarType.Decimal,
                KqlScalarType.TimeSpan => KqlScalarType.TimeSpan,
                _ => KqlScalarType.Real,
            },
            "avg" or "avgif" => argType switch
            {
                KqlScalarType.Decimal => KqlScalarType.Decimal,
                KqlScalarType.TimeSpan => KqlScalarType.TimeSpan,
                _ => KqlScalarType.Real,
            },
            "make_set" or "make_list" or "make_set_if" or "make_list_if" or "make_bag" or "make_bag_if" => KqlScalarType.Dynamic,
            "stdev" or "stdevif" or "variance" or "varianceif" => KqlScalarType.Real,
            _ => argType,
        };
        var spec = new AggregateSpec(f, args, type, max) { Percent = percent };
        int slot = collector.Specs.Count;
        collector.Specs.Add(spec);
        return new Scalar(type, slots => slots[slot]);
    }
}
