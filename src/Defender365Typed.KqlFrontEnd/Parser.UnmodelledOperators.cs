using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

// Parser: the expressions of operators whose output the binder does not model (top-nested, graph-match, search), read so
// that the binder can check them. The parse is tentative: on any syntax it does not expect, it is undone and the
// operator skipped as a balanced token run, as before, so that no syntax error comes from this reading.
public sealed partial class Parser
{
    private void ParseUnmodelledClauses(OperatorNode op)
    {
        var start = _pos;
        var diagnostics = _diagnostics.Count;
        var read = op.Kind == OperatorKind.Search ? TryParseSearch(op) : op.Keyword switch
        {
            "top-nested" => TryParseTopNested(),
            "graph-match" => TryParseGraphMatch(),
            _ => null,
        };

        if (read != null && _diagnostics.Count == diagnostics && AtOperatorEnd())
        {
            op.Checked = read;
            return;
        }

        _pos = start;
        _diagnostics.RemoveRange(diagnostics, _diagnostics.Count - diagnostics);
        op.Parameters.Clear();
        op.Items = new List<Expr>();
        SkipOperatorTokens();
    }

    /// <summary>[kind = ...] [in (Table, ...)] Predicate; the tables go to Items, the predicate is checked.</summary>
    private List<Expr>? TryParseSearch(OperatorNode op)
    {
        ParseParameters(op);
        if (Accept("in"))
        {
            if (!Accept("("))
            {
                return null;
            }

            op.Items = ParseUnionItems();
            if (!Accept(")"))
            {
                return null;
            }
        }

        return new List<Expr> { ParseExpression() };
    }

    /// <summary>[N] of [Name =] Expr [with others = Expr] by [Name =] Aggregate [asc|desc] [, top-nested ...]</summary>
    private List<Expr>? TryParseTopNested()
    {
        var items = new List<Expr>();
        do
        {
            if (!At("of"))
            {
                items.Add(ParseExpression());
            }

            if (!Accept("of"))
            {
                return null;
            }

            items.Add(ParseNamed());
            if (Accept("with"))
            {
                if (!Accept("others") || !Accept("="))
                {
                    return null;
                }

                items.Add(ParseExpression());
            }

            if (!Accept("by"))
            {
                return null;
            }

            items.Add(ParseNamed());
            if (!Accept("asc"))
            {
                Accept("desc");
            }
        }
        while (Accept(",") && Accept("top-nested"));

        return items;
    }

    /// <summary>[cycles = ...] Pattern [where Predicate] [project [Name =] Expr, ...]; the pattern itself is skipped.</summary>
    private List<Expr>? TryParseGraphMatch()
    {
        var depth = 0;
        while (!AtEnd && !(depth == 0 && (At("where") || At("project") || AtOperatorEnd())))
        {
            if (At("(") || At("[") || At("{"))
            {
                depth++;
            }
            else if (At(")") || At("]") || At("}"))
            {
                depth--;
            }

            Advance();
        }

        var items = new List<Expr>();
        if (Accept("where"))
        {
            items.Add(ParseExpression());
        }

        if (Accept("project"))
        {
            items.AddRange(ParseNamedList());
        }

        return items;
    }
}
