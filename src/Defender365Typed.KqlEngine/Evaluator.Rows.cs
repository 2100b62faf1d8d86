using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>sort, top, distinct and print.</summary>
internal sealed partial class Evaluator
{
    private KqlResultTable Sort(KqlResultTable input, List<Expr> by, long? top)
    {
        var ctx = new Ctx(new Scope(input.Columns));
        var keys = new List<(Scalar Key, bool Descending, bool NullsFirst)>();
        foreach (Expr e in by)
        {
            Expr inner = e;
            bool descending = true; // KQL sorts descending unless told otherwise.
            bool? nullsFirst = null;
            if (e is OrderedExpr ordered)
            {
                inner = ordered.Inner;
                string tail = _text[ordered.Inner.End..ordered.End];
                descending = !tail.Contains("asc", StringComparison.Ordinal);
                if (tail.Contains("nulls first", StringComparison.Ordinal))
                {
                    nullsFirst = true;
                }
                else if (tail.Contains("nulls last", StringComparison.Ordinal))
                {
                    nullsFirst = false;
                }
            }

            keys.Add((Compile(inner, ctx), descending, nullsFirst ?? !descending));
        }

        var keyed = new List<(object?[] Keys, object?[] Row)>(input.Rows.Count);
        foreach (object?[] row in input.Rows)
        {
            object?[] k = new object?[keys.Count];
            for (int i = 0; i < keys.Count; i++)
            {
                k[i] = keys[i].Key.Eval(row);
            }

            keyed.Add((k, row));
        }

        var comparer = Comparer<object?[]>.Create((a, b) =>
        {
            for (int i = 0; i < keys.Count; i++)
            {
                // Null placement is absolute (first or last), the direction applies to values only.
                object? x = a[i], y = b[i];
                int c;
                if (x is null || y is null)
                {
                    c = Values.CompareForSort(x, y, keys[i].NullsFirst);
                }
                else
                {
                    c = Values.CompareForSort(x, y, true);
                    if (keys[i].Descending)
                    {
                        c = -c;
                    }
                }

                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        IEnumerable<object?[]> sorted = keyed.OrderBy(k => k.Keys, comparer).Select(k => k.Row);
        if (top is { } n)
        {
            sorted = sorted.Take((int)Math.Min(n, int.MaxValue));
        }

        return new KqlResultTable("", input.Columns, sorted.ToList());
    }

    private KqlResultTable Distinct(KqlResultTable input, OperatorNode op)
    {
        KqlResultTable projected = op.Items.Count == 1 && op.Items[0] is StarExpr ? input : Project(input, op.Items, extend: false);
        var seen = new HashSet<object?[]>(RowKeyComparer.Instance);
        var rows = new List<object?[]>();
        foreach (object?[] row in projected.Rows)
        {
            if (seen.Add(row))
            {
                rows.Add(row);
            }
        }

        return new KqlResultTable("", projected.Columns, rows);
    }


    private KqlResultTable Print(OperatorNode op)
    {
        KqlResultTable one = Table([], [[]]);
        return Project(one, op.Items, extend: false);
    }
}
