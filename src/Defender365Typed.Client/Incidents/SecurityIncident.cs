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

    /// <summary>Custom tags under the name one documented example uses (the list page's <c>$expand=alerts</c> example sends <c>tags</c>); read into <see cref="CustomTags"/>, never written.</summary>
    [JsonInclude]
    [JsonPropertyName("tags")]
    internal IReadOnlyList<string>? TagsAlias
    {
        get => null;
        init
        {
            if (value is { Count: > 0 } && CustomTags.Count == 0)
            {
                CustomTags = value;
            }
        }
    }

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
