using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>parse</c> and <c>parse-where</c> with <c>kind=simple</c> (the default), <c>regex</c> and <c>relaxed</c>. The pattern
/// becomes one regular expression, as the KQL reference describes: <c>*</c> is <c>.*?</c>, a string column <c>(.*?)</c>,
/// a long or int column <c>(-?\d+)</c>, a real <c>(-?\d+(\.\d+)?...)</c>. In regex mode <c>*</c> and the text columns
/// are greedy (<c>.*</c>) unless <c>flags=U</c>, as the reference's regex examples print; in relaxed mode a number column
/// takes digits when there are some and any text otherwise. Columns are named groups, so the pattern's own groups do not
/// shift them. The match starts at the beginning of the text; a pattern ending with a column runs to its end. In simple
/// and regex mode a row that does not match gets nulls (parse-where drops it); in relaxed mode a typed column that does
/// not convert is null and the others keep their values.
/// </summary>
internal sealed partial class Evaluator
{
    private sealed record ParseColumn(string Name, KqlScalarType Type);

    private KqlResultTable Parse(KqlResultTable input, OperatorNode op, bool dropUnmatched)
    {
        string kind = op.GetParameter("kind") is NameExpr k ? k.Name : "simple";
        if (kind is not ("simple" or "regex" or "relaxed"))
        {
            throw Error(op, $"unsupported operator 'parse kind={kind}'");
        }

        string flags = op.GetParameter("flags") switch { NameExpr n => n.Name, { } f => Values.ToText(Compile(f, new Ctx(Scope.Empty)).Value), _ => "" };
        if (op.Operand is null)
        {
            throw Error(op, "parse needs an expression and a pattern: parse Expr with ...");
        }

        (Regex regex, List<ParseColumn> columns) = ParsePattern(op, kind, flags);
        Scalar source = Compile(op.Operand, new Ctx(new Scope(input.Columns)));
        var outColumns = input.Columns.ToList();
        int[] target = new int[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            int existing = outColumns.FindIndex(c => c.Name == columns[i].Name);
            var column = new KqlResultColumn(columns[i].Name, columns[i].Type);
            if (existing >= 0)
            {
                outColumns[existing] = column;
                target[i] = existing;
            }
            else
            {
                target[i] = outColumns.Count;
                outColumns.Add(column);
            }
        }

        var rows = new List<object?[]>(input.Rows.Count);
        foreach (object?[] row in input.Rows)
        {
            Budget.Tick(op);
            object?[] output = new object?[outColumns.Count];
            Array.Copy(row, output, row.Length);
            Match m = RegexMatch(regex, Values.ToText(source.Eval(row)), op);
            bool matched = m.Success;
            object?[] values = new object?[columns.Count];
            for (int i = 0; matched && i < columns.Count; i++)
            {
                System.Text.RegularExpressions.Group g = m.Groups[ParseGroup(i)];
                string text = columns[i].Type == KqlScalarType.String ? g.Value : g.Value.Trim();
                values[i] = g.Success ? CellConverter.FromText(text, columns[i].Type, out string? problem) is var v && problem is null ? v : null : null;
                if (values[i] is null && columns[i].Type != KqlScalarType.String && kind != "relaxed")
                {
                    matched = false;
                }
            }

            if (!matched && dropUnmatched)
            {
                continue;
            }

            for (int i = 0; i < columns.Count; i++)
            {
                output[target[i]] = Values.Coerce(matched ? values[i] : null, columns[i].Type);
            }

            rows.Add(output);
        }

        return Table(outColumns, rows);
    }

    private static string ParseGroup(int column) => "c" + column.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads the pattern after <c>with</c> from the tokens (the front end keeps only its column names).</summary>
    private (Regex Regex, List<ParseColumn> Columns) ParsePattern(OperatorNode op, string kind, string flags)
    {
        List<Token> tokens = TokensAfterKeyword(op).Where(t => t.Start >= op.Operand!.End).ToList();
        int start = tokens.FindIndex(t => t.Is("with"));
        if (start < 0)
        {
            throw Error(op, "parse needs 'with' and a pattern.");
        }

        // Regex mode is greedy unless flags=U (RE2's "ungreedy"; .NET has no such option, so the pattern says it).
        string any = kind == "regex" && !flags.Contains('U', StringComparison.Ordinal) ? ".*" : ".*?";
        var sb = new StringBuilder("^");
        var columns = new List<ParseColumn>();
        bool endsWithColumn = false;
        for (int i = start + 1; i < tokens.Count; i++)
        {
            Token t = tokens[i];
            if (t.Is(","))
            {
                continue;
            }

            endsWithColumn = false;
            if (t.Is("*"))
            {
                sb.Append(any);
            }
            else if (t.Kind == TokenKind.StringLiteral)
            {
                sb.Append(kind == "regex" ? t.Value : Regex.Escape(t.Value ?? ""));
            }
            else if (t.Kind == TokenKind.Identifier || (t.Kind == TokenKind.Punctuation && t.Text == "["))
            {
                string name = t.Text;
                if (t.Text == "[" && i + 2 < tokens.Count && tokens[i + 1].Kind == TokenKind.StringLiteral && tokens[i + 2].Is("]"))
                {
                    name = tokens[i + 1].Value ?? "";
                    i += 2;
                }

                KqlScalarType type = KqlScalarType.String;
                if (i + 2 < tokens.Count && tokens[i + 1].Is(":"))
                {
                    if (!KqlColumnTypes.TryParse(tokens[i + 2].Text, out type))
                    {
                        throw Error(op, $"parse: unknown type '{tokens[i + 2].Text}' for the column '{name}'.");
                    }

                    i += 2;
                }

                string number = type switch
                {
                    KqlScalarType.Int or KqlScalarType.Long => @"-?\d+",
                    KqlScalarType.Real or KqlScalarType.Decimal => @"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?",
                    _ => "",
                };
                sb.Append("(?<").Append(ParseGroup(columns.Count)).Append('>')
                    .Append(number.Length == 0 ? any : kind == "relaxed" ? number + "|.*?" : number)
                    .Append(')');
                columns.Add(new ParseColumn(name, type));
                endsWithColumn = true;
            }
            else
            {
                throw Error(op, $"parse: unexpected '{t.Text}' in the pattern.");
            }
        }

        if (endsWithColumn)
        {
            sb.Append('$');
        }

        RegexOptions options = RegexOptions.CultureInvariant;
        if (kind == "regex")
        {
            options |= flags.Contains('i', StringComparison.Ordinal) ? RegexOptions.IgnoreCase : 0;
            options |= flags.Contains('m', StringComparison.Ordinal) ? RegexOptions.Multiline : 0;
            options |= flags.Contains('s', StringComparison.Ordinal) ? RegexOptions.Singleline : 0;
        }

        try
        {
            return (new Regex(sb.ToString(), options | RegexOptions.Singleline, _options.RegexTimeout), columns);
        }
        catch (ArgumentException ex)
        {
            throw new KqlEngineException($"parse: the pattern is not a valid regular expression: {ex.Message}", _text, op.Start, op.Length, ex);
        }
    }
}
