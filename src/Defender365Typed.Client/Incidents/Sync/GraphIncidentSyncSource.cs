using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>The sync over Graph: <c>$filter=lastUpdateDateTime ge ...</c>, <c>$expand=alerts</c>, pages by <c>@odata.nextLink</c>.</summary>
internal sealed class GraphIncidentSyncSource(GraphIncidentsClient client, DefenderTransport transport, IncidentPager pager) : IIncidentSyncSource<SecurityIncident>
{
    public DefenderApi Api => DefenderApi.Graph;

    public bool ExpandsAlerts => true;

    public IncidentChangeMark MarkOf(SecurityIncident incident) => new(incident.Id, incident.LastUpdateDateTime.ToUniversalTime());

    public DateTimeOffset CreatedOf(SecurityIncident incident) => incident.CreatedDateTime;

    public string? RedirectOf(SecurityIncident incident) =>
        string.IsNullOrEmpty(incident.RedirectIncidentId) && incident.Status != IncidentStatus.Redirected ? null : incident.RedirectIncidentId ?? string.Empty;

    public async IAsyncEnumerable<IReadOnlyList<SecurityIncident>> PagesAsync(DateTimeOffset from, int pageSize, bool expandAlerts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var q = new StringBuilder();
        ODataQuery.Add(q, "$filter", ODataFilterBuilder.Build(new IncidentQuery { LastUpdatedAfter = from }, DefenderApi.Graph));
        ODataQuery.Add(q, "$top", Math.Min(pageSize, 50).ToString(CultureInfo.InvariantCulture));
        ODataQuery.Add(q, "$expand", expandAlerts ? "alerts" : null);
        Uri? link = new(transport.BaseUri(DefenderApi.Graph), "v1.0/security/incidents" + q);
        while (link is not null)
        {
            // An expanded page is not retried on a 5xx: the sync answers that by reading without $expand.
            using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, link, DefenderApi.Graph, DefenderCallKind.IncidentRead, idempotent: !expandAlerts);
            ODataPage<SecurityIncident> page = await pager.ReadJsonAsync(request, DefenderJsonContext.Default.ODataPageSecurityIncident, cancellationToken).ConfigureAwait(false);
            link = page.NextLink is null ? null : new Uri(page.NextLink);
            if (link is not null)
            {
                transport.EnsureSameHost(link, DefenderApi.Graph);
            }

            yield return page.Value;
        }
    }

    public Task<SecurityIncident> GetAsync(string id, CancellationToken cancellationToken) => client.GetAsync(id, expandAlerts: true, cancellationToken);
}
