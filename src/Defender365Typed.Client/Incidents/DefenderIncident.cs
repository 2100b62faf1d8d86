using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>An incident of the legacy Defender XDR API (<c>/api/incidents</c>).</summary>
public sealed class DefenderIncident
{
    /// <summary>ID.</summary>
    public long IncidentId { get; init; }

    /// <summary>The incident this one was merged into.</summary>
    public long? RedirectIncidentId { get; init; }

    /// <summary>Name.</summary>
    public string? IncidentName { get; init; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>Last updated.</summary>
    public DateTimeOffset LastUpdateTime { get; init; }

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

    /// <summary>Detection source.</summary>
    public string? DetectionSource { get; init; }

    /// <summary>Custom tags.</summary>
    public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

    /// <summary>Comments.</summary>
    public IReadOnlyList<IncidentComment> Comments { get; init => field = value ?? []; } = [];

    /// <summary>Alerts.</summary>
    public IReadOnlyList<DefenderAlert> Alerts { get; init => field = value ?? []; } = [];

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}

/// <summary>An alert of a legacy incident.</summary>
public sealed class DefenderAlert
{
    /// <summary>ID.</summary>
    public string? AlertId { get; init; }

    /// <summary>Incident ID.</summary>
    public long? IncidentId { get; init; }

    /// <summary>Service source (MicrosoftDefenderForEndpoint, OfficeATP, ...).</summary>
    public string? ServiceSource { get; init; }

    /// <summary>Created.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>Updated.</summary>
    public DateTimeOffset? LastUpdatedTime { get; init; }

    /// <summary>Resolved.</summary>
    public DateTimeOffset? ResolvedTime { get; init; }

    /// <summary>First activity.</summary>
    public DateTimeOffset? FirstActivity { get; init; }

    /// <summary>Last activity.</summary>
    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>Title.</summary>
    public string? Title { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Category.</summary>
    public string? Category { get; init; }

    /// <summary>Status (New, Active, InProgress, Resolved).</summary>
    public string? Status { get; init; }

    /// <summary>Severity.</summary>
    public IncidentSeverity Severity { get; init; }

    /// <summary>Investigation ID.</summary>
    public long? InvestigationId { get; init; }

    /// <summary>Investigation state.</summary>
    public string? InvestigationState { get; init; }

    /// <summary>Classification.</summary>
    public IncidentClassification Classification { get; init; }

    /// <summary>Determination.</summary>
    public IncidentDetermination Determination { get; init; }

    /// <summary>Detection source.</summary>
    public string? DetectionSource { get; init; }

    /// <summary>Assignee.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Actor.</summary>
    public string? ActorName { get; init; }

    /// <summary>Threat family.</summary>
    public string? ThreatFamilyName { get; init; }

    /// <summary>MITRE techniques.</summary>
    public IReadOnlyList<string> MitreTechniques { get; init => field = value ?? []; } = [];

    /// <summary>Devices.</summary>
    public IReadOnlyList<DefenderAlertDevice> Devices { get; init => field = value ?? []; } = [];

    /// <summary>Entities.</summary>
    public IReadOnlyList<DefenderAlertEntity> Entities { get; init => field = value ?? []; } = [];

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}

/// <summary>A device of a legacy alert.</summary>
public sealed class DefenderAlertDevice
{
    /// <summary>Defender device ID (the docs' table calls it DeviceId; the JSON uses mdatpDeviceId).</summary>
    public string? MdatpDeviceId { get; init; }

    /// <summary>Entra device ID.</summary>
    public string? AadDeviceId { get; init; }

    /// <summary>DNS name.</summary>
    public string? DeviceDnsName { get; init; }

    /// <summary>OS platform.</summary>
    public string? OsPlatform { get; init; }

    /// <summary>OS build.</summary>
    public long? OsBuild { get; init; }

    /// <summary>Health status.</summary>
    public string? HealthStatus { get; init; }

    /// <summary>Risk score.</summary>
    public string? RiskScore { get; init; }

    /// <summary>RBAC group name.</summary>
    public string? RbacGroupName { get; init; }

    /// <summary>RBAC group ID.</summary>
    public long? RbacGroupId { get; init; }

    /// <summary>First seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}

/// <summary>An entity of a legacy alert (User, Ip, Url, File, Process, MailBox, ...); fields depend on <see cref="EntityType"/>.</summary>
public sealed class DefenderAlertEntity
{
    /// <summary>Entity type.</summary>
    public string? EntityType { get; init; }

    /// <summary>SHA-1.</summary>
    public string? Sha1 { get; init; }

    /// <summary>SHA-256.</summary>
    public string? Sha256 { get; init; }

    /// <summary>File name.</summary>
    public string? FileName { get; init; }

    /// <summary>File path.</summary>
    public string? FilePath { get; init; }

    /// <summary>Process ID.</summary>
    public long? ProcessId { get; init; }

    /// <summary>Command line.</summary>
    public string? ProcessCommandLine { get; init; }

    /// <summary>IP address.</summary>
    public string? IpAddress { get; init; }

    /// <summary>URL.</summary>
    public string? Url { get; init; }

    /// <summary>Account name.</summary>
    public string? AccountName { get; init; }

    /// <summary>Domain.</summary>
    public string? DomainName { get; init; }

    /// <summary>User SID.</summary>
    public string? UserSid { get; init; }

    /// <summary>Entra user ID.</summary>
    public string? AadUserId { get; init; }

    /// <summary>UPN.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Mailbox address.</summary>
    public string? MailboxAddress { get; init; }

    /// <summary>Device ID.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}
