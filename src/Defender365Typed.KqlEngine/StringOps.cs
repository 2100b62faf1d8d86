using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// KQL string operators. <c>has</c> and its family use term semantics approximated without an index: a term is a
/// maximal run of letters and digits, and the needle must sit on term boundaries where it begins or ends with a
/// letter or digit (so <c>"-enc"</c> matches <c>"x -enc y"</c> but not <c>"-EncodedCommand"</c>).
/// </summary>
internal static class StringOps
{
    public delegate bool Matcher(string text, string needle);

    private static readonly Dictionary<string, Matcher> Operators = new(StringComparer.Ordinal)
    {
        ["has"] = (t, n) => Has(t, n, false),
        ["has_cs"] = (t, n) => Has(t, n, true),
        ["hasprefix"] = (t, n) => Term(t, n, false, left: true, right: false),
        ["hasprefix_cs"] = (t, n) => Term(t, n, true, left: true, right: false),
        ["hassuffix"] = (t, n) => Term(t, n, false, left: false, right: true),
        ["hassuffix_cs"] = (t, n) => Term(t, n, true, left: false, right: true),
        ["contains"] = (t, n) => t.Contains(n, StringComparison.OrdinalIgnoreCase),
        ["contains_cs"] = (t, n) => t.Contains(n, StringComparison.Ordinal),
        ["containscs"] = (t, n) => t.Contains(n, StringComparison.Ordinal),
        ["startswith"] = (t, n) => t.StartsWith(n, StringComparison.OrdinalIgnoreCase),
        ["startswith_cs"] = (t, n) => t.StartsWith(n, StringComparison.Ordinal),
        ["endswith"] = (t, n) => t.EndsWith(n, StringComparison.OrdinalIgnoreCase),
        ["endswith_cs"] = (t, n) => t.EndsWith(n, StringComparison.Ordinal),
    };

    private static readonly Dictionary<string, string> Negations = new(StringComparer.Ordinal)
    {
        ["notcontains"] = "contains",
        ["notcontainscs"] = "contains_cs",
        ["notcontains_cs"] = "contains_cs",
        ["nothas"] = "has",
    };

    public static bool TryGet(string op, [NotNullWhen(true)] out Matcher? matcher)
    {
        if (Operators.TryGetValue(op, out matcher))
        {
            return true;
        }

        string? positive = op.StartsWith('!') ? op[1..] : Negations.GetValueOrDefault(op);
        if (positive is not null && Operators.TryGetValue(positive, out Matcher? inner))
        {
            matcher = (t, n) => !inner(t, n);
            return true;
        }

        matcher = null;
        return false;
    }

    public static bool Has(string text, string needle, bool caseSensitive) => Term(text, needle, caseSensitive, left: true, right: true);

    private static bool IsTermChar(char c) => char.IsLetterOrDigit(c);

    private static bool Term(string text, string needle, bool caseSensitive, bool left, bool right)
    {
        if (needle.Length == 0)
        {
            return true;
        }

        StringComparison comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        bool checkLeft = left && IsTermChar(needle[0]);
        bool checkRight = right && IsTermChar(needle[^1]);
        int at = 0;
        while ((at = text.IndexOf(needle, at, comparison)) >= 0)
        {
            int end = at + needle.Length;
            bool leftOk = !checkLeft || at == 0 || !IsTermChar(text[at - 1]);
            bool rightOk = !checkRight || end == text.Length || !IsTermChar(text[end]);
            if (leftOk && rightOk)
            {
                return true;
            }

            at++;
        }

        return false;
    }
}
