using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>Incidents on the legacy Defender XDR API: list (<c>$top</c>/<c>$skip</c> paging, 100 per page at most), get, update (with a comment).</summary>
public sealed class LegacyIncidentsClient
{
    private const int MaxPageSize = 100;
    private readonly DefenderTransport _transport;
    private readonly IncidentPager _pager;

    internal LegacyIncidentsClient(DefenderTransport transport, IncidentPager pager)
    {
        _transport = transport;
        _pager = pager;
    }

    /// <summary>Every incident matching <paramref name="query"/> (newest first), page by page.</summary>
    public IAsyncEnumerable<DefenderIncident> ListAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default) =>
        IncidentPager.Items(ListPagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>The pages of <see cref="ListAsync"/>, each with its next link as a checkpoint.</summary>
    /// <exception cref="ArgumentException">The query filters on something the legacy API cannot filter on.</exception>
    public IAsyncEnumerable<IncidentPage<DefenderIncident>> ListPagesAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new IncidentQuery();
        int pageSize = Math.Clamp(query.PageSize ?? MaxPageSize, 1, MaxPageSize);
        Uri first = query.ContinueFrom ?? Page(ODataFilterBuilder.Build(query, DefenderApi.Legacy), pageSize, query.Skip ?? 0);
        return _pager.PagesAsync(DefenderApi.Legacy, first, DefenderJsonContext.Default.ODataPageDefenderIncident, Next, query.MaxItems, "incidents", nameof(IncidentQuery), cancellationToken);
    }

    /// <summary>
    /// Every incident created or changed since <paramref name="cursor"/>, in <c>lastUpdateTime</c> order, in batches to
    /// acknowledge (at least once, duplicates dropped); see <see cref="IncidentSyncOptions"/> and docs/incident-sync.md.
    /// </summary>
    /// <exception cref="ArgumentException">The cursor belongs to the Graph API.</exception>
    public IAsyncEnumerable<IncidentSyncBatch<DefenderIncident>> SyncAsync(IncidentSyncCursor cursor, IncidentSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return IncidentSync.RunAsync(new LegacyIncidentSyncSource(this), cursor, null, options, _transport.Options.TimeProvider, cancellationToken);
    }

    /// <summary>As <see cref="SyncAsync(IncidentSyncCursor, IncidentSyncOptions?, CancellationToken)"/>, from the cursor in <paramref name="store"/>, which each acknowledgement updates.</summary>
    /// <exception cref="IncidentCursorException">The stored cursor cannot be read; nothing was sent.</exception>
    public IAsyncEnumerable<IncidentSyncBatch<DefenderIncident>> SyncAsync(IIncidentCursorStore store, IncidentSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return IncidentSync.RunAsync(new LegacyIncidentSyncSource(this), null, store, options, _transport.Options.TimeProvider, cancellationToken);
    }

    /// <summary>One incident.</summary>
    public async Task<DefenderIncident> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, IncidentUri(id), DefenderApi.Legacy, DefenderCallKind.IncidentRead, idempotent: true);
        return await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.DefenderIncident, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates the incident in one PATCH (validated first). With a <see cref="IncidentUpdate.Comment"/>
    /// the PATCH is not idempotent, so it is retried only on 429 and never applied twice.
    /// </summary>
    /// <exception cref="ArgumentException">The update is not allowed; nothing was sent.</exception>
    public async Task<DefenderIncident> UpdateAsync(long id, IncidentUpdate update, CancellationToken cancellationToken = default)
    {
        IncidentUpdateValidator.Validate(update, DefenderApi.Legacy);
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Patch, IncidentUri(id), DefenderApi.Legacy, DefenderCallKind.IncidentWrite,
            idempotent: update.Comment is null, IncidentBodies.Update(update, DefenderApi.Legacy));
        return await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.DefenderIncident, cancellationToken).ConfigureAwait(false);
    }

    private Uri IncidentUri(long id) =>
        new(_transport.BaseUri(DefenderApi.Legacy), "api/incidents/" + id.ToString(CultureInfo.InvariantCulture));

    private Uri Page(string? filter, int top, int skip)
    {
        var q = new StringBuilder();
        ODataQuery.Add(q, "$filter", filter);
        ODataQuery.Add(q, "$top", top.ToString(CultureInfo.InvariantCulture));
        ODataQuery.Add(q, "$skip", skip.ToString(CultureInfo.InvariantCulture));
        return new Uri(_transport.BaseUri(DefenderApi.Legacy), "api/incidents" + q);
    }

    private Uri? Next(Uri current, ODataPage<DefenderIncident> page)
    {
        if (page.NextLink is not null)
        {
            return new Uri(page.NextLink);
        }

        // No nextLink is documented: a full page means there may be more.
        string? filter = null;
        int top = MaxPageSize, skip = 0;
        foreach (string part in current.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(part[..eq]);
            string value = Uri.UnescapeDataString(part[(eq + 1)..]);
            switch (name)
            {
                case "$filter": filter = value; break;
                case "$top": top = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "$skip": skip = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: break;
            }
        }

        return page.Value.Count < top ? null : Page(filter, top, skip + page.Value.Count);
    }
}
