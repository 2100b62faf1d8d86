using System;
using System.Collections.Generic;

namespace Defender365Typed.Client;

/// <summary>
/// Which incidents to list. Graph filters on status, severity, assignedTo, classification,
/// determination, createdDateTime and lastUpdateDateTime; the legacy API only on status, assignedTo,
/// createdTime and lastUpdateTime (asking it for more fails before sending).
/// </summary>
public sealed class IncidentQuery
{
    /// <summary>Any of these statuses.</summary>
    public IReadOnlyList<IncidentStatus>? Statuses { get; set; }

    /// <summary>Any of these severities (Graph only).</summary>
    public IReadOnlyList<IncidentSeverity>? Severities { get; set; }

    /// <summary>Assigned to this user.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>This classification (Graph only).</summary>
    public IncidentClassification? Classification { get; set; }

    /// <summary>This determination (Graph only).</summary>
    public IncidentDetermination? Determination { get; set; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedAfter { get; set; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; set; }

    /// <summary>Updated at or after (incremental sync).</summary>
    public DateTimeOffset? LastUpdatedAfter { get; set; }

    /// <summary>Updated before.</summary>
    public DateTimeOffset? LastUpdatedBefore { get; set; }

    /// <summary>Incidents per page (<c>$top</c>); the legacy API serves at most 100.</summary>
    public int? PageSize { get; set; }

    /// <summary>Incidents to skip at the start (<c>$skip</c>).</summary>
    public int? Skip { get; set; }

    /// <summary>Stop after this many incidents.</summary>
    public int? MaxItems { get; set; }

    /// <summary>Include alerts (<c>$expand=alerts</c>, Graph; the legacy API always includes them).</summary>
    public bool ExpandAlerts { get; set; }

    /// <summary>Continue from a page link (from <see cref="IncidentPage{T}.NextLink"/> or <see cref="IncidentPagingException.ResumeFrom"/>); the other settings are then ignored except <see cref="MaxItems"/>.</summary>
    public Uri? ContinueFrom { get; set; }
}
