using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>top-nested [N] of [Name =] Expr [with others = Const] by [Name =] Aggregation [asc|desc], top-nested ...</c>, as
/// the KQL reference (top-nested-operator.md) describes it: the rows are grouped by the first clause's value, the
/// groups ranked by the aggregation (descending unless <c>asc</c>) and the first N kept; each kept group is split the
/// same way by the next clause. Each clause gives two columns, its value and its aggregate (<c>aggregated_Value</c>
/// unless named). Rows come out depth first, in rank order; <c>with others</c> adds, after a level's kept groups, one
/// row aggregating the groups that were not kept (its deeper columns are empty).
/// </summary>
internal sealed partial class Evaluator
{
    private sealed class NestedLevel
    {
        public long? Count { get; set; }

        public Expr? Of { get; set; }

        public Expr? Others { get; set; }

        public Expr? By { get; set; }

        public bool Ascending { get; set; }
    }

    private sealed record CompiledLevel(long Count, Scalar Key, Scalar? Others, AggregateCollector Aggregates, Scalar Aggregate, bool Ascending);

    private KqlResultTable TopNested(KqlResultTable input, OperatorNode op)
    {
        List<NestedLevel> levels = ReadTopNested(op);
        var inputCtx = new Ctx(new Scope(input.Columns));
        var columns = new List<KqlResultColumn>();
        var compiled = new List<CompiledLevel>();
        int auto = 0;
        foreach (NestedLevel level in levels)
        {
            (string? keyName, Expr keyExpr) = level.Of is AssignExpr { Names.Count: 1 } a ? (a.Names[0].Name, a.Value) : (null, level.Of!);
            keyName ??= keyExpr is NameExpr n ? n.Name : "Column" + (++auto).ToString(CultureInfo.InvariantCulture);
            (string? aggName, Expr aggExpr) = level.By is AssignExpr { Names.Count: 1 } b ? (b.Names[0].Name, b.Value) : (null, level.By!);
            Scalar key = Compile(keyExpr, inputCtx);
            if (!CallsAggregate(aggExpr))
            {
                throw Error(aggExpr, "The 'by' clause of 'top-nested' must be an aggregation, such as sum(X) or count().");
            }

            var collector = new AggregateCollector(inputCtx.Scope);
            Scalar aggregate = Compile(aggExpr, new Ctx(Scope.Empty, collector));

            Scalar? others = level.Others is null ? null : Compile(level.Others, new Ctx(Scope.Empty));
            columns.Add(new KqlResultColumn(UniqueName(columns, keyName), key.Type));
            columns.Add(new KqlResultColumn(UniqueName(columns, aggName ?? "aggregated_" + keyName), aggregate.Type));
            compiled.Add(new CompiledLevel(level.Count ?? long.MaxValue, key, others, collector, aggregate, level.Ascending));
        }

        var rows = new List<object?[]>();
        Nest(compiled, 0, input.Rows, new object?[columns.Count], columns, rows, op);
        return Table(columns, rows);
    }

    private void Nest(List<CompiledLevel> levels, int depth, IReadOnlyList<object?[]> rows, object?[] prefix, List<KqlResultColumn> columns, List<object?[]> output, OperatorNode op)
    {
        if (depth == levels.Count)
        {
            output.Add((object?[])prefix.Clone());
            Budget.Tick(op);
            return;
        }

        CompiledLevel level = levels[depth];
        var groups = new Dictionary<object?[], List<object?[]>>(RowKeyComparer.Instance);
        var keys = new List<object?[]>();
        foreach (object?[] row in rows)
        {
            Budget.Tick(op);
            object?[] key = [level.Key.Eval(row)];
            if (!groups.TryGetValue(key, out List<object?[]>? members))
            {
                groups[key] = members = [];
                keys.Add(key);
            }

            members.Add(row);
        }

        var ranked = keys.Select(k => (Key: k[0], Rows: groups[k], Value: Aggregate(level, groups[k]))).ToList();
        ranked.Sort((x, y) => CompareNullsLast(x.Value, y.Value, level.Ascending));
        int kept = (int)Math.Min(level.Count, ranked.Count);
        for (int g = 0; g < kept; g++)
        {
            prefix[depth * 2] = ranked[g].Key;
            prefix[(depth * 2) + 1] = Values.Coerce(ranked[g].Value, columns[(depth * 2) + 1].Type);
            Nest(levels, depth + 1, ranked[g].Rows, prefix, columns, output, op);
        }

        if (level.Others is not null && kept < ranked.Count)
        {
            object?[] others = (object?[])prefix.Clone();
            others[depth * 2] = Values.Coerce(level.Others.Eval([]), columns[depth * 2].Type);
            others[(depth * 2) + 1] = Values.Coerce(Aggregate(level, ranked.Skip(kept).SelectMany(r => r.Rows).ToList()), columns[(depth * 2) + 1].Type);
            for (int c = (depth + 1) * 2; c < others.Length; c++)
            {
                others[c] = Values.Coerce(null, columns[c].Type);
            }

            output.Add(others);
        }
    }

    private static object? Aggregate(CompiledLevel level, List<object?[]> rows)
    {
        Aggregator[] aggregators = level.Aggregates.Specs.Select(s => s.Create()).ToArray();
        foreach (object?[] row in rows)
        {
            foreach (Aggregator a in aggregators)
            {
                a.Add(row);
            }
        }

        return level.Aggregate.Eval(aggregators.Select(a => a.Result()).ToArray());
    }

    private static bool CallsAggregate(Expr e) => e switch
    {
        CallExpr call => IsAggregate(call.Name.Name) || call.Args.Any(CallsAggregate),
        BinaryExpr b => CallsAggregate(b.Left) || CallsAggregate(b.Right),
        UnaryExpr u => CallsAggregate(u.Operand),
        ParenExpr p => CallsAggregate(p.Inner),
        _ => false,
    };

    private static int CompareNullsLast(object? x, object? y, bool ascending)
    {
        if (x is null || y is null)
        {
            return (x is null ? 1 : 0) - (y is null ? 1 : 0);
        }

        int c = Values.Compare(x, y) ?? 0;
        return ascending ? c : -c;
    }

    /// <summary>
    /// The clauses from the expressions the front end read (<see cref="OperatorNode.Checked"/>, in order): the token
    /// before each says which part it is (<c>top-nested</c>: N, <c>of</c>, <c>others =</c>, <c>by</c>).
    /// </summary>
    private List<NestedLevel> ReadTopNested(OperatorNode op)
    {
        if (op.Checked.Count == 0)
        {
            throw new KqlEngineException("unsupported operator 'top-nested' with this syntax", _text, op.KeywordStart, op.End - op.KeywordStart);
        }

        var levels = new List<NestedLevel> { new() };
        foreach (Expr item in op.Checked)
        {
            int before = _tokens.FindLastIndex(t => t.End <= item.Start && t.Kind != TokenKind.EndOfFile);
            Token previous = _tokens[before];
            NestedLevel level = levels[^1];
            if (previous.Is("top-nested") || previous.Is("of"))
            {
                if (level.Of is not null)
                {
                    levels.Add(level = new NestedLevel());
                }

                if (previous.Is("of"))
                {
                    level.Of = item;
                    continue;
                }

                Scalar n = Compile(item, new Ctx(Scope.Empty));
                level.Count = n.IsConstant && Values.ToLong(n.Value) is { } count and >= 0
                    ? count
                    : throw Error(item, "The row count of 'top-nested' must be a constant, non-negative number.");
            }
            else if (previous.Is("=") && before > 0 && _tokens[before - 1].Is("others"))
            {
                level.Others = item;
            }
            else if (previous.Is("by"))
            {
                level.By = item;
                int after = _tokens.FindIndex(t => t.Start >= item.End);
                level.Ascending = after >= 0 && _tokens[after].Is("asc");
            }
        }

        return levels;
    }
}
