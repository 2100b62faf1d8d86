using System;
using System.Collections.Generic;

namespace Defender365Typed.Client;

/// <summary>
/// Which alerts to list (<c>GET /security/alerts_v2</c>). The service filters on status, severity, assignedTo, classification,
/// determination, serviceSource, createdDateTime and lastUpdateDateTime; every value is quoted.
/// </summary>
public sealed class AlertQuery
{
    /// <summary>Any of these statuses.</summary>
    public IReadOnlyList<AlertStatus>? Statuses { get; set; }

    /// <summary>Any of these severities.</summary>
    public IReadOnlyList<IncidentSeverity>? Severities { get; set; }

    /// <summary>Any of these service sources (e.g. <c>microsoftDefenderForEndpoint</c>, <c>microsoftDefenderForOffice365</c>).</summary>
    public IReadOnlyList<string>? ServiceSources { get; set; }

    /// <summary>Assigned to this user.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>This classification.</summary>
    public IncidentClassification? Classification { get; set; }

    /// <summary>This determination.</summary>
    public IncidentDetermination? Determination { get; set; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedAfter { get; set; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; set; }

    /// <summary>Updated at or after.</summary>
    public DateTimeOffset? LastUpdatedAfter { get; set; }

    /// <summary>Updated before.</summary>
    public DateTimeOffset? LastUpdatedBefore { get; set; }

    /// <summary>Alerts per page (<c>$top</c>).</summary>
    public int? PageSize { get; set; }

    /// <summary>Alerts to skip at the start (<c>$skip</c>).</summary>
    public int? Skip { get; set; }

    /// <summary>Stop after this many alerts.</summary>
    public int? MaxItems { get; set; }

    /// <summary>Continue from a page link (<see cref="IncidentPage{T}.NextLink"/> or <see cref="IncidentPagingException.ResumeFrom"/>); the other settings are then ignored except <see cref="MaxItems"/>.</summary>
    public Uri? ContinueFrom { get; set; }
}
