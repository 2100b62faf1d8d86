using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>A Microsoft Graph security incident (<c>microsoft.graph.security.incident</c>).</summary>
public sealed class SecurityIncident
{
    /// <summary>The incident ID.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Link to the incident in the Defender portal.</summary>
    public string? IncidentWebUrl { get; init; }

    /// <summary>The tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>The incident this one was merged into, if redirected.</summary>
    public string? RedirectIncidentId { get; init; }

    /// <summary>Name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Description (newer service versions).</summary>
    public string? Description { get; init; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedDateTime { get; init; }

    /// <summary>Last updated.</summary>
    public DateTimeOffset LastUpdateDateTime { get; init; }

    /// <summary>Assignee.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Classification.</summary>
    public IncidentClassification Classification { get; init; }

    /// <summary>Determination.</summary>
    public IncidentDetermination Determination { get; init; }

    /// <summary>Status.</summary>
    public IncidentStatus Status { get; init; }

    /// <summary>Severity.</summary>
    public IncidentSeverity Severity { get; init; }

    /// <summary>Custom tags.</summary>
    public IReadOnlyList<string> CustomTags { get; init => field = value ?? []; } = [];

    /// <summary>System tags (newer service versions).</summary>
    public IReadOnlyList<string> SystemTags { get; init => field = value ?? []; } = [];

    /// <summary>Comments.</summary>
    public IReadOnlyList<IncidentComment> Comments { get; init => field = value ?? []; } = [];

    /// <summary>Alerts, when requested with <c>$expand=alerts</c>.</summary>
    public IReadOnlyList<SecurityAlert>? Alerts { get; init; }

    /// <summary>Properties this model does not name, kept as JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}

/// <summary>A comment on an incident or alert; reads both the Graph and the legacy shapes.</summary>
public sealed class IncidentComment
{
    /// <summary>The text.</summary>
    public string? Comment { get; init; }

    /// <summary>Author (Graph).</summary>
    public string? CreatedByDisplayName { get; init; }

    /// <summary>Author (legacy and some Graph examples).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Time (Graph).</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>Time (legacy).</summary>
    public DateTimeOffset? CreatedTime { get; init; }

    /// <summary>The author, whichever shape was sent.</summary>
    [JsonIgnore]
    public string? Author => CreatedByDisplayName ?? CreatedBy;

    /// <summary>The time, whichever shape was sent.</summary>
    [JsonIgnore]
    public DateTimeOffset? CreatedOn => CreatedDateTime ?? CreatedTime;
}

/// <summary>A Microsoft Graph security alert (<c>microsoft.graph.security.alert</c>).</summary>
public sealed class SecurityAlert
{
    /// <summary>ID.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Provider's alert ID.</summary>
    public string? ProviderAlertId { get; init; }

    /// <summary>Incident ID.</summary>
    public string? IncidentId { get; init; }

    /// <summary>Status (new, inProgress, resolved, ...).</summary>
    public string? Status { get; init; }

    /// <summary>Severity.</summary>
    public IncidentSeverity Severity { get; init; }

    /// <summary>Classification.</summary>
    public IncidentClassification Classification { get; init; }

    /// <summary>Determination.</summary>
    public IncidentDetermination Determination { get; init; }

    /// <summary>Service source (microsoftDefenderForEndpoint, ...).</summary>
    public string? ServiceSource { get; init; }

    /// <summary>Detection source (antivirus, ...).</summary>
    public string? DetectionSource { get; init; }

    /// <summary>Detector ID.</summary>
    public string? DetectorId { get; init; }

    /// <summary>Title.</summary>
    public string? Title { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Recommended actions.</summary>
    public string? RecommendedActions { get; init; }

    /// <summary>MITRE category.</summary>
    public string? Category { get; init; }

    /// <summary>Assignee.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Portal link.</summary>
    public string? AlertWebUrl { get; init; }

    /// <summary>Actor.</summary>
    public string? ActorDisplayName { get; init; }

    /// <summary>Threat.</summary>
    public string? ThreatDisplayName { get; init; }

    /// <summary>Threat family.</summary>
    public string? ThreatFamilyName { get; init; }

    /// <summary>MITRE techniques.</summary>
    public IReadOnlyList<string> MitreTechniques { get; init => field = value ?? []; } = [];

    /// <summary>Created.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>Last updated.</summary>
    public DateTimeOffset? LastUpdateDateTime { get; init; }

    /// <summary>Resolved.</summary>
    public DateTimeOffset? ResolvedDateTime { get; init; }

    /// <summary>First activity.</summary>
    public DateTimeOffset? FirstActivityDateTime { get; init; }

    /// <summary>Last activity.</summary>
    public DateTimeOffset? LastActivityDateTime { get; init; }

    /// <summary>Comments.</summary>
    public IReadOnlyList<IncidentComment> Comments { get; init => field = value ?? []; } = [];

    /// <summary>Evidence, polymorphic by <c>@odata.type</c>; kept as JSON.</summary>
    public IReadOnlyList<JsonElement> Evidence { get; init => field = value ?? []; } = [];

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}
