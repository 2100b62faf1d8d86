using System;
using System.Net.Http;

namespace Defender365Typed.Client;

/// <summary>
/// Changes to a Graph alert (<c>PATCH /security/alerts_v2/{id}</c>); unset properties are left alone. Validated before
/// anything is sent: known values only, and a determination only together with a classification it belongs to (the
/// same pairs as incidents).
/// </summary>
public sealed class AlertUpdate
{
    /// <summary>New status: new, inProgress or resolved.</summary>
    public AlertStatus? Status { get; set; }

    /// <summary>New assignee; an empty string unassigns.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>New classification.</summary>
    public IncidentClassification? Classification { get; set; }

    /// <summary>New determination; needs <see cref="Classification"/> in the same update.</summary>
    public IncidentDetermination? Determination { get; set; }

    /// <exception cref="ArgumentException">The update is empty or not allowed; the message names what.</exception>
    internal void Validate()
    {
        if (Status is null && AssignedTo is null && Classification is null && Determination is null)
        {
            throw new ArgumentException("The alert update changes nothing.", "update");
        }

        if (Status is AlertStatus status)
        {
            IncidentUpdateValidator.Require(IncidentVocabulary.AlertStatuses, status.Canonical, "status", "update");
        }

        IncidentUpdateValidator.RequirePair(Classification, Determination, "update");
    }

    internal ByteArrayContent Body() => IncidentBodies.Json(w =>
    {
        w.WriteStartObject();
        if (Status?.Canonical is string status)
        {
            w.WriteString("status", status);
        }

        if (AssignedTo is not null)
        {
            w.WriteString("assignedTo", AssignedTo);
        }

        if (Classification?.Canonical is string classification)
        {
            w.WriteString("classification", classification);
        }

        if (Determination?.Canonical is string determination)
        {
            w.WriteString("determination", determination);
        }

        w.WriteEndObject();
    });
}
