using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed;

/// <summary>
/// Writes text as the body of a quoted KQL string literal (<c>"..."</c>, or <c>'...'</c> inside <c>['...']</c>).
/// </summary>
/// <remarks>
/// Rules, checked against the Kusto.Language 12.4.1 tokenizer and decoder:
/// <list type="bullet">
/// <item>A raw CR or LF ends a quoted literal, and the closing quote and a backslash must be escaped.</item>
/// <item>Legal escapes are <c>\\ \' \" \a \b \f \n \r \t \v \uXXXX \xXX</c> and octal <c>\ooo</c>. Any other
/// <c>\c</c> breaks the token. <c>\UXXXXXXXX</c> is scanned but decoded as the letter U: never emitted.</item>
/// <item>Other control characters are legal raw, but are written as <c>\uXXXX</c> so that the query text stays
/// printable and no log, terminal or reviewer sees something else than the parser does; so are line/paragraph
/// separators and invisible format characters (zero-width, bidi overrides: "Trojan Source"). Characters
/// outside the BMP are copied as-is.</item>
/// <item>A valid surrogate pair is copied as-is (the parser decodes it back unchanged); an unpaired surrogate has
/// no UTF-8 form, so the query could not be sent faithfully: it is rejected.</item>
/// </list>
/// The common case (nothing to escape) is one vectorized scan and one allocation.
/// </remarks>
internal static class KqlStringEscaper
{
    // Inclusive ranges: C0, DEL and C1 controls, line/paragraph separators and every BMP format (Cf) character
    // (soft hyphen, zero-width and joiner characters, bidi marks, overrides and isolates, BOM...). Fixed here
    // rather than read from the runtime so that net8.0 and net10.0 render the same text. Declared first because
    // static fields are initialized in text order.
    private static readonly (char First, char Last)[] InvisibleRanges =
    [
        ('\u0000', '\u001F'),
        ('\u007F', '\u009F'),
        ('\u00AD', '\u00AD'),
        ('\u0600', '\u0605'),
        ('\u061C', '\u061C'),
        ('\u06DD', '\u06DD'),
        ('\u070F', '\u070F'),
        ('\u0890', '\u0891'),
        ('\u08E2', '\u08E2'),
        ('\u180E', '\u180E'),
        ('\u200B', '\u200F'),
        ('\u2028', '\u202E'),
        ('\u2060', '\u206F'),
        ('\uFEFF', '\uFEFF'),
        ('\uFFF9', '\uFFFB'),
    ];

    private static readonly SearchValues<char> Invisible = SearchValues.Create(Expand(InvisibleRanges));

    // Everything that may need more than a plain copy; both quotes are listed so one set serves both delimiters.
    private static readonly SearchValues<char> NeedsAttention = SearchValues.Create(BuildAttentionSet());

    /// <summary>Returns <paramref name="prefix"/> + quote + escaped <paramref name="value"/> + quote + <paramref name="suffix"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate.</exception>
    public static string Quote(string value, char quote, string prefix, string suffix, string paramName)
    {
        ReadOnlySpan<char> text = value.AsSpan();
        int first = text.IndexOfAny(NeedsAttention);
        int length = prefix.Length + 2 + suffix.Length
            + (first < 0 ? text.Length : first + EscapedLength(text.Slice(first), first, quote, paramName));
        return string.Create(length, (value, quote, prefix, suffix, first), static (span, state) =>
        {
            (string value, char quote, string prefix, string suffix, int first) = state;
            prefix.AsSpan().CopyTo(span);
            int pos = prefix.Length;
            span[pos++] = quote;
            ReadOnlySpan<char> text = value.AsSpan();
            if (first < 0)
            {
                text.CopyTo(span.Slice(pos));
                pos += text.Length;
            }
            else
            {
                text.Slice(0, first).CopyTo(span.Slice(pos));
                pos += first;
                pos += WriteEscaped(text.Slice(first), quote, span.Slice(pos));
            }

            span[pos++] = quote;
            suffix.AsSpan().CopyTo(span.Slice(pos));
        });
    }

    // Validates surrogates here (before any allocation) so the writer below can trust its input.
    private static int EscapedLength(ReadOnlySpan<char> text, int offset, char quote, string paramName)
    {
        int length = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += 2;
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "The text has an unpaired surrogate U+{0:X4} at index {1}. A KQL query is sent as UTF-8, which cannot represent it.",
                        (int)c,
                        offset + i),
                    paramName);
            }
            else
            {
                length += EscapeOf(c, quote) switch
                {
                    Escape.None => 1,
                    Escape.Short => 2,
                    _ => 6,
                };
            }
        }

        return length;
    }

    private static int WriteEscaped(ReadOnlySpan<char> text, char quote, Span<char> destination)
    {
        int pos = 0;
        foreach (char c in text)
        {
            // Surrogates were validated by EscapedLength: both halves of a pair are copied raw.
            switch (EscapeOf(c, quote))
            {
                case Escape.None:
                    destination[pos++] = c;
                    break;
                case Escape.Short:
                    destination[pos++] = '\\';
                    destination[pos++] = c switch
                    {
                        '\n' => 'n',
                        '\r' => 'r',
                        '\t' => 't',
                        _ => c, // the quote or the backslash itself
                    };
                    break;
                default:
                    destination[pos++] = '\\';
                    destination[pos++] = 'u';
                    ((int)c).TryFormat(destination.Slice(pos, 4), out _, "x4", CultureInfo.InvariantCulture);
                    pos += 4;
                    break;
            }
        }

        return pos;
    }

    private enum Escape
    {
        None,
        Short,
        Unicode,
    }

    private static Escape EscapeOf(char c, char quote)
    {
        if (c == quote || c == '\\' || c == '\n' || c == '\r' || c == '\t')
        {
            return Escape.Short;
        }

        return IsInvisible(c) ? Escape.Unicode : Escape.None;
    }

    private static bool IsInvisible(char c) => Invisible.Contains(c);

    private static char[] BuildAttentionSet()
    {
        var chars = new List<char>(Expand(InvisibleRanges)) { '"', '\'', '\\' };
        chars.AddRange(Expand([('\uD800', '\uDFFF')]));
        return chars.ToArray();
    }

    private static char[] Expand((char First, char Last)[] ranges)
    {
        var chars = new List<char>();
        foreach ((char first, char last) in ranges)
        {
            for (int c = first; c <= last; c++)
            {
                chars.Add((char)c);
            }
        }

        return chars.ToArray();
    }
}
