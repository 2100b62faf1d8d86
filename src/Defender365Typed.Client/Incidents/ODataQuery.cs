using System;
using System.Text;

namespace Defender365Typed.Client;

/// <summary>The query string of an incident or alert list request (Graph and legacy alike): each value escaped, absent ones left out.</summary>
internal static class ODataQuery
{
    /// <summary>Appends <c>?name=value</c> or <c>&amp;name=value</c>; nothing when <paramref name="value"/> is null.</summary>
    public static void Add(StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
