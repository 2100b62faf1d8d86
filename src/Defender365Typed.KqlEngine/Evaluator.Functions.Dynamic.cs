using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Functions that build or read dynamic arrays and property bags, and the math functions.</summary>
internal sealed partial class Evaluator
{
    private Scalar? CompileDynamicFunction(FunctionCall c)
    {
        switch (c.Name)
        {
            case "pack_array":
                return c.Of(KqlScalarType.Dynamic, v => new DynamicArray(v.Select(Plain)));
            case "bag_pack":
                if (c.Args.Length % 2 != 0)
                {
                    throw c.Error($"'{c.Expr.Name.Name}' takes key/value pairs.");
                }

                return c.Of(KqlScalarType.Dynamic, v =>
                {
                    var props = new List<KeyValuePair<string, object?>>();
                    for (int i = 0; i < v.Length; i += 2)
                    {
                        string key = Values.ToText(v[i]);
                        props.RemoveAll(p => p.Key == key);
                        props.Add(new(key, Plain(v[i + 1])));
                    }

                    return new DynamicBag(props);
                });
            case "bag_keys":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => v[0] is DynamicBag b ? new DynamicArray(b.Keys) : null);
            case "bag_merge":
                return c.Of(KqlScalarType.Dynamic, v =>
                {
                    var props = new List<KeyValuePair<string, object?>>();
                    foreach (DynamicBag b in v.OfType<DynamicBag>())
                    {
                        props.AddRange(b.Where(p => props.All(x => x.Key != p.Key)));
                    }

                    return new DynamicBag(props);
                });
            case "bag_remove_keys":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Dynamic, v => v[0] is DynamicBag b
                    ? new DynamicBag(b.Where(p => !(v[1] is DynamicArray keys && keys.Any(k => Values.ToText(k) == p.Key))))
                    : null);
            case "array_concat":
                return c.Of(KqlScalarType.Dynamic, v => v.All(x => x is DynamicArray) ? new DynamicArray(v.SelectMany(x => (DynamicArray)x!)) : null);
            case "array_slice":
                c.Count(3, 3);
                return c.Of(KqlScalarType.Dynamic, v =>
                {
                    if (v[0] is not DynamicArray a || Values.ToLong(v[1]) is not { } from || Values.ToLong(v[2]) is not { } to)
                    {
                        return null;
                    }

                    from = from < 0 ? Math.Max(0, a.Count + from) : from;
                    to = Math.Min(a.Count - 1, to < 0 ? a.Count + to : to);
                    return new DynamicArray(from > to ? [] : a.Skip((int)from).Take((int)(to - from + 1)));
                });
            case "array_index_of":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Long, v => v[0] is DynamicArray a
                    ? (long)a.Select((x, i) => (x, i)).FirstOrDefault(p => ValueComparer.Instance.Equals(p.x, v[1]), (null, -1)).i
                    : null);
            case "array_reverse":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => v[0] is DynamicArray a ? new DynamicArray(a.Reverse()) : null);
            case "array_sort_asc":
            case "array_sort_desc":
            {
                c.Count(1, 2);
                bool descending = c.Name == "array_sort_desc";
                return c.Of(KqlScalarType.Dynamic, v => v[0] is DynamicArray a
                    ? new DynamicArray(a.Where(x => x is not null).OrderBy(x => x, Comparer<object?>.Create((x, y) => Values.CompareForSort(x, y, false) * (descending ? -1 : 1))))
                    : null);
            }

            case "array_sum":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Real, v => v[0] is DynamicArray a ? a.Sum(x => Values.ToReal(x) ?? 0) : null);
            case "set_union":
                return c.Of(KqlScalarType.Dynamic, v => v.All(x => x is DynamicArray) ? new DynamicArray(v.SelectMany(x => (DynamicArray)x!).Distinct(ValueComparer.Instance)) : null);
            case "jaccard_index":
                // |A ∩ B| / |A ∪ B| of the distinct elements (jaccard-index-function.md).
                c.Count(2, 2);
                return c.Of(KqlScalarType.Real, v =>
                {
                    if (v[0] is not DynamicArray a || v[1] is not DynamicArray b)
                    {
                        return null;
                    }

                    var left = new HashSet<object?>(a, ValueComparer.Instance);
                    var right = new HashSet<object?>(b, ValueComparer.Instance);
                    int union = left.Union(right, ValueComparer.Instance).Count();
                    return (double)left.Count(right.Contains) / union;
                });
            case "set_intersect":
                return c.Of(KqlScalarType.Dynamic, v => v.All(x => x is DynamicArray)
                    ? new DynamicArray(((DynamicArray)v[0]!).Distinct(ValueComparer.Instance).Where(x => v.Skip(1).All(o => ((DynamicArray)o!).Contains(x, ValueComparer.Instance))))
                    : null);
            case "set_difference":
                return c.Of(KqlScalarType.Dynamic, v => v.All(x => x is DynamicArray)
                    ? new DynamicArray(((DynamicArray)v[0]!).Distinct(ValueComparer.Instance).Where(x => !v.Skip(1).Any(o => ((DynamicArray)o!).Contains(x, ValueComparer.Instance))))
                    : null);
            case "zip":
                return c.Of(KqlScalarType.Dynamic, v =>
                {
                    if (!v.All(x => x is DynamicArray))
                    {
                        return null;
                    }

                    int n = v.Max(x => ((DynamicArray)x!).Count);
                    return new DynamicArray(Enumerable.Range(0, n).Select(i => (object?)new DynamicArray(v.Select(x => i < ((DynamicArray)x!).Count ? ((DynamicArray)x!)[i] : null))));
                });
            case "range":
                // range(start, stop [, step = 1]): the array start, start + step, ... up to stop (at most 1,048,576 values, as in Kusto).
                c.Count(2, 3);
                return c.Of(KqlScalarType.Dynamic, v =>
                {
                    object? step = v.Length > 2 ? v[2] : 1L;
                    if (v[0] is not { } start || v[1] is null || step is null || Values.Compare(Arithmetic("+", start, step) ?? start, start) is not > 0)
                    {
                        return null;
                    }

                    var items = new List<object?>();
                    for (object? x = v[0]; x is not null && Values.Compare(x, v[1]!) <= 0 && items.Count < 1_048_576; x = Arithmetic("+", x, step))
                    {
                        items.Add(Plain(x));
                    }

                    return new DynamicArray(items);
                });
            case "repeat":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Dynamic, v => new DynamicArray(Enumerable.Repeat(Plain(v[0]), (int)Math.Clamp(Values.ToLong(v[1]) ?? 0, 0, 100_000))));
            case "gettype":
                c.Count(1, 1);
                return c.Of(KqlScalarType.String, v => v[0] switch
                {
                    null => "null",
                    DynamicArray => "array",
                    DynamicBag => "dictionary",
                    var x => KqlScalarTypes.Name(Values.TypeOf(x)) switch { "real" => "real", "bool" => "bool", var n => n },
                });
            case "sqrt":
            case "exp":
            case "exp2":
            case "exp10":
            case "log":
            case "log2":
            case "log10":
            case "ceiling":
            case "sign":
            {
                c.Count(1, 1);
                Func<double, double> f = c.Name switch
                {
                    "sqrt" => Math.Sqrt,
                    "exp" => Math.Exp,
                    "exp2" => x => Math.Pow(2, x),
                    "exp10" => x => Math.Pow(10, x),
                    "log" => Math.Log,
                    "log2" => Math.Log2,
                    "log10" => Math.Log10,
                    "ceiling" => Math.Ceiling,
                    _ => x => Math.Sign(x),
                };
                KqlScalarType type = c.Name is "ceiling" or "sign" && c.Args[0].Type is KqlScalarType.Int or KqlScalarType.Long ? c.Args[0].Type : KqlScalarType.Real;
                return c.Of(type, v => Values.ToReal(v[0]) is { } x ? f(x) : null);
            }

            case "pow":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Real, v => Values.ToReal(v[0]) is { } x && Values.ToReal(v[1]) is { } y ? Math.Pow(x, y) : null);
            case "pi":
                c.Count(0, 0);
                return c.Of(KqlScalarType.Real, _ => Math.PI);
            case "min_of":
            case "max_of":
            {
                c.Count(1, 64);
                bool max = c.Name == "max_of";
                KqlScalarType type = c.Args.Select(a => a.Type).Aggregate((x, y) => Unify(c.Expr, x, y));
                return c.Of(type, v => v.Where(x => x is not null).DefaultIfEmpty(null)
                    .Aggregate((x, y) => x is null ? y : Values.Compare(x, y!) is { } cmp && (max ? cmp >= 0 : cmp <= 0) ? x : y));
            }

            default:
                return null;
        }
    }

    /// <summary>A value as it is stored inside a dynamic: ints widen to long, like Kusto's JSON numbers.</summary>
    private static object? Plain(object? v) => v is int i ? (long)i : v;

    /// <summary>pack_all(): a bag of the row's columns (nulls left out when <c>ignore_null_empty</c> is true).</summary>
    private Scalar CompilePackAll(CallExpr call, Ctx ctx)
    {
        bool ignoreEmpty = call.Args.Count > 0 && Compile(call.Args[0], ctx) is { IsConstant: true, Value: true };
        IReadOnlyList<KqlResultColumn> columns = ctx.Scope.Columns;
        return new Scalar(KqlScalarType.Dynamic, row => new DynamicBag(columns
            .Select((col, i) => new KeyValuePair<string, object?>(col.Name, Plain(row[i])))
            .Where(p => !ignoreEmpty || p.Value is not (null or ""))));
    }
}
