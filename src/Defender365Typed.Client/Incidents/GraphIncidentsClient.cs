using System;
using System.Collections.Generic;
using System.Globalization;
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
    private readonly GraphSecurityCollection<SecurityIncident> _incidents;

    internal GraphIncidentsClient(DefenderTransport transport, IncidentPager pager)
    {
        _transport = transport;
        _pager = pager;
        _incidents = new GraphSecurityCollection<SecurityIncident>(transport, pager, "incidents", DefenderJsonContext.Default.SecurityIncident,
            DefenderJsonContext.Default.ODataPageSecurityIncident, "incidents", nameof(IncidentQuery));
    }

    /// <summary>Every incident matching <paramref name="query"/>, following @odata.nextLink page by page.</summary>
    public IAsyncEnumerable<SecurityIncident> ListAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default) =>
        IncidentPager.Items(ListPagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>The pages of <see cref="ListAsync"/>, each with its next link as a checkpoint.</summary>
    public IAsyncEnumerable<IncidentPage<SecurityIncident>> ListPagesAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new IncidentQuery();
        return _incidents.PagesAsync(query.ContinueFrom ?? FirstPage(query), query.MaxItems, cancellationToken);
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
    public async Task<SecurityIncident> GetAsync(string id, bool expandAlerts = false, CancellationToken cancellationToken = default) =>
        await _incidents.GetAsync(_incidents.Item(id, expandAlerts ? "?$expand=alerts" : string.Empty), cancellationToken).ConfigureAwait(false);

    /// <summary>Updates status, assignee, classification, determination and custom tags in one PATCH (validated first).</summary>
    /// <exception cref="ArgumentException">The update is not allowed; nothing was sent.</exception>
    public async Task<SecurityIncident> UpdateAsync(string id, IncidentUpdate update, CancellationToken cancellationToken = default)
    {
        IncidentUpdateValidator.Validate(update, DefenderApi.Graph);
        return await _incidents.PatchAsync(id, IncidentBodies.Update(update, DefenderApi.Graph), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a comment (<c>POST /security/incidents/{id}/comments</c>); returns all comments. Not retried except on 429, so it is never added twice.</summary>
    public Task<IReadOnlyList<IncidentComment>> AddCommentAsync(string id, string comment, CancellationToken cancellationToken = default) =>
        _incidents.AddCommentAsync(id, comment, cancellationToken);

    private Uri FirstPage(IncidentQuery query)
    {
        var q = new StringBuilder();
        ODataQuery.Add(q, "$filter", ODataFilterBuilder.Build(query, DefenderApi.Graph));
        ODataQuery.Add(q, "$top", query.PageSize?.ToString(CultureInfo.InvariantCulture));
        ODataQuery.Add(q, "$skip", query.Skip?.ToString(CultureInfo.InvariantCulture));
        ODataQuery.Add(q, "$expand", query.ExpandAlerts ? "alerts" : null);
        return _incidents.Collection(q.ToString());
    }
}
