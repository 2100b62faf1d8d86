using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: scalar expressions (names, member access, operators and their types).
public sealed partial class Binder
{
    private Value BindExpr(Expr e, Context ctx)
    {
        switch (e)
        {
            case LiteralExpr lit:
                return Value.Scalar(lit.Type);
            case NameExpr name:
                return BindName(name, ctx, tabularExpected: false);
            case ParenExpr paren:
                return paren.Inner is NameExpr n ? BindName(n, ctx, tabularExpected: false) : BindExpr(paren.Inner, ctx);
            case PipeExpr pipe:
                return BindPipe(pipe, ctx);
            case OperatorNode op:
                return Value.Table(BindOperator(op, null, ctx));
            case CallExpr call:
                return BindCall(call, ctx);
            case BinaryExpr bin:
                return BindBinary(bin, ctx);
            case UnaryExpr unary:
            {
                var v = BindExpr(unary.Operand, ctx);
                return Value.Scalar(KqlScalarTypes.IsNumeric(v.Type) || v.Type == KqlScalarType.TimeSpan ? v.Type : KqlScalarType.Unknown);
            }

            case InExpr inExpr:
                JudgeInLeft(inExpr, BindExpr(inExpr.Left, ctx));
                foreach (var item in inExpr.Items)
                {
                    BindExpr(item, ctx);
                }

                return Value.Scalar(KqlScalarType.Bool);
            case BetweenExpr between:
                BindExpr(between.Left, ctx);
                BindExpr(between.Low, ctx);
                BindExpr(between.High, ctx);
                return Value.Scalar(KqlScalarType.Bool);
            case DotExpr dot:
                return BindDot(dot, ctx);
            case IndexExpr index:
            {
                var left = BindExpr(index.Left, ctx);
                BindExpr(index.Index, ctx);
                return Value.Scalar(left.Type == KqlScalarType.Dynamic ? KqlScalarType.Dynamic : KqlScalarType.Unknown);
            }

            case AssignExpr assign:
                return BindExpr(assign.Value, ctx);
            case OrderedExpr ordered:
                return BindExpr(ordered.Inner, ctx);
            case ToTypeExpr toType:
                BindExpr(toType.Inner, ctx);
                return Value.Scalar(KqlScalarTypes.Parse(toType.TypeName));
            default:
                return Value.Unknown;
        }
    }

    /// <summary>
    /// in~, !in~, has_any and has_all compare strings: Kusto.Language rejects any other (judged) left operand. in and
    /// !in take any scalar, and no list item is judged (Kusto.Language accepts mixed lists).
    /// </summary>
    private void JudgeInLeft(InExpr inExpr, Value left)
    {
        if (inExpr.Op is "in" or "!in" || left.Shape != null || !KqlScalarTypes.IsJudged(left.Type) || left.Type == KqlScalarType.String)
        {
            return;
        }

        Report(KqlDiagnosticKind.TypeMismatch, inExpr.Left.Start, inExpr.Left.Length,
            "The operator '" + inExpr.Op + "' compares strings, not " + KqlScalarTypes.WithArticle(left.Type) + ".");
    }

    private Value BindName(NameExpr name, Context ctx, bool tabularExpected)
    {
        var text = name.Name;
        if (ctx.Row != null)
        {
            var column = ctx.Row.Find(text);
            if (column != null)
            {
                return Value.Scalar(column.Type);
            }
        }

        var symbol = ctx.Scope.Lookup(text);
        if (symbol != null)
        {
            switch (symbol.Kind)
            {
                case SymbolKind.Scalar:
                    return Value.Scalar(symbol.Type);
                case SymbolKind.Tabular:
                    return Value.Table(symbol.Shape ?? RowShape.Open);
                default:
                    return symbol.Shape != null ? Value.Table(symbol.Shape) : Value.Scalar(symbol.Type);
            }
        }

        if (_schema.TryGetTable(text, out var table))
        {
            ReportIfNotVisible(name);
            return Value.Table(table.Shape);
        }

        if (_schema.TryGetFunction(text, out var function) && function.MinArgs == 0)
        {
            return Value.Table(function.Output);
        }

        if (_asNames.Contains(text))
        {
            return Value.Table(RowShape.Open);
        }

        switch (text)
        {
            case "true":
            case "false":
                return Value.Scalar(KqlScalarType.Bool);
            case "null":
            case "":
                return Value.Unknown;
        }

        if (text.StartsWith("$", StringComparison.Ordinal) || DefenderFunctions.Contains(text))
        {
            return Value.Unknown;
        }

        if (tabularExpected)
        {
            if (ctx.Row == null || !ctx.Row.IsOpen)
            {
                var suggestion = NameSuggester.Suggest(text, TableAndTabularNames(ctx.Scope));
                Report(KqlDiagnosticKind.UnknownTable, name.Start, name.Length,
                    "'" + text + "' is not a known table" + DidYouMean(suggestion), suggestion);
            }

            return Value.Table(RowShape.Open);
        }

        if (ctx.Row != null && !ctx.Row.IsOpen)
        {
            ReportUnknownColumn(name, ctx.Row, ctx.Scope);
        }

        return Value.Unknown;
    }

    private IEnumerable<string> TableAndTabularNames(Scope scope)
    {
        foreach (var t in _schema.Tables)
        {
            yield return t.Name;
        }

        foreach (var n in scope.Names())
        {
            yield return n;
        }
    }

    private static string DidYouMean(string? suggestion) => suggestion == null ? "." : "; did you mean '" + suggestion + "'?";

    private void ReportUnknownColumn(NameExpr name, RowShape row, Scope? scope)
    {
        var candidates = new List<string>();
        foreach (var c in row.Columns)
        {
            candidates.Add(c.Name);
        }

        var suggestion = NameSuggester.Suggest(name.Name, candidates);
        var where = row.Origin != null ? "a column of " + row.Origin : "a column of the input";
        Report(KqlDiagnosticKind.UnknownColumn, name.Start, name.Length, "'" + name.Name + "' is not " + where + DidYouMean(suggestion), suggestion);
    }

    private Value BindDot(DotExpr dot, Context ctx)
    {
        if (dot.Left is NameExpr side && (side.Name == "$left" || side.Name == "$right"))
        {
            var shape = side.Name == "$left" ? ctx.Left : ctx.Right;
            if (shape == null)
            {
                return Value.Unknown;
            }

            var column = shape.Find(dot.Member.Name);
            if (column != null)
            {
                return Value.Scalar(column.Type);
            }

            if (!shape.IsOpen)
            {
                ReportUnknownColumn(dot.Member, shape, null);
            }

            return Value.Unknown;
        }

        var left = BindExpr(dot.Left, ctx);
        if (left.Shape != null)
        {
            // T.Column
            var column = left.Shape.Find(dot.Member.Name);
            return column != null ? Value.Scalar(column.Type) : Value.Unknown;
        }

        return Value.Scalar(left.Type == KqlScalarType.Dynamic ? KqlScalarType.Dynamic : KqlScalarType.Unknown);
    }

    private Value BindBinary(BinaryExpr bin, Context ctx)
    {
        var left = BindExpr(bin.Left, ctx);
        var right = BindExpr(bin.Right, ctx);
        switch (bin.Op)
        {
            case "and":
            case "or":
            case "==":
            case "!=":
            case "<>":
                return Value.Scalar(KqlScalarType.Bool);
            case "+":
            case "-":
            case "*":
            case "/":
            case "%":
            case "<":
            case "<=":
            case ">":
            case ">=":
                return Value.Scalar(JudgeOperator(bin, bin.Op, left, right));
            default:
                if (IsStringOperator(bin.Op))
                {
                    JudgeOperator(bin, "contains", left, right);
                }

                return Value.Scalar(KqlScalarType.Bool);
        }
    }

    /// <summary>The string operators Kusto.Language types alike: string (or dynamic) operands, bool result.</summary>
    private static bool IsStringOperator(string op) =>
        op is "=~" or "!~" or "matches regex" ||
        (!op.Contains("like") && (op.Contains("has") || op.Contains("contains") || op.Contains("startswith") || op.Contains("endswith")));

    /// <summary>
    /// Types <c>left op right</c> by Kusto.Language's operator table (FunctionCatalog.Signatures.cs); reports the
    /// operands when Kusto.Language rejects them. Unknown or dynamic operands are not judged.
    /// </summary>
    private KqlScalarType JudgeOperator(BinaryExpr bin, string tableOp, Value left, Value right)
    {
        if (left.Shape != null || right.Shape != null || !SignatureTable.TryJudgeBinary(tableOp, left.Type, right.Type, out var rejected, out var result))
        {
            return bin.Op is "<" or "<=" or ">" or ">=" ? KqlScalarType.Bool : KqlScalarType.Unknown;
        }

        if (rejected)
        {
            var verb = bin.Op is "<" or "<=" or ">" or ">=" ? "cannot compare" : "cannot take";
            Report(KqlDiagnosticKind.TypeMismatch, bin.Start, bin.Length,
                "The operator '" + bin.Op + "' " + verb + " " + KqlScalarTypes.WithArticle(left.Type) + " with " + KqlScalarTypes.WithArticle(right.Type) + ".");
        }

        return result;
    }
}
