using System;
using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// The time-range fast path of <c>where</c>: over a table ordered by Timestamp (<see cref="KqlResultTable.IsOrderedByTimestamp"/>),
/// the predicate's top-level <c>and</c> conjuncts that bound Timestamp by a constant (<c>&gt;=</c>, <c>&gt;</c>,
/// <c>&lt;</c>, <c>&lt;=</c> on either side, <c>between</c>) narrow the rows to an index range found by binary search.
/// Rows outside it fail one of those conjuncts, so leaving them unread changes nothing; the whole predicate still runs
/// on the rows inside, unless it is nothing but those bounds (the sliced runner's filter): then every row of the range
/// passes, and the result is a view of the range, read only by the next operator (no list of whole rows is built). A
/// bound under <c>or</c> or <c>not</c>, or one that is not constant, is no bound.
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// The rows of <paramref name="input"/> the predicate's Timestamp bounds leave, or null to read every row;
    /// <paramref name="exact"/> when the predicate is nothing but those bounds, so every row of the range passes it.
    /// </summary>
    private IReadOnlyList<object?[]>? TimeRange(KqlResultTable input, Expr predicate, out bool exact)
    {
        exact = false;
        int column = input.IndexOf("Timestamp");
        if (!input.IsOrderedByTimestamp || column < 0 || input.Columns[column].Type != KqlScalarType.DateTime)
        {
            return null;
        }

        var scope = new Scope(input.Columns);
        int start = 0, end = input.Rows.Count;
        bool bounded = false, others = false;
        foreach (Expr conjunct in Conjuncts(predicate))
        {
            switch (conjunct)
            {
                case BinaryExpr { Op: ">=" or ">" or "<" or "<=" } b when IsTimestamp(b.Left) && Instant(b.Right, scope) is { } x:
                    Narrow(b.Op, x);
                    break;
                case BinaryExpr { Op: ">=" or ">" or "<" or "<=" } b when IsTimestamp(b.Right) && Instant(b.Left, scope) is { } x:
                    Narrow(Mirrored(b.Op), x);
                    break;
                case BetweenExpr { Negated: false } between when IsTimestamp(between.Left) && Instant(between.Low, scope) is { } low
                    && (Instant(between.High, scope) ?? (Constant(between.High, scope) is TimeSpan span ? low + span : null)) is { } high:
                    // As the evaluator reads it: the high end is an instant, or a timespan after the low end.
                    Narrow(">=", low);
                    Narrow("<=", high);
                    break;
                default:
                    others = true;
                    break;
            }
        }

        exact = bounded && !others;
        return bounded ? TimestampOrder.Range(input.Rows, start, end) : null;

        void Narrow(string op, DateTime instant)
        {
            bounded = true;
            switch (op)
            {
                case ">=": start = Math.Max(start, TimestampOrder.FirstIndex(input, column, instant, after: false)); break;
                case ">": start = Math.Max(start, TimestampOrder.FirstIndex(input, column, instant, after: true)); break;
                case "<": end = Math.Min(end, TimestampOrder.FirstIndex(input, column, instant, after: false)); break;
                default: end = Math.Min(end, TimestampOrder.FirstIndex(input, column, instant, after: true)); break;
            }
        }
    }

    /// <summary>The operands of the predicate's top-level <c>and</c>s (through parentheses).</summary>
    private static IEnumerable<Expr> Conjuncts(Expr e)
    {
        switch (e)
        {
            case ParenExpr p:
                foreach (Expr c in Conjuncts(p.Inner))
                {
                    yield return c;
                }

                break;
            case BinaryExpr { Op: "and" } b:
                foreach (Expr c in Conjuncts(b.Left))
                {
                    yield return c;
                }

                foreach (Expr c in Conjuncts(b.Right))
                {
                    yield return c;
                }

                break;
            default:
                yield return e;
                break;
        }
    }

    private static bool IsTimestamp(Expr e) => e switch
    {
        ParenExpr p => IsTimestamp(p.Inner),
        NameExpr n => n.Name == "Timestamp", // columns win over let names, so this is the column
        _ => false,
    };

    private static string Mirrored(string op) => op switch
    {
        ">=" => "<=",
        ">" => "<",
        "<" => ">",
        _ => ">=",
    };

    private DateTime? Instant(Expr e, Scope scope) => Constant(e, scope) as DateTime?;

    /// <summary>
    /// The value of a constant bound (a literal, <c>datetime(...)</c>, <c>ago(1d)</c>, a scalar let, arithmetic on these),
    /// or null when it depends on the row or reads a table (then it is no bound).
    /// </summary>
    private object? Constant(Expr e, Scope scope)
    {
        if (!Simple(e))
        {
            return null;
        }

        Scalar value = Compile(e, new Ctx(scope));
        return value.IsConstant ? value.Value : null;

        static bool Simple(Expr e) => e switch
        {
            LiteralExpr or NameExpr => true,
            ParenExpr p => Simple(p.Inner),
            UnaryExpr u => Simple(u.Operand),
            BinaryExpr b => Simple(b.Left) && Simple(b.Right),
            CallExpr c => c.Name.Name != "toscalar" && c.Args.TrueForAll(Simple),
            _ => false,
        };
    }
}
