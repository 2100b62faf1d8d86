using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

// Parser: statements, let, function declarations and names.
public sealed partial class Parser
{
    private List<Statement> ParseStatements(bool topLevel)
    {
        var statements = new List<Statement>();
        while (!AtEnd && (topLevel || !At("}")))
        {
            if (Accept(";"))
            {
                continue;
            }

            var before = _pos;
            var statement = ParseStatement();
            statements.Add(statement);
            if (AtEnd || At(";") || (!topLevel && At("}")))
            {
                continue;
            }

            ErrorAtCurrent("Unexpected '" + Current.Text + "': expected ';', '|' or the end of the query.");
            SkipToStatementEnd(topLevel);
            if (_pos == before)
            {
                Advance();
            }
        }

        return statements;
    }

    private void SkipToStatementEnd(bool topLevel)
    {
        var depth = 0;
        while (!AtEnd)
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
                    if (depth == 0 && !topLevel && t.Text == "}")
                    {
                        return;
                    }

                    depth = depth > 0 ? depth - 1 : 0;
                }
                else if (t.Text == ";" && depth == 0)
                {
                    return;
                }
            }

            Advance();
        }
    }

    private Statement ParseStatement()
    {
        var start = Current.Start;
        if (Current.Kind == TokenKind.Identifier)
        {
            switch (Current.Text)
            {
                case "let":
                    return ParseLet();
                case "set":
                case "declare":
                case "alias":
                case "restrict":
                case "pattern":
                    if (PeekToken().Kind == TokenKind.Identifier)
                    {
                        SkipToStatementEnd(topLevel: true);
                        return new OtherStatement { Start = start, End = PreviousToken.End };
                    }

                    break;
            }
        }

        var query = ParsePipe();
        return new QueryStatement(query) { Start = start, End = query.End };
    }

    private LetStatement ParseLet()
    {
        var letToken = Advance();
        var name = ParseName("a name after 'let'");
        var let = new LetStatement(name) { Start = letToken.Start };
        Expect("=");
        if (Current.Is("view") && PeekToken().Is("("))
        {
            Advance();
        }

        if (At("(") && LooksLikeLambda())
        {
            let.Function = ParseFunctionDecl();
            let.End = let.Function.End;
        }
        else
        {
            let.Value = ParsePipe();
            let.End = let.Value.End;
        }

        return let;
    }

    /// <summary>At '(' : is this a parameter list followed by a body?</summary>
    private bool LooksLikeLambda()
    {
        var t1 = PeekToken(1);
        if (t1.Is(")"))
        {
            return PeekToken(2).Is("{");
        }

        return t1.Kind == TokenKind.Identifier && PeekToken(2).Is(":");
    }

    private FunctionDecl ParseFunctionDecl()
    {
        var decl = new FunctionDecl { Start = Current.Start };
        Expect("(");
        while (!AtEnd && !At(")"))
        {
            var name = ParseName("a parameter name");
            var p = new ParameterDecl(name);
            if (Expect(":"))
            {
                if (At("("))
                {
                    p.IsTabular = true;
                    Advance();
                    if (Accept("*"))
                    {
                        Expect(")");
                    }
                    else
                    {
                        p.TabularColumns = ParseColumnDecls(")");
                    }
                }
                else
                {
                    p.TypeName = ParseName("a type").Name;
                }
            }

            if (Accept("="))
            {
                p.Default = ParseExpression();
            }

            decl.Parameters.Add(p);
            if (!Accept(","))
            {
                break;
            }
        }

        Expect(")");
        if (Expect("{"))
        {
            decl.Body.AddRange(ParseStatements(topLevel: false));
            Expect("}");
        }

        decl.End = PreviousToken.End;
        return decl;
    }

    /// <summary>Parses <c>name:type, ...</c> up to and including <paramref name="close"/>.</summary>
    private List<ColumnDecl> ParseColumnDecls(string close)
    {
        var columns = new List<ColumnDecl>();
        while (!AtEnd && !At(close))
        {
            var name = ParseName("a column name");
            string? type = null;
            if (Expect(":"))
            {
                type = ParseName("a type").Name;
            }

            columns.Add(new ColumnDecl(name, type));
            if (!Accept(","))
            {
                break;
            }
        }

        Expect(close);
        return columns;
    }

    /// <summary>An identifier or <c>['bracketed name']</c>; reports and returns an empty name when missing.</summary>
    private NameExpr ParseName(string what)
    {
        var t = Current;
        if (t.Kind == TokenKind.Identifier)
        {
            Advance();
            return new NameExpr(t.Text, t.Start, t.End);
        }

        if (t.Kind == TokenKind.TypedLiteral && t.Text.IndexOf('(') < 0)
        {
            Advance();
            return new NameExpr(t.Text, t.Start, t.End);
        }

        if (IsBracketedName())
        {
            return ParseBracketedName();
        }

        ErrorAtCurrent("Expected " + what + Found() + ".");
        return new NameExpr("", t.Start, t.Start);
    }

    private bool IsBracketedName() => At("[") && PeekToken().Kind == TokenKind.StringLiteral && PeekToken(2).Is("]");

    private NameExpr ParseBracketedName()
    {
        var open = Advance();
        var s = Advance();
        var close = Advance();
        return new NameExpr(s.Value ?? "", open.Start, close.End);
    }

    private bool AtName() => Current.Kind == TokenKind.Identifier || IsBracketedName();
}
