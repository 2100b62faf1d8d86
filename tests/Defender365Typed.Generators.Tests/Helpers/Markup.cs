using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>An expected diagnostic: its ID and the exact text span it covers.</summary>
internal sealed record ExpectedSpan(string Id, TextSpan Span);

/// <summary>
/// Parses <c>{|DTQ001:text|}</c> markup: the source without the markers, and each marked span with
/// its diagnostic ID (<c>{|DTQ002,DTQ007:text|}</c> expects two on one span). Markers do not nest.
/// </summary>
internal static class Markup
{
    public static (string Source, IReadOnlyList<ExpectedSpan> Spans) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        int i = 0;
        while (i < markup.Length)
        {
            int open = markup.IndexOf("{|", i, StringComparison.Ordinal);
            if (open < 0)
            {
                source.Append(markup, i, markup.Length - i);
                break;
            }

            source.Append(markup, i, open - i);
            int colon = markup.IndexOf(':', open);
            int close = markup.IndexOf("|}", colon, StringComparison.Ordinal);
            if (colon < 0 || close < 0)
            {
                throw new FormatException($"Unclosed markup at {open}.");
            }

            int start = source.Length;
            source.Append(markup, colon + 1, close - colon - 1);
            foreach (string id in markup.Substring(open + 2, colon - open - 2).Split(','))
            {
                spans.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, source.Length)));
            }

            i = close + 2;
        }

        return (source.ToString(), spans);
    }
}
