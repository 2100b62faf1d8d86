using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>
/// Alerts on Microsoft Graph security (<c>/security/alerts_v2</c>): list (every page via @odata.nextLink), count, get, update,
/// comment. Graph only: the legacy Defender XDR API has no alerts endpoint (its alerts come inside each incident).
/// </summary>
public sealed class AlertsClient
{
    private readonly DefenderTransport _transport;
    private readonly IncidentPager _pager;

    internal AlertsClient(DefenderTransport transport, IncidentPager pager)
    {
        _transport = transport;
        _pager = pager;
    }

    /// <summary>Every alert matching <paramref name="query"/>, newest first, following @odata.nextLink page by page.</summary>
    /// <exception cref="ArgumentException">A filter value is empty; nothing was sent.</exception>
    public IAsyncEnumerable<SecurityAlert> ListAsync(AlertQuery? query = null, CancellationToken cancellationToken = default) =>
        IncidentPager.Items(ListPagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>The pages of <see cref="ListAsync"/>, each with its next link as a checkpoint.</summary>
    /// <exception cref="ArgumentException">A filter value is empty; nothing was sent.</exception>
    public IAsyncEnumerable<IncidentPage<SecurityAlert>> ListPagesAsync(AlertQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new AlertQuery();
        Uri first = query.ContinueFrom ?? Collection(query, count: false);
        return _pager.PagesAsync(DefenderApi.Graph, first, DefenderJsonContext.Default.ODataPageSecurityAlert,
            (_, page) => page.NextLink is null ? null : new Uri(page.NextLink), query.MaxItems, "alerts", nameof(AlertQuery), cancellationToken);
    }

    /// <summary>How many alerts match <paramref name="query"/> (<c>$count=true</c>, one small page).</summary>
    /// <exception cref="DefenderResponseException">The service did not send <c>@odata.count</c>.</exception>
    public async Task<long> CountAsync(AlertQuery? query = null, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, Collection(query ?? new AlertQuery(), count: true), DefenderApi.Graph,
            DefenderCallKind.IncidentRead, idempotent: true);
        ODataPage<SecurityAlert> page = await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.ODataPageSecurityAlert, cancellationToken).ConfigureAwait(false);
        return page.Count ?? throw new DefenderResponseException("The alert count was asked for ($count=true) but the response has no @odata.count.");
    }

    /// <summary>One alert.</summary>
    public async Task<SecurityAlert> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, AlertUri(id, string.Empty), DefenderApi.Graph, DefenderCallKind.IncidentRead, idempotent: true);
        return await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.SecurityAlert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates status, assignee, classification and determination in one PATCH (validated first).</summary>
    /// <exception cref="ArgumentException">The update is not allowed; nothing was sent.</exception>
    public async Task<SecurityAlert> UpdateAsync(string id, AlertUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        update.Validate();
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Patch, AlertUri(id, string.Empty), DefenderApi.Graph,
            DefenderCallKind.IncidentWrite, idempotent: true, update.Body());
        return await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.SecurityAlert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a comment (<c>POST /security/alerts_v2/{id}/comments</c>); returns all comments. Not retried except on 429, so it is never added twice.</summary>
    public async Task<IReadOnlyList<IncidentComment>> AddCommentAsync(string id, string comment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(comment);
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Post, AlertUri(id, "/comments"), DefenderApi.Graph,
            DefenderCallKind.IncidentWrite, idempotent: false, IncidentBodies.Comment(comment));
        ODataPage<IncidentComment> page = await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.ODataPageIncidentComment, cancellationToken).ConfigureAwait(false);
        return page.Value;
    }

    private Uri AlertUri(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new Uri(_transport.BaseUri(DefenderApi.Graph), "v1.0/security/alerts_v2/" + Uri.EscapeDataString(id) + suffix);
    }

    private Uri Collection(AlertQuery query, bool count)
    {
        var q = new StringBuilder();
        GraphIncidentsClient.Add(q, "$filter", query.Filter());
        GraphIncidentsClient.Add(q, "$top", count ? "1" : query.PageSize?.ToString(CultureInfo.InvariantCulture));
        GraphIncidentsClient.Add(q, "$skip", count ? null : query.Skip?.ToString(CultureInfo.InvariantCulture));
        GraphIncidentsClient.Add(q, "$count", count ? "true" : null);
        return new Uri(_transport.BaseUri(DefenderApi.Graph), "v1.0/security/alerts_v2" + q);
    }
}
