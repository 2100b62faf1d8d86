using System.Globalization;

namespace Defender365Typed.Tests.Literals;

/// <summary>Structural checks on rendered literal text, independent of decoding.</summary>
internal static class LiteralInvariants
{
    /// <summary>Index of the first quote (of the kind at <c>start - 1</c>) that is not escaped by a backslash, or -1.</summary>
    public static int FirstUnescapedQuote(string literal, int start)
    {
        char quote = literal[start - 1];
        for (int i = start; i < literal.Length; i++)
        {
            if (literal[i] == '\\')
            {
                i++; // whatever follows a backslash is part of the escape
            }
            else if (literal[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>No control, line-breaking or invisible formatting character is left raw in the query text.</summary>
    public static void AssertPrintable(string literal)
    {
        for (int i = 0; i < literal.Length; i++)
        {
            char c = literal[i];
            bool hidden = c < ' '
                || c is >= '\u007F' and <= '\u009F'
                || c is '\u2028' or '\u2029' or '\uFEFF'
                || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
            Assert.False(hidden, $"U+{(int)c:X4} is raw at index {i} of {literal}");
        }
    }
}
