using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

// Parser: pipes, tabular operators and their parameters.
public sealed partial class Parser
{
    /// <summary>expression ( '|' operator )*</summary>
    private Expr ParsePipe()
    {
        Expr left;
        if (Current.Kind == TokenKind.Identifier && IsSourceOperator())
        {
            left = ParseOperator(isSource: true);
        }
        else if (At("|"))
        {
            ErrorAtCurrent("A query cannot start with '|'.");
            left = new MissingExpr { Start = Current.Start, End = Current.Start };
        }
        else
        {
            left = ParseExpression();
        }

        while (At("|"))
        {
            Advance();
            var op = ParseOperator(isSource: false);
            left = new PipeExpr(left, op) { Start = left.Start, End = op.End };
        }

        return left;
    }

    private bool IsSourceOperator()
    {
        var next = PeekToken();
        switch (Current.Text)
        {
            case "union":
            case "print":
            case "search":
            case "find":
                return !next.Is("=") && !next.Is("==");
            case "datatable":
            case "externaldata":
            case "external_data":
                return next.Is("(") || next.Is("[");
            case "range":
                return next.Kind == TokenKind.Identifier || (next.Is("[") && PeekToken(2).Kind == TokenKind.StringLiteral);
            case "evaluate":
                return next.Kind == TokenKind.Identifier;
            default:
                return false;
        }
    }

    private OperatorNode ParseOperator(bool isSource)
    {
        var keyword = Current;
        if (keyword.Kind != TokenKind.Identifier)
        {
            ErrorAtCurrent("Expected a query operator after '|'" + Found() + ".");
            var missing = new OperatorNode(OperatorKind.Unknown, "", keyword.Start, 0);
            SkipOperatorTokens();
            missing.End = PreviousToken.End > missing.Start ? PreviousToken.End : missing.Start;
            return missing;
        }

        Advance();
        if (!Operators.TryGetValue(keyword.Text, out var kind))
        {
            Error(keyword.Start, keyword.Length, "'" + keyword.Text + "' is not a KQL query operator.");
            var unknown = new OperatorNode(OperatorKind.Unknown, keyword.Text, keyword.Start, keyword.Length);
            SkipOperatorTokens();
            unknown.End = PreviousToken.End;
            return unknown;
        }

        var op = new OperatorNode(kind, keyword.Text, keyword.Start, keyword.Length);
        switch (kind)
        {
            case OperatorKind.Where:
                ParseParameters(op);
                op.Items = new List<Expr> { ParseExpression() };
                break;
            case OperatorKind.Project:
            case OperatorKind.Extend:
                ParseParameters(op);
                op.Items = ParseNamedList();
                break;
            case OperatorKind.Serialize:
            case OperatorKind.Print:
                ParseParameters(op);
                op.Items = AtOperatorEnd() ? new List<Expr>() : ParseNamedList();
                break;
            case OperatorKind.ProjectAway:
            case OperatorKind.ProjectKeep:
            case OperatorKind.ProjectReorder:
                op.Items = ParsePatternList(allowOrder: kind == OperatorKind.ProjectReorder);
                break;
            case OperatorKind.ProjectRename:
                op.Items = ParseNamedList();
                break;
            case OperatorKind.Distinct:
                ParseParameters(op);
                op.Items = ParseNamedList();
                break;
            case OperatorKind.Summarize:
                ParseParameters(op);
                op.Items = At("by") ? new List<Expr>() : ParseNamedList();
                if (Accept("by"))
                {
                    op.By = ParseNamedList();
                }

                break;
            case OperatorKind.Sort:
                ParseParameters(op);
                Expect("by");
                op.By = ParseOrderedList();
                break;
            case OperatorKind.Top:
                ParseParameters(op);
                op.Operand = ParseExpression();
                Expect("by");
                op.By = ParseOrderedList();
                break;
            case OperatorKind.Take:
            case OperatorKind.Sample:
                ParseParameters(op);
                op.Operand = ParseExpression();
                break;
            case OperatorKind.SampleDistinct:
                ParseParameters(op);
                op.Operand = ParseExpression();
                Expect("of");
                op.Items = new List<Expr> { ParseExpression() };
                break;
            case OperatorKind.Count:
                if (Accept("as"))
                {
                    op.Name = ParseName("a column name");
                }

                break;
            case OperatorKind.Join:
            case OperatorKind.Lookup:
                ParseJoin(op);
                break;
            case OperatorKind.Union:
                ParseParameters(op);
                op.Items = ParseUnionItems();
                break;
            case OperatorKind.MvExpand:
                ParseMvExpand(op);
                break;
            case OperatorKind.Parse:
            case OperatorKind.ParseWhere:
                ParseParse(op);
                break;
            case OperatorKind.MakeSeries:
                ParseMakeSeries(op);
                break;
            case OperatorKind.Evaluate:
            case OperatorKind.Invoke:
                ParseParameters(op);
                op.Operand = ParseExpression();
                if (kind == OperatorKind.Evaluate && Accept(":") && Expect("("))
                {
                    op.Columns = ParseColumnDecls(")");
                }

                break;
            case OperatorKind.As:
                ParseParameters(op);
                op.Name = ParseName("a name after 'as'");
                break;
            case OperatorKind.Datatable:
                ParseParameters(op);
                if (Expect("("))
                {
                    op.Columns = ParseColumnDecls(")");
                }

                if (Expect("["))
                {
                    op.Items = ParseExpressionList("]");
                    Expect("]");
                }

                break;
            case OperatorKind.Range:
                op.Name = ParseName("a column name");
                Expect("from");
                op.Operand = ParseExpression();
                Expect("to");
                op.Items = new List<Expr> { ParseExpression() };
                Expect("step");
                op.Items.Add(ParseExpression());
                break;
            case OperatorKind.GetSchema:
                break;
            case OperatorKind.Unmodelled:
            case OperatorKind.Search:
                ParseUnmodelledClauses(op);
                break;
            case OperatorKind.Render:
            default:
                SkipOperatorTokens();
                break;
        }

        if (!AtOperatorEnd())
        {
            ErrorAtCurrent("Unexpected '" + Current.Text + "' in the '" + keyword.Text + "' operator.");
            SkipOperatorTokens();
        }

        op.End = PreviousToken.End > op.End ? PreviousToken.End : op.End;
        return op;
    }

    /// <summary>Whether the current token ends an operator: '|', ';', ')', '}', ']' or the end.</summary>
    private bool AtOperatorEnd() => AtEnd || At("|") || At(";") || At(")") || At("}") || At("]");

    /// <summary>Skips a balanced run of tokens up to the next '|', ';' or closing bracket at depth 0.</summary>
    private void SkipOperatorTokens()
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
                    if (depth == 0)
                    {
                        return;
                    }

                    depth--;
                }
                else if ((t.Text == "|" || t.Text == ";") && depth == 0)
                {
                    return;
                }
            }

            Advance();
        }
    }

    /// <summary>Operator parameters: <c>kind=inner</c>, <c>hint.strategy=shuffle</c>, <c>withsource=T</c>, <c>isfuzzy=true</c>.</summary>
    private void ParseParameters(OperatorNode op)
    {
        while (Current.Kind == TokenKind.Identifier)
        {
            var name = Current.Text;
            var n = 1;

            // dotted names: hint.strategy, hint.shufflekey
            while (PeekToken(n).Is(".") && PeekToken(n + 1).Kind == TokenKind.Identifier)
            {
                name += "." + PeekToken(n + 1).Text;
                n += 2;
            }

            if (!PeekToken(n).Is("=") || !IsParameterName(name, op.Kind))
            {
                return;
            }

            for (var i = 0; i <= n; i++)
            {
                Advance();
            }

            Expr value;
            if (Current.Kind == TokenKind.Identifier)
            {
                var t = Advance();
                value = new NameExpr(t.Text, t.Start, t.End);
            }
            else
            {
                value = ParseUnary();
            }

            op.Parameters.Add(new OperatorParameter(name, value));
        }
    }

    private static bool IsParameterName(string name, OperatorKind kind)
    {
        if (name.StartsWith("hint.", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        switch (kind)
        {
            case OperatorKind.Join:
            case OperatorKind.Lookup:
                return name is "kind" or "withsource";
            case OperatorKind.Union:
                return name is "kind" or "withsource" or "isfuzzy";
            case OperatorKind.MvExpand:
                return name is "bagexpansion" or "with_itemindex" or "kind";
            case OperatorKind.Parse:
            case OperatorKind.ParseWhere:
                return name is "kind" or "flags";
            case OperatorKind.MakeSeries:
            case OperatorKind.Search:
                return name is "kind";
            case OperatorKind.Summarize:
            case OperatorKind.Distinct:
            case OperatorKind.Sort:
            case OperatorKind.Top:
            case OperatorKind.Take:
            case OperatorKind.Where:
            case OperatorKind.As:
            case OperatorKind.Evaluate:
            case OperatorKind.Invoke:
                return false;
            default:
                return false;
        }
    }
}
