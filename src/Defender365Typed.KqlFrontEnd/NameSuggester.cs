using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>"Did you mean": a case-insensitive match first, then the closest name by edit distance.</summary>
public static class NameSuggester
{
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        if (name.Length == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var threshold = name.Length <= 3 ? 1 : name.Length <= 8 ? 2 : 3;
        foreach (var candidate in candidates)
        {
            if (candidate == name)
            {
                continue;
            }

            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            if (Math.Abs(candidate.Length - name.Length) > threshold)
            {
                continue;
            }

            var distance = Distance(name, candidate, threshold);
            if (distance < bestDistance || (distance == bestDistance && best != null && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= threshold ? best : null;
    }

    /// <summary>Optimal-string-alignment distance, case-insensitive, with an early exit above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        var n = a.Length;
        var m = b.Length;
        var prev2 = new int[m + 1];
        var prev = new int[m + 1];
        var cur = new int[m + 1];
        for (var j = 0; j <= m; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            var ca = char.ToLowerInvariant(a[i - 1]);
            for (var j = 1; j <= m; j++)
            {
                var cb = char.ToLowerInvariant(b[j - 1]);
                var cost = ca == cb ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == cb)
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                if (v < rowMin)
                {
                    rowMin = v;
                }
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }

        return prev[m];
    }
}
