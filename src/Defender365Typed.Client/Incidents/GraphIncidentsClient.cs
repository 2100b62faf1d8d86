using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>Incidents on Microsoft Graph security: list (every page via @odata.nextLink), get, update, comment.</summary>
public sealed class GraphIncidentsClient
{
    private readonly DefenderTransport _transport;
    private readonly IncidentPager _pager;

    internal GraphIncidentsClient(DefenderTransport transport, IncidentPager pager)
    {
        _transport = transport;
        _pager = pager;
    }

    /// <summary>Every incident matching <paramref name="query"/>, following @odata.nextLink page by page.</summary>
    public IAsyncEnumerable<SecurityIncident> ListAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default) =>
        IncidentPager.Items(ListPagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>The pages of <see cref="ListAsync"/>, each with its next link as a checkpoint.</summary>
    public IAsyncEnumerable<IncidentPage<SecurityIncident>> ListPagesAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new IncidentQuery();
        Uri first = query.ContinueFrom ?? FirstPage(query);
        return _pager.PagesAsync(DefenderApi.Graph, first, DefenderJsonContext.Default.ODataPageSecurityIncident,
            (_, page) => page.NextLink is null ? null : new Uri(page.NextLink), query.MaxItems, "incidents", nameof(IncidentQuery), cancellationToken);
    }

    /// <summary>
    /// Every incident created or changed since <paramref name="cursor"/>, in <c>lastUpdateDateTime</c> order, in batches to
    /// acknowledge (at least once, duplicates dropped); see <see cref="IncidentSyncOptions"/> and docs/incident-sync.md.
    /// </summary>
    /// <exception cref="ArgumentException">The cursor belongs to the legacy API.</exception>
    public IAsyncEnumerable<IncidentSyncBatch<SecurityIncident>> SyncAsync(IncidentSyncCursor cursor, IncidentSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return IncidentSync.RunAsync(SyncSource(), cursor, null, options, _transport.Options.TimeProvider, cancellationToken);
    }

    /// <summary>As <see cref="SyncAsync(IncidentSyncCursor, IncidentSyncOptions?, CancellationToken)"/>, from the cursor in <paramref name="store"/>, which each acknowledgement updates.</summary>
    /// <exception cref="IncidentCursorException">The stored cursor cannot be read; nothing was sent.</exception>
    public IAsyncEnumerable<IncidentSyncBatch<SecurityIncident>> SyncAsync(IIncidentCursorStore store, IncidentSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return IncidentSync.RunAsync(SyncSource(), null, store, options, _transport.Options.TimeProvider, cancellationToken);
    }

    private GraphIncidentSyncSource SyncSource() => new(this, _transport, _pager);

    /// <summary>One incident.</summary>
    public async Task<SecurityIncident> GetAsync(string id, bool expandAlerts = false, CancellationToken cancellationToken = default)
    {
        Uri uri = IncidentUri(id, expandAlerts ? "?$expand=alerts" : string.Empty);
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, uri, DefenderApi.Graph, DefenderCallKind.IncidentRead, idempotent: true);
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates status, assignee, classification, determination and custom tags in one PATCH (validated first).</summary>
    /// <exception cref="ArgumentException">The update is not allowed; nothing was sent.</exception>
    public async Task<SecurityIncident> UpdateAsync(string id, IncidentUpdate update, CancellationToken cancellationToken = default)
    {
        IncidentUpdateValidator.Validate(update, DefenderApi.Graph);
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Patch, IncidentUri(id, string.Empty), DefenderApi.Graph,
            DefenderCallKind.IncidentWrite, idempotent: true, IncidentBodies.Update(update, DefenderApi.Graph));
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a comment (<c>POST /security/incidents/{id}/comments</c>); returns all comments. Not retried except on 429, so it is never added twice.</summary>
    public async Task<IReadOnlyList<IncidentComment>> AddCommentAsync(string id, string comment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(comment);
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Post, IncidentUri(id, "/comments"), DefenderApi.Graph,
            DefenderCallKind.IncidentWrite, idempotent: false, IncidentBodies.Comment(comment));
        ODataPage<IncidentComment> page = await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.ODataPageIncidentComment, cancellationToken).ConfigureAwait(false);
        return page.Value;
    }

    private Task<SecurityIncident> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pager.ReadJsonAsync(request, DefenderJsonContext.Default.SecurityIncident, cancellationToken);

    private Uri IncidentUri(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new Uri(_transport.BaseUri(DefenderApi.Graph), "v1.0/security/incidents/" + Uri.EscapeDataString(id) + suffix);
    }

    private Uri FirstPage(IncidentQuery query)
    {
        var q = new StringBuilder();
        Add(q, "$filter", ODataFilterBuilder.Build(query, DefenderApi.Graph));
        Add(q, "$top", query.PageSize?.ToString(CultureInfo.InvariantCulture));
        Add(q, "$skip", query.Skip?.ToString(CultureInfo.InvariantCulture));
        Add(q, "$expand", query.ExpandAlerts ? "alerts" : null);
        return new Uri(_transport.BaseUri(DefenderApi.Graph), "v1.0/security/incidents" + q);
    }

    internal static void Add(StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
