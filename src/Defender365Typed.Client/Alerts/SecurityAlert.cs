using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>A Microsoft Graph security alert (<c>microsoft.graph.security.alert</c>, <c>/security/alerts_v2</c>).</summary>
public sealed class SecurityAlert
{
    /// <summary>ID.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Provider's alert ID.</summary>
    public string? ProviderAlertId { get; init; }

    /// <summary>Incident ID.</summary>
    public string? IncidentId { get; init; }

    /// <summary>The tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>Status (new, inProgress, resolved; unknown values are kept).</summary>
    public AlertStatus Status { get; init; }

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

    /// <summary>Product name (newer service versions).</summary>
    public string? ProductName { get; init; }

    /// <summary>Detector ID.</summary>
    public string? DetectorId { get; init; }

    /// <summary>Alert policy ID (newer service versions).</summary>
    public string? AlertPolicyId { get; init; }

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

    /// <summary>Portal link to the alert.</summary>
    public string? AlertWebUrl { get; init; }

    /// <summary>Portal link to the alert's incident.</summary>
    public string? IncidentWebUrl { get; init; }

    /// <summary>Actor.</summary>
    public string? ActorDisplayName { get; init; }

    /// <summary>Threat.</summary>
    public string? ThreatDisplayName { get; init; }

    /// <summary>Threat family.</summary>
    public string? ThreatFamilyName { get; init; }

    /// <summary>MITRE techniques.</summary>
    public IReadOnlyList<string> MitreTechniques { get; init => field = value ?? []; } = [];

    /// <summary>System tags (newer service versions).</summary>
    public IReadOnlyList<string> SystemTags { get; init => field = value ?? []; } = [];

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

    /// <summary>Evidence as sent, polymorphic by <c>@odata.type</c>; <see cref="TypedEvidence"/> reads it into typed records.</summary>
    public IReadOnlyList<JsonElement> Evidence { get; init => field = value ?? []; } = [];

    /// <summary>
    /// <see cref="Evidence"/> as typed records chosen by <c>@odata.type</c> (<see cref="DeviceEvidence"/>, <see cref="FileEvidence"/>, ...);
    /// a kind the client does not know is an <see cref="UnknownEvidence"/> that keeps its JSON.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<SecurityEvidence> TypedEvidence => field ??= SecurityEvidence.ReadAll(Evidence);

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}
