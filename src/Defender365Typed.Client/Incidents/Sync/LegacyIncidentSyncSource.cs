using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>The sync over the legacy API: <c>$filter=lastUpdateTime ge ...</c>, <c>$top</c>/<c>$skip</c> pages, alerts always included.</summary>
internal sealed class LegacyIncidentSyncSource(LegacyIncidentsClient client) : IIncidentSyncSource<DefenderIncident>
{
    public DefenderApi Api => DefenderApi.Legacy;

    public bool ExpandsAlerts => false;

    public IncidentChangeMark MarkOf(DefenderIncident incident) =>
        new(incident.IncidentId.ToString(CultureInfo.InvariantCulture), incident.LastUpdateTime.ToUniversalTime());

    public DateTimeOffset CreatedOf(DefenderIncident incident) => incident.CreatedTime;

    public string? RedirectOf(DefenderIncident incident) =>
        incident.RedirectIncidentId?.ToString(CultureInfo.InvariantCulture) ?? (incident.Status == IncidentStatus.Redirected ? string.Empty : null);

    public async IAsyncEnumerable<IReadOnlyList<DefenderIncident>> PagesAsync(DateTimeOffset from, int pageSize, bool expandAlerts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new IncidentQuery { LastUpdatedAfter = from, PageSize = pageSize };
        await foreach (IncidentPage<DefenderIncident> page in client.ListPagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return page.Items;
        }
    }

    public Task<DefenderIncident> GetAsync(string id, CancellationToken cancellationToken) =>
        client.GetAsync(long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken);
}
