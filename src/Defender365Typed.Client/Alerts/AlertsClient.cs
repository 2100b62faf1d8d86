using System;
using System.Collections.Generic;
using System.Globalization;
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
    private readonly GraphSecurityCollection<SecurityAlert> _alerts;

    internal AlertsClient(DefenderTransport transport, IncidentPager pager)
    {
        _alerts = new GraphSecurityCollection<SecurityAlert>(transport, pager, "alerts_v2", DefenderJsonContext.Default.SecurityAlert,
            DefenderJsonContext.Default.ODataPageSecurityAlert, "alerts", nameof(AlertQuery));
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
        return _alerts.PagesAsync(query.ContinueFrom ?? Collection(query, count: false), query.MaxItems, cancellationToken);
    }

    /// <summary>How many alerts match <paramref name="query"/> (<c>$count=true</c>, one small page).</summary>
    /// <exception cref="DefenderResponseException">The service did not send <c>@odata.count</c>.</exception>
    public async Task<long> CountAsync(AlertQuery? query = null, CancellationToken cancellationToken = default)
    {
        ODataPage<SecurityAlert> page = await _alerts.ReadPageAsync(Collection(query ?? new AlertQuery(), count: true), cancellationToken).ConfigureAwait(false);
        return page.Count ?? throw new DefenderResponseException("The alert count was asked for ($count=true) but the response has no @odata.count.");
    }

    /// <summary>One alert.</summary>
    public async Task<SecurityAlert> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _alerts.GetAsync(_alerts.Item(id), cancellationToken).ConfigureAwait(false);

    /// <summary>Updates status, assignee, classification and determination in one PATCH (validated first).</summary>
    /// <exception cref="ArgumentException">The update is not allowed; nothing was sent.</exception>
    public async Task<SecurityAlert> UpdateAsync(string id, AlertUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        update.Validate();
        return await _alerts.PatchAsync(id, update.Body(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a comment (<c>POST /security/alerts_v2/{id}/comments</c>); returns all comments. Not retried except on 429, so it is never added twice.</summary>
    public Task<IReadOnlyList<IncidentComment>> AddCommentAsync(string id, string comment, CancellationToken cancellationToken = default) =>
        _alerts.AddCommentAsync(id, comment, cancellationToken);

    private Uri Collection(AlertQuery query, bool count)
    {
        var q = new StringBuilder();
        ODataQuery.Add(q, "$filter", ODataFilterBuilder.Build(query));
        ODataQuery.Add(q, "$top", count ? "1" : query.PageSize?.ToString(CultureInfo.InvariantCulture));
        ODataQuery.Add(q, "$skip", count ? null : query.Skip?.ToString(CultureInfo.InvariantCulture));
        ODataQuery.Add(q, "$count", count ? "true" : null);
        return _alerts.Collection(q.ToString());
    }
}
