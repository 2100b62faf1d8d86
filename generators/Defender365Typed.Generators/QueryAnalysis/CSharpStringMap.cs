using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators.QueryAnalysis;

/// <summary>
/// Maps each character of a C# string constant back to the source characters it came from: regular literals
/// (with escape sequences), verbatim, raw (single and multi-line), constant interpolated strings and
/// concatenations of those. A KQL span then becomes a source span on exactly the offending characters.
/// </summary>
internal sealed class CSharpStringMap
{
    private readonly List<int> _starts = new List<int>();
    private readonly List<int> _lengths = new List<int>();

    private CSharpStringMap()
    {
    }

    public int Count => _starts.Count;

    /// <summary>Builds the map, or returns null when the expression's shape is not understood or the lengths disagree.</summary>
    public static CSharpStringMap? Create(SyntaxNode expression, string value, SemanticModel? model)
    {
        var map = new CSharpStringMap();
        if (!map.Append(expression, model) || map.Count != value.Length)
        {
            return null;
        }

        return map;
    }

    /// <summary>The source span of value characters [start, start+length).</summary>
    public Microsoft.CodeAnalysis.Text.TextSpan ToSource(int start, int length)
    {
        if (Count == 0)
        {
            return default;
        }

        if (start >= Count)
        {
            var endOfLast = _starts[Count - 1] + _lengths[Count - 1];
            return new Microsoft.CodeAnalysis.Text.TextSpan(endOfLast, 0);
        }

        var s = _starts[start];
        if (length <= 0)
        {
            return new Microsoft.CodeAnalysis.Text.TextSpan(s, 0);
        }

        var lastIndex = Math.Min(start + length, Count) - 1;
        var e = _starts[lastIndex] + _lengths[lastIndex];
        return Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(s, Math.Max(s, e));
    }

    private void Add(int position, int length)
    {
        _starts.Add(position);
        _lengths.Add(length);
    }

    private bool Append(SyntaxNode node, SemanticModel? model)
    {
        switch (node)
        {
            case ParenthesizedExpressionSyntax p:
                return Append(p.Expression, model);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return AppendLiteralToken(literal.Token);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Append(binary.Left, model) && Append(binary.Right, model);
            case InterpolatedStringExpressionSyntax interpolated:
                return AppendInterpolated(interpolated, model);
            default:
                return false;
        }
    }

    private bool AppendLiteralToken(SyntaxToken token)
    {
        var text = token.Text;
        var pos = token.SpanStart;
        if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
        {
            return AppendRaw(text, pos);
        }

        if (text.StartsWith("@\"", StringComparison.Ordinal))
        {
            AppendVerbatim(text, pos, 2, text.Length - 1, braces: false);
            return true;
        }

        if (text.StartsWith("\"", StringComparison.Ordinal))
        {
            return AppendRegular(text, pos, 1, text.Length - 1, braces: false);
        }

        return false;
    }

    private void AppendVerbatim(string text, int basePos, int from, int to, bool braces)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if ((c == '"' || (braces && (c == '{' || c == '}'))) && i + 1 < to && text[i + 1] == c)
            {
                Add(basePos + i, 2);
                i++;
                continue;
            }

            Add(basePos + i, 1);
        }
    }

    private bool AppendRegular(string text, int basePos, int from, int to, bool braces)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (braces && (c == '{' || c == '}') && i + 1 < to && text[i + 1] == c)
            {
                Add(basePos + i, 2);
                i++;
                continue;
            }

            if (c != '\\')
            {
                Add(basePos + i, 1);
                continue;
            }

            if (i + 1 >= to)
            {
                return false;
            }

            var e = text[i + 1];
            switch (e)
            {
                case 'x':
                {
                    var j = i + 2;
                    while (j < to && j < i + 6 && Uri.IsHexDigit(text[j]))
                    {
                        j++;
                    }

                    Add(basePos + i, j - i);
                    i = j - 1;
                    break;
                }

                case 'u':
                    Add(basePos + i, 6);
                    i += 5;
                    break;
                case 'U':
                {
                    var hex = i + 10 <= to ? text.Substring(i + 2, 8) : "0";
                    var code = Convert.ToInt32(hex, 16);
                    Add(basePos + i, 10);
                    if (code > 0xFFFF)
                    {
                        Add(basePos + i, 10);
                    }

                    i += 9;
                    break;
                }

                default:
                    Add(basePos + i, 2);
                    i++;
                    break;
            }
        }

        return true;
    }

    private bool AppendRaw(string text, int basePos)
    {
        var quotes = 0;
        while (quotes < text.Length && text[quotes] == '"')
        {
            quotes++;
        }

        var contentEnd = text.Length - quotes;
        var firstNewline = text.IndexOf('\n', quotes);
        if (firstNewline < 0 || firstNewline >= contentEnd)
        {
            for (var k = quotes; k < contentEnd; k++)
            {
                Add(basePos + k, 1);
            }

            return true;
        }

        // Multi-line: content lines between the opening and closing delimiter lines, minus the closing line's indentation.
        var lastNewline = text.LastIndexOf('\n', contentEnd - 1);
        var indentation = contentEnd - (lastNewline + 1);
        var regionEnd = lastNewline > 0 && text[lastNewline - 1] == '\r' ? lastNewline - 1 : lastNewline;
        var i = firstNewline + 1;
        while (i <= regionEnd)
        {
            var nl = text.IndexOf('\n', i);
            if (nl >= regionEnd)
            {
                nl = -1;
            }

            var lineEnd = nl < 0 ? regionEnd : (nl > i && text[nl - 1] == '\r' ? nl - 1 : nl);
            var j = i;
            for (var skip = 0; skip < indentation && j < lineEnd; skip++)
            {
                j++;
            }

            for (; j < lineEnd; j++)
            {
                Add(basePos + j, 1);
            }

            if (nl < 0)
            {
                break;
            }

            for (var k = lineEnd; k <= nl; k++)
            {
                Add(basePos + k, 1);
            }

            i = nl + 1;
        }

        return true;
    }

    private bool AppendInterpolated(InterpolatedStringExpressionSyntax node, SemanticModel? model)
    {
        var start = node.StringStartToken.Text;
        var verbatim = start.IndexOf('@') >= 0;
        var raw = start.EndsWith("\"\"\"", StringComparison.Ordinal);
        if (raw && node.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken))
        {
            return false;
        }

        foreach (var content in node.Contents)
        {
            if (content is InterpolatedStringTextSyntax textPart)
            {
                var token = textPart.TextToken;
                if (raw)
                {
                    for (var i = 0; i < token.Text.Length; i++)
                    {
                        Add(token.SpanStart + i, 1);
                    }
                }
                else if (verbatim)
                {
                    AppendVerbatim(token.Text, token.SpanStart, 0, token.Text.Length, braces: true);
                }
                else if (!AppendRegular(token.Text, token.SpanStart, 0, token.Text.Length, braces: true))
                {
                    return false;
                }

                continue;
            }

            if (content is InterpolationSyntax interpolation && model != null)
            {
                var constant = model.GetConstantValue(interpolation.Expression);
                if (!constant.HasValue || constant.Value is not string s || interpolation.AlignmentClause != null || interpolation.FormatClause != null)
                {
                    return false;
                }

                // Every character of the substituted constant maps onto the whole {Interpolation}.
                for (var i = 0; i < s.Length; i++)
                {
                    Add(interpolation.SpanStart, interpolation.Span.Length);
                }

                continue;
            }

            return false;
        }

        return true;
    }
}
