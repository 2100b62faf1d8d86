using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

// Parser: the clauses of specific operators (join, union, mv-expand, parse, make-series) and the lists operators take.
public sealed partial class Parser
{
    private void ParseJoin(OperatorNode op)
    {
        ParseParameters(op);
        if (At("("))
        {
            var open = Advance();
            var inner = ParsePipe();
            Expect(")");
            op.Operand = new ParenExpr(inner) { Start = open.Start, End = PreviousToken.End };
        }
        else
        {
            op.Operand = ParsePostfix();
        }

        if (Accept("on"))
        {
            op.On = ParseExpressionList(null);
        }
        else if (Accept("where"))
        {
            op.On = new List<Expr> { ParseExpression() };
        }
        else
        {
            ErrorAtCurrent("Expected 'on' in the '" + op.Keyword + "' operator" + Found() + ".");
        }
    }

    private List<Expr> ParseUnionItems()
    {
        var items = new List<Expr>();
        do
        {
            if (At("("))
            {
                var open = Advance();
                var inner = ParsePipe();
                Expect(")");
                items.Add(new ParenExpr(inner) { Start = open.Start, End = PreviousToken.End });
            }
            else if (Current.Kind == TokenKind.Identifier && PeekToken().Is("*") && !PeekToken().PrecededByTrivia)
            {
                items.Add(ParsePattern());
            }
            else if (At("*"))
            {
                items.Add(ParsePattern());
            }
            else
            {
                items.Add(ParsePostfix());
            }
        }
        while (Accept(","));

        return items;
    }

    private void ParseMvExpand(OperatorNode op)
    {
        ParseParameters(op);
        var items = new List<Expr>();
        do
        {
            var item = ParseNamed();
            if (Accept("to"))
            {
                // to typeof(type)
                var t = ParsePostfix();
                if (t is TypeOfExpr typeOf)
                {
                    item = new ToTypeExpr(item, typeOf.TypeName) { Start = item.Start, End = typeOf.End };
                }
            }

            items.Add(item);
        }
        while (Accept(","));

        op.Items = items;
        if (Accept("limit"))
        {
            op.Operand = ParseExpression();
        }
    }

    private void ParseParse(OperatorNode op)
    {
        ParseParameters(op);
        op.Operand = ParseExpression();
        if (!Expect("with"))
        {
            return;
        }

        var columns = new List<ColumnDecl>();
        while (!AtOperatorEnd())
        {
            if (At("*") || Current.Kind == TokenKind.StringLiteral)
            {
                Advance();
                continue;
            }

            if (AtName())
            {
                var name = ParseName("a column name");
                string? type = null;
                if (Accept(":"))
                {
                    type = ParseName("a type").Name;
                }

                columns.Add(new ColumnDecl(name, type));
                continue;
            }

            ErrorAtCurrent("Unexpected '" + Current.Text + "' in the parse pattern.");
            break;
        }

        op.Columns = columns;
    }

    private void ParseMakeSeries(OperatorNode op)
    {
        ParseParameters(op);
        var items = new List<Expr>();
        do
        {
            items.Add(ParseNamed());
            if (Accept("default"))
            {
                Expect("=");
                ParseExpression();
            }
        }
        while (Accept(","));

        op.Items = items;
        if (Expect("on"))
        {
            op.On = new List<Expr> { ParseExpression() };
        }

        var bounds = new List<Expr>();
        if (Accept("in"))
        {
            bounds.Add(ParseExpression());
        }
        else
        {
            foreach (var keyword in new[] { "from", "to", "step" })
            {
                if (Accept(keyword))
                {
                    bounds.Add(ParseExpression());
                }
            }
        }

        op.Checked = bounds;

        if (Accept("by"))
        {
            op.By = ParseNamedList();
        }
    }

    /// <summary>Column patterns for project-away/keep/reorder: names, <c>Prefix*</c>, <c>*Suffix</c>.</summary>
    private List<Expr> ParsePatternList(bool allowOrder)
    {
        var items = new List<Expr>();
        do
        {
            Expr item;
            if (AtName() || At("*"))
            {
                item = ParsePattern();
            }
            else
            {
                ErrorAtCurrent("Expected a column name" + Found() + ".");
                item = new MissingExpr { Start = Current.Start, End = Current.Start };
                break;
            }

            if (allowOrder && Current.Kind == TokenKind.Identifier && Current.Text is "asc" or "desc" or "granny-asc" or "granny-desc")
            {
                Advance();
            }

            items.Add(item);
        }
        while (Accept(","));

        return items;
    }

    /// <summary>A name, possibly with adjacent '*' wildcards (no spaces inside).</summary>
    private Expr ParsePattern()
    {
        if (IsBracketedName())
        {
            return ParseBracketedName();
        }

        var start = Current.Start;
        var end = start;
        var first = true;
        while ((Current.Kind == TokenKind.Identifier || At("*")) && (first || !Current.PrecededByTrivia) && (first || Current.Start == end))
        {
            end = Current.End;
            Advance();
            first = false;
        }

        var text = _text.Substring(start, end - start);
        if (text.IndexOf('*') < 0)
        {
            return new NameExpr(text, start, end);
        }

        return new PatternExpr(text) { Start = start, End = end };
    }

    private List<Expr> ParseOrderedList()
    {
        var items = new List<Expr>();
        do
        {
            var e = ParseExpression();
            var desc = false;
            if (Accept("desc"))
            {
                desc = true;
            }
            else
            {
                Accept("asc");
            }

            if (Accept("nulls"))
            {
                if (!Accept("first"))
                {
                    Expect("last");
                }
            }

            items.Add(new OrderedExpr(e, desc) { Start = e.Start, End = PreviousToken.End });
        }
        while (Accept(","));

        return items;
    }

    private List<Expr> ParseNamedList()
    {
        var items = new List<Expr>();
        do
        {
            items.Add(ParseNamed());
        }
        while (Accept(","));

        return items;
    }

    /// <summary><c>Name = expr</c>, <c>(A, B) = expr</c> or <c>expr</c>.</summary>
    private Expr ParseNamed()
    {
        if (AtName())
        {
            var len = IsBracketedName() ? 3 : 1;
            if (PeekToken(len).Is("="))
            {
                var name = ParseName("a name");
                Advance();
                var value = ParseExpression();
                return new AssignExpr(new List<NameExpr> { name }, value) { Start = name.Start, End = value.End };
            }
        }

        if (At("(") && PeekToken().Kind == TokenKind.Identifier && (PeekToken(2).Is(",") || PeekToken(2).Is(")")))
        {
            // (A, B) = expr ?
            var save = _pos;
            var start = Current.Start;
            Advance();
            var names = new List<NameExpr>();
            while (Current.Kind == TokenKind.Identifier)
            {
                names.Add(ParseName("a name"));
                if (!Accept(","))
                {
                    break;
                }
            }

            if (Accept(")") && Accept("="))
            {
                var value = ParseExpression();
                return new AssignExpr(names, value) { Start = start, End = value.End };
            }

            _pos = save;
        }

        return ParseExpression();
    }

    private List<Expr> ParseExpressionList(string? close)
    {
        var items = new List<Expr>();
        if (close != null && At(close))
        {
            return items;
        }

        do
        {
            if (close != null && At(close))
            {
                break;
            }

            items.Add(ParseExpression());
        }
        while (Accept(","));

        return items;
    }
}
