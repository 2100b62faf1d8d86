using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

// Parser: scalar expressions, by precedence.
public sealed partial class Parser
{
    public Expr ParseExpression() => ParseOr();

    private Expr ParseOr() => ParseLeftAssociative("or", ParseAnd);

    private Expr ParseAnd() => ParseLeftAssociative("and", ParseComparison);

    /// <summary><c>operand (keyword operand)*</c>, grouped to the left.</summary>
    private Expr ParseLeftAssociative(string keyword, Func<Expr> operand)
    {
        var left = operand();
        while (At(keyword))
        {
            var op = Advance();
            var right = operand();
            left = new BinaryExpr(keyword, op.Start, op.Length, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var t = Current;
            var text = t.Text;
            if (t.Kind == TokenKind.Punctuation && text is "==" or "!=" or "<>" or "<" or "<=" or ">" or ">=" or "=~" or "!~")
            {
                Advance();
                var right = ParseAdditive();
                left = new BinaryExpr(text, t.Start, t.Length, left, right) { Start = left.Start, End = right.End };
                continue;
            }

            if ((t.Kind == TokenKind.Identifier || t.Kind == TokenKind.Punctuation) && StringOperators.Contains(text))
            {
                Advance();
                var right = ParseAdditive();
                left = new BinaryExpr(text, t.Start, t.Length, left, right) { Start = left.Start, End = right.End };
                continue;
            }

            if (t.Is("matches") && PeekToken().Is("regex"))
            {
                Advance();
                Advance();
                var right = ParseAdditive();
                left = new BinaryExpr("matches regex", t.Start, PreviousToken.End - t.Start, left, right) { Start = left.Start, End = right.End };
                continue;
            }

            if ((t.Kind == TokenKind.Identifier || t.Kind == TokenKind.Punctuation) && text is "in" or "!in" or "in~" or "!in~" or "has_any" or "has_all" or "!has_any" or "!has_all")
            {
                Advance();
                var items = new List<Expr>();
                if (At("("))
                {
                    Advance();
                    if (!At(")"))
                    {
                        do
                        {
                            items.Add(ParsePipe());
                        }
                        while (Accept(","));
                    }

                    Expect(")");
                }
                else
                {
                    // x in dynamic([...]) / x has_any (list) without parentheses
                    items.Add(ParseAdditive());
                }

                left = new InExpr(text, left, items) { Start = left.Start, End = PreviousToken.End };
                continue;
            }

            if ((t.Kind == TokenKind.Identifier || t.Kind == TokenKind.Punctuation) && text is "between" or "!between")
            {
                Advance();
                Expect("(");
                var low = ParseAdditive();
                Expect("..");
                var high = ParseAdditive();
                Expect(")");
                left = new BetweenExpr(text == "!between", left, low, high) { Start = left.Start, End = PreviousToken.End };
                continue;
            }

            return left;
        }
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (At("+") || At("-"))
        {
            var op = Advance();
            var right = ParseMultiplicative();
            left = new BinaryExpr(op.Text, op.Start, op.Length, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (At("*") || At("/") || At("%"))
        {
            // '*' at the end of an argument list (arg_max(x, *)) is not multiplication.
            if (At("*") && (PeekToken().Is(")") || PeekToken().Is(",")))
            {
                break;
            }

            var op = Advance();
            var right = ParseUnary();
            left = new BinaryExpr(op.Text, op.Start, op.Length, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (At("-") || At("+"))
        {
            var op = Advance();
            var operand = ParseUnary();
            return new UnaryExpr(op.Text, operand) { Start = op.Start, End = operand.End };
        }

        return ParsePostfix();
    }

    private Expr ParsePostfix()
    {
        var e = ParsePrimary();
        while (true)
        {
            if (At(".") && (PeekToken().Kind == TokenKind.Identifier || PeekToken().Kind == TokenKind.TypedLiteral || (PeekToken().Is("[") && PeekToken(2).Kind == TokenKind.StringLiteral)))
            {
                Advance();
                NameExpr member;
                if (Current.Kind == TokenKind.TypedLiteral)
                {
                    // x.time / x.date (a typed-literal keyword used as a member name): take the word only.
                    var t = Current;
                    var word = t.Text;
                    var paren = word.IndexOf('(');
                    if (paren > 0)
                    {
                        // Member call such as T.datetime(...) is not KQL; report.
                        ErrorAtCurrent("Unexpected '" + word + "'.");
                        Advance();
                        return e;
                    }

                    Advance();
                    member = new NameExpr(word, t.Start, t.End);
                }
                else
                {
                    member = ParseName("a member name");
                }

                if (At("("))
                {
                    // method-style call T.f(...) : keep as a call on the member name
                    var args = ParseArguments();
                    e = new CallExpr(member, args) { Start = e.Start, End = PreviousToken.End };
                    continue;
                }

                e = new DotExpr(e, member) { Start = e.Start, End = member.End };
                continue;
            }

            if (At("[") && !(e is MissingExpr))
            {
                Advance();
                var index = ParseExpression();
                Expect("]");
                e = new IndexExpr(e, index) { Start = e.Start, End = PreviousToken.End };
                continue;
            }

            return e;
        }
    }

    private List<Expr> ParseArguments()
    {
        Expect("(");
        var args = new List<Expr>();
        if (!At(")"))
        {
            do
            {
                if (At("*") && (PeekToken().Is(")") || PeekToken().Is(",")))
                {
                    var star = Advance();
                    args.Add(new StarExpr { Start = star.Start, End = star.End });
                    continue;
                }

                if (Current.Kind == TokenKind.Identifier && PeekToken().Is("=") )
                {
                    // named argument: name = value
                    var name = ParseName("a name");
                    Advance();
                    var value = ParsePipe();
                    args.Add(new AssignExpr(new List<NameExpr> { name }, value) { Start = name.Start, End = value.End });
                    continue;
                }

                args.Add(ParsePipe());
            }
            while (Accept(","));
        }

        Expect(")");
        return args;
    }

    private Expr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.StringLiteral:
            {
                Advance();
                var value = t.Value ?? "";
                var end = t.End;

                // adjacent literals concatenate: "a" "b"
                while (Current.Kind == TokenKind.StringLiteral)
                {
                    value += Current.Value;
                    end = Current.End;
                    Advance();
                }

                return new LiteralExpr(KqlScalarType.String, _text.Substring(t.Start, end - t.Start), value) { Start = t.Start, End = end };
            }

            case TokenKind.LongLiteral:
                Advance();
                return new LiteralExpr(KqlScalarType.Long, t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.RealLiteral:
                Advance();
                return new LiteralExpr(KqlScalarType.Real, t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.TimeSpanLiteral:
                Advance();
                return new LiteralExpr(KqlScalarType.TimeSpan, t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.TypedLiteral:
                Advance();
                return new LiteralExpr(KqlScalarTypes.Parse(t.Value), t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.Identifier:
                return ParseIdentifierPrimary();
            case TokenKind.Bad:
                Advance();
                return new MissingExpr { Start = t.Start, End = t.End };
        }

        if (t.Is("("))
        {
            Advance();
            var inner = ParsePipe();
            if (At(","))
            {
                // tuple such as (a, b) in a list: keep the first, parse the rest
                while (Accept(","))
                {
                    ParsePipe();
                }
            }

            Expect(")");
            return new ParenExpr(inner) { Start = t.Start, End = PreviousToken.End };
        }

        if (IsBracketedName())
        {
            return ParseBracketedName();
        }

        if (t.Is("*"))
        {
            Advance();
            return new StarExpr { Start = t.Start, End = t.End };
        }

        if (t.Is("[") || t.Is("{"))
        {
            // JSON-like array/bag (inside dynamic or datatable): skip it balanced.
            var start = t.Start;
            SkipBalanced();
            return new LiteralExpr(KqlScalarType.Dynamic, _text.Substring(start, PreviousToken.End - start), null) { Start = start, End = PreviousToken.End };
        }

        ErrorAtCurrent(AtEnd ? "Expected an expression but the query ended." : "Expected an expression but found '" + t.Text + "'.");
        return new MissingExpr { Start = t.Start, End = t.Start };
    }

    /// <summary>Skips one bracketed group starting at the current '(' '[' or '{'.</summary>
    private void SkipBalanced()
    {
        var depth = 0;
        do
        {
            var t = Current;
            if (t.Kind == TokenKind.Punctuation)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    depth--;
                }
            }

            Advance();
        }
        while (depth > 0 && !AtEnd);

        if (depth > 0)
        {
            Error(_text.Length, 0, "A bracket is not closed.");
        }
    }

    private Expr ParseIdentifierPrimary()
    {
        var t = Current;
        var next = PeekToken();
        if (next.Is("("))
        {
            if (t.Text == "dynamic")
            {
                Advance();
                var start = next.Start;
                SkipBalanced();
                return new LiteralExpr(KqlScalarType.Dynamic, _text.Substring(t.Start, PreviousToken.End - t.Start), null) { Start = t.Start, End = PreviousToken.End };
            }

            if (t.Text == "typeof")
            {
                Advance();
                Advance();
                var typeName = Current.Kind == TokenKind.Identifier || Current.Kind == TokenKind.TypedLiteral ? Current.Text : "";
                SkipUntilClose();
                return new TypeOfExpr(typeName) { Start = t.Start, End = PreviousToken.End };
            }

            Advance();
            var name = new NameExpr(t.Text, t.Start, t.End);
            var args = ParseArguments();
            return new CallExpr(name, args) { Start = t.Start, End = PreviousToken.End };
        }

        Advance();
        return new NameExpr(t.Text, t.Start, t.End);
    }

    /// <summary>Inside parentheses: skips to and past the matching ')'.</summary>
    private void SkipUntilClose()
    {
        var depth = 1;
        while (!AtEnd)
        {
            var t = Advance();
            if (t.Is("("))
            {
                depth++;
            }
            else if (t.Is(")"))
            {
                depth--;
                if (depth == 0)
                {
                    return;
                }
            }
        }

        Error(_text.Length, 0, "Expected ')' but the query ended.");
    }
}
