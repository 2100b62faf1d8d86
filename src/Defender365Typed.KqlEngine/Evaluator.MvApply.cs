using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>mv-apply [with_itemindex=I] [Name =] Array [to typeof(T)], ... [limit N] on (SubQuery)</c>, as the KQL reference
/// (mv-apply-operator.md) describes it: each input row is mv-expanded into a subtable (the expansion clauses are
/// mv-expand's), the subquery runs on that subtable (it sees the row's other columns too), and the results are
/// unioned, each led by the input columns the subquery's result lacks (the expanded columns are not repeated).
/// </summary>
internal sealed partial class Evaluator
{
    private KqlResultTable MvApply(KqlResultTable input, OperatorNode op)
    {
        List<Token> tokens = TokensAfterKeyword(op);
        int on = TopLevelIndexOf(tokens, "on");
        int close = on > 0 && on + 1 < tokens.Count && tokens[on + 1].Is("(") ? Closing(tokens, on + 1) : -1;
        if (close != tokens.Count - 1 || close < on + 2)
        {
            throw Error(op, "'mv-apply' needs the arrays to expand and 'on (SubQuery)'.");
        }

        if (ParseAfterPrefix("_|mv-expand", tokens[0].Start, tokens[on - 1].End, op) is not PipeExpr { Operator: { Kind: OperatorKind.MvExpand } expand })
        {
            throw Error(op, "'mv-apply' needs the arrays to expand before 'on'.");
        }

        foreach (OperatorParameter p in expand.Parameters.Where(p => p.Name != "with_itemindex"))
        {
            throw new KqlEngineException($"unsupported operator 'mv-apply {p.Name}='", _text, op.KeywordStart, op.End - op.KeywordStart);
        }

        Expr subquery = ParseAfterPrefix("_|", tokens[on + 1].End, tokens[close].Start, op);

        // The output schema: the subquery's over an empty subtable, led by the input columns it lacks and does not expand.
        KqlResultTable emptyExpanded = MvExpand(new KqlResultTable("", input.Columns, []), expand);
        List<KqlResultColumn> resultColumns = [.. ApplySubquery(subquery, emptyExpanded).Columns];
        HashSet<string> expanded = [.. emptyExpanded.Columns.Skip(input.Columns.Count).Select(c => c.Name),
            .. input.Columns.Select((c, k) => (c, k)).Where(x => !ReferenceEquals(emptyExpanded.Columns[x.k], x.c)).Select(x => x.c.Name)];
        int[] kept = input.Columns.Select((c, k) => (c, k))
            .Where(x => !expanded.Contains(x.c.Name) && resultColumns.All(r => r.Name != x.c.Name)).Select(x => x.k).ToArray();
        List<KqlResultColumn> columns = [.. kept.Select(k => input.Columns[k]), .. resultColumns];

        var rows = new List<object?[]>();
        foreach (object?[] row in input.Rows)
        {
            Budget.Tick(op);
            KqlResultTable result = ApplySubquery(subquery, MvExpand(new KqlResultTable("", input.Columns, [row]), expand));
            int[] map = resultColumns.Select(c => result.IndexOf(c.Name)).ToArray();
            foreach (object?[] r in result.Rows)
            {
                object?[] output = new object?[columns.Count];
                for (int k = 0; k < kept.Length; k++)
                {
                    output[k] = row[kept[k]];
                }

                for (int c = 0; c < map.Length; c++)
                {
                    output[kept.Length + c] = Values.Coerce(map[c] >= 0 ? r[map[c]] : null, resultColumns[c].Type);
                }

                rows.Add(output);
            }

            Budget.CountRows(rows.Count, op);
        }

        return Table(columns, rows);
    }

    /// <summary>Runs the operators of a subquery parsed after the <c>_|</c> placeholder over <paramref name="source"/>.</summary>
    private KqlResultTable ApplySubquery(Expr subquery, KqlResultTable source)
    {
        switch (subquery)
        {
            case NameExpr { Name: "_", Start: 0 }:
                return source;
            case PipeExpr pipe:
                KqlResultTable output = Apply(ApplySubquery(pipe.Input, source), pipe.Operator);
                Budget.CountRows(output.Rows.Count, pipe.Operator);
                return output;
            default:
                throw Error(subquery, "unsupported operator 'mv-apply' with a subquery that is not a pipeline of operators");
        }
    }
}
