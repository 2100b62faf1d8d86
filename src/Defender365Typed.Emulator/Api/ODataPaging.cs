using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Defender365Typed.Emulator.Api;

/// <summary>The <c>$top</c>/<c>$skip</c> paging that Graph's list endpoints (incidents, alerts_v2) share.</summary>
internal static class ODataPaging
{
    /// <summary>A non-negative whole number, or <paramref name="fallback"/> when the parameter is absent.</summary>
    public static bool TryInt(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The <c>@odata.nextLink</c>: this request's other query parameters, then the next page's <c>$top</c> and <c>$skip</c>.</summary>
    public static string NextLink(HttpContext context, Uri baseUri, string path, int top, int skip)
    {
        var query = new StringBuilder();
        foreach (KeyValuePair<string, StringValues> pair in context.Request.Query)
        {
            if (pair.Key is not ("$skip" or "$top"))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value.ToString()));
            }
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(CultureInfo.InvariantCulture, $"$top={top}&$skip={skip}");
        return new Uri(baseUri, path).ToString() + query;
    }
}
