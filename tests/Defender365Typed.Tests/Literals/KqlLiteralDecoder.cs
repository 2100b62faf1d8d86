using System;
using System.Globalization;
using System.Text;

namespace Defender365Typed.Tests.Literals;

/// <summary>
/// An independent reading of KQL quoted literals, written from what the Kusto.Language 12.4.1 tokenizer
/// (TokenParser.ScanStringLiteral/ScanStringEscape) and decoder (KustoFacts.DecodeEscapes) do.
/// </summary>
/// <remarks>
/// Stricter than the parser where the parser is inconsistent, so that the escaper can never rely on a corner:
/// <c>\U</c> (scanned as an escape, decoded as the letter U) and octal escapes (scanned as 1-3 octal digits, decoded
/// as up to 3 decimal digits) are rejected.
/// </remarks>
internal static class KqlLiteralDecoder
{
    /// <summary>Decodes a <c>"..."</c> or <c>'...'</c> literal; throws when the text is not exactly one such literal.</summary>
    public static string DecodeString(string literal)
    {
        if (literal.Length < 2 || (literal[0] != '"' && literal[0] != '\''))
        {
            throw new FormatException("A quoted literal starts with \" or '.");
        }

        char quote = literal[0];
        var decoded = new StringBuilder(literal.Length);
        int i = 1;
        while (true)
        {
            if (i >= literal.Length)
            {
                throw new FormatException("The literal has no closing quote.");
            }

            char c = literal[i];
            if (c == quote)
            {
                // The first unescaped quote ends the token: anything after it would be query text.
                return i == literal.Length - 1
                    ? decoded.ToString()
                    : throw new FormatException($"The literal ends at index {i}, before the end of the text.");
            }

            if (c is '\r' or '\n')
            {
                throw new FormatException($"A raw line break at index {i} ends the literal.");
            }

            if (c != '\\')
            {
                decoded.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= literal.Length)
            {
                throw new FormatException("A backslash at the end escapes nothing.");
            }

            char escape = literal[i + 1];
            switch (escape)
            {
                case '\\' or '\'' or '"':
                    decoded.Append(escape);
                    i += 2;
                    break;
                case 'a': decoded.Append('\a'); i += 2; break;
                case 'b': decoded.Append('\b'); i += 2; break;
                case 'f': decoded.Append('\f'); i += 2; break;
                case 'n': decoded.Append('\n'); i += 2; break;
                case 'r': decoded.Append('\r'); i += 2; break;
                case 't': decoded.Append('\t'); i += 2; break;
                case 'v': decoded.Append('\v'); i += 2; break;
                case 'u':
                    decoded.Append((char)Hex(literal, i + 2, 4));
                    i += 6;
                    break;
                case 'x':
                    decoded.Append((char)Hex(literal, i + 2, 2));
                    i += 4;
                    break;
                case 'U':
                    throw new FormatException("\\U is scanned but not decoded by Kusto.Language.");
                case >= '0' and <= '7':
                    throw new FormatException("Octal escapes are scanned and decoded differently by Kusto.Language.");
                default:
                    throw new FormatException($"\\{escape} at index {i} is not an escape: it breaks the token.");
            }
        }
    }

    /// <summary>Decodes a name: a plain identifier as-is, or <c>['...']</c> / <c>["..."]</c>.</summary>
    public static string DecodeIdentifier(string text)
    {
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            return DecodeString(text[1..^1]);
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new FormatException($"'{text}' is neither bracketed nor a plain identifier.");
            }
        }

        return text;
    }

    private static int Hex(string text, int start, int digits)
    {
        if (start + digits > text.Length
            || !int.TryParse(text.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value))
        {
            throw new FormatException($"Expected {digits} hex digits at index {start}.");
        }

        return value;
    }
}
