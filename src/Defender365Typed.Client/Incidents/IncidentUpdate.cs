using System.Collections.Generic;

namespace Defender365Typed.Client;

/// <summary>
/// Changes to an incident; unset properties are left alone. Validated before anything is sent:
/// known values only, a determination only together with a classification it belongs to, and no
/// PATCH to <c>redirected</c>.
/// </summary>
public sealed class IncidentUpdate
{
    /// <summary>New status: active, inProgress or resolved.</summary>
    public IncidentStatus? Status { get; set; }

    /// <summary>New assignee; an empty string unassigns.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>New classification.</summary>
    public IncidentClassification? Classification { get; set; }

    /// <summary>New determination; needs <see cref="Classification"/> in the same update.</summary>
    public IncidentDetermination? Determination { get; set; }

    /// <summary>Replaces the custom tags.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>A comment to add (legacy API, in the same PATCH). On Graph use <c>AddCommentAsync</c>.</summary>
    public string? Comment { get; set; }
}
