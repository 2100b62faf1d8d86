using System;
using System.Collections.Generic;

namespace Defender365Typed.Emulator.Api;

/// <summary>An incident in the emulator's store. Enum-like values use Graph's camelCase spellings.</summary>
public sealed class EmulatedIncident
{
    /// <summary>The incident ID (a number; Graph shows it as a string).</summary>
    public long Id { get; set; }

    /// <summary>Display name (legacy: incidentName).</summary>
    public string DisplayName { get; set; } = "Multi-stage incident";

    /// <summary>Created time (legacy: createdTime).</summary>
    public DateTimeOffset CreatedDateTime { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Last update time (legacy: lastUpdateTime).</summary>
    public DateTimeOffset LastUpdateDateTime { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Assignee or null.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>active, inProgress, resolved, redirected, awaitingAction or any other string.</summary>
    public string Status { get; set; } = "active";

    /// <summary>unknown, informational, low, medium, high.</summary>
    public string Severity { get; set; } = "medium";

    /// <summary>unknown, falsePositive, truePositive, informationalExpectedActivity.</summary>
    public string Classification { get; set; } = "unknown";

    /// <summary>A determination value, e.g. malware.</summary>
    public string Determination { get; set; } = "unknown";

    /// <summary>Redirect target, if redirected.</summary>
    public long? RedirectIncidentId { get; set; }

    /// <summary>Custom tags (legacy: tags).</summary>
    public List<string> CustomTags { get; } = [];

    /// <summary>Comments, oldest first.</summary>
    public List<EmulatedComment> Comments { get; } = [];

    /// <summary>Alerts.</summary>
    public List<EmulatedAlert> Alerts { get; } = [];

    internal object Gate { get; } = new();
}

/// <summary>A comment on an incident.</summary>
/// <param name="Comment">The text.</param>
/// <param name="CreatedBy">Who wrote it.</param>
/// <param name="CreatedDateTime">When.</param>
public sealed record EmulatedComment(string Comment, string CreatedBy, DateTimeOffset CreatedDateTime);

/// <summary>An alert of an incident.</summary>
/// <param name="Id">The alert ID.</param>
/// <param name="Title">The title.</param>
/// <param name="Severity">Severity (camelCase).</param>
/// <param name="Status">Status (new, inProgress, resolved).</param>
/// <param name="Category">MITRE category, e.g. InitialAccess.</param>
/// <param name="ServiceSource">e.g. microsoftDefenderForEndpoint.</param>
/// <param name="DetectionSource">e.g. antivirus.</param>
/// <param name="CreatedDateTime">When.</param>
/// <remarks>Immutable: an update replaces the alert in its incident's list (under the incident's lock) with a changed copy.</remarks>
public sealed record EmulatedAlert(
    string Id, string Title, string Severity, string Status, string Category, string ServiceSource, string DetectionSource, DateTimeOffset CreatedDateTime)
{
    /// <summary>unknown, falsePositive, truePositive, informationalExpectedActivity.</summary>
    public string Classification { get; init; } = "unknown";

    /// <summary>A determination value, e.g. malware.</summary>
    public string Determination { get; init; } = "unknown";

    /// <summary>Assignee or null.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Last update; null means never updated (the creation time is shown).</summary>
    public DateTimeOffset? LastUpdateDateTime { get; init; }

    /// <summary>Comments on the alert, oldest first.</summary>
    public IReadOnlyList<EmulatedComment> Comments { get; init; } = [];
}
