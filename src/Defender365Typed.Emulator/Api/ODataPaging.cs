using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Defender365Typed.Emulator.Api;

/// <summary>How one list endpoint (Graph incidents, legacy incidents, alerts_v2) filters, pages and writes its items.</summary>
/// <typeparam name="T">An item of the list.</typeparam>
/// <param name="MaxTop">The largest page the service serves (and the page size when <c>$top</c> is absent).</param>
/// <param name="ErrorCode">The error code of a bad request: Graph's <c>BadRequest</c>, the legacy API's <c>InvalidInput</c>.</param>
/// <param name="Filterable">The properties <c>$filter</c> may name; <paramref name="Property"/> reads them off an item.</param>
/// <param name="Property">A property's value as the filter compares it.</param>
/// <param name="ContextUrl">The <c>@odata.context</c>.</param>
/// <param name="NextPath">The path of <c>@odata.nextLink</c>; null where the API has none (the legacy API pages by <c>$skip</c>).</param>
/// <param name="Write">Writes one item.</param>
internal sealed record ODataList<T>(int MaxTop, string ErrorCode, ISet<string> Filterable, Func<string, T, string?> Property, string ContextUrl, string? NextPath,
    Action<Utf8JsonWriter, T> Write);

/// <summary>The <c>$top</c>/<c>$skip</c>/<c>$filter</c>/<c>$count</c> paging that the incident and alert list endpoints share.</summary>
internal static class ODataPaging
{
    /// <summary>
    /// Answers a list request with one page of <paramref name="items"/> (in the order given): <c>$filter</c> applied,
    /// <c>$count=true</c> answered with <c>@odata.count</c>, an <c>@odata.nextLink</c> while more match; a bad <c>$top</c>,
    /// <c>$skip</c> or <c>$filter</c> is a 400 with the list's error code.
    /// </summary>
    public static async Task ServeAsync<T>(HttpContext context, Uri baseUri, IEnumerable<T> items, ODataList<T> list)
    {
        IQueryCollection q = context.Request.Query;
        if (!TryInt(q["$top"], list.MaxTop, out int top) || !TryInt(q["$skip"], 0, out int skip) || top < 1)
        {
            await JsonResponse.ApiErrorAsync(context, 400, list.ErrorCode, "$top and $skip must be non-negative integers.").ConfigureAwait(false);
            return;
        }

        top = Math.Min(top, list.MaxTop);
        if (q["$filter"].ToString() is { Length: > 0 } filter)
        {
            try
            {
                items = items.Where(ODataFilter.Parse(filter, list.Property, list.Filterable));
            }
            catch (FormatException ex)
            {
                await JsonResponse.ApiErrorAsync(context, 400, list.ErrorCode, "Invalid filter clause: " + ex.Message).ConfigureAwait(false);
                return;
            }
        }

        List<T> matching = items.ToList();
        List<T> page = matching.Skip(skip).Take(top).ToList();
        bool count = string.Equals(q["$count"], "true", StringComparison.OrdinalIgnoreCase);
        string? next = list.NextPath is not null && skip + page.Count < matching.Count ? NextLink(context, baseUri, list.NextPath, top, skip + page.Count) : null;
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", list.ContextUrl);
            if (count)
            {
                w.WriteNumber("@odata.count", matching.Count);
            }

            if (next is not null)
            {
                w.WriteString("@odata.nextLink", next);
            }

            w.WriteStartArray("value");
            foreach (T item in page)
            {
                list.Write(w, item);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>A non-negative whole number, or <paramref name="fallback"/> when the parameter is absent.</summary>
    private static bool TryInt(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The <c>@odata.nextLink</c>: this request's other query parameters, then the next page's <c>$top</c> and <c>$skip</c>.</summary>
    private static string NextLink(HttpContext context, Uri baseUri, string path, int top, int skip)
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
