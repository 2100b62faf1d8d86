using System;
using System.Text.Json;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// The triage fields that an incident PATCH and an alert PATCH share (status, classification, determination, assignedTo):
/// each read and checked before anything is applied, a value of the wrong JSON kind refused like an unknown one, and the
/// classification and determination resolved one way for both.
/// </summary>
internal sealed class TriagePatch(Func<string?, string?> settableStatus)
{
    public string? Status { get; private set; }

    public string? Classification { get; private set; }

    public string? Determination { get; private set; }

    private bool _assign;
    private string? _assignedTo;

    /// <summary>Reads <paramref name="p"/> when it is a triage field (false when it is another one); <paramref name="problem"/> names a refused value.</summary>
    public bool TryRead(JsonProperty p, out string? problem)
    {
        string? text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
        problem = null;
        switch (p.Name)
        {
            case "status":
                Status = settableStatus(text);
                problem = Status is null ? Invalid(p) : null;
                return true;
            case "classification":
                Classification = IncidentRules.Classification(text);
                problem = Classification is null ? Invalid(p) : null;
                return true;
            case "determination":
                Determination = IncidentRules.Determination(text);
                problem = Determination is null ? Invalid(p) : null;
                return true;
            case "assignedTo":
                // A string assigns, null or "" unassigns; anything else is a mistake, not an unassignment.
                _assign = true;
                _assignedTo = text;
                problem = p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null ? null : Invalid(p);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The classification and determination after the patch (call under the item's lock): a new determination must go
    /// with the classification it ends up with; a new classification alone resets a determination that does not go with
    /// it to <c>unknown</c>. Null, with <paramref name="problem"/>, when the pair is not allowed.
    /// </summary>
    public (string Classification, string Determination)? Resolve(string currentClassification, string currentDetermination, out string? problem)
    {
        string classification = Classification ?? currentClassification;
        if (Determination is not null && !IncidentRules.Allows(classification, Determination))
        {
            problem = $"Determination '{Determination}' is not valid with classification '{classification}'.";
            return null;
        }

        problem = null;
        return (classification, Determination
            ?? (Classification is not null && !IncidentRules.Allows(Classification, currentDetermination) ? "unknown" : currentDetermination));
    }

    /// <summary>The assignee after the patch.</summary>
    public string? Assignee(string? current) => _assign ? (string.IsNullOrEmpty(_assignedTo) ? null : _assignedTo) : current;

    private static string Invalid(JsonProperty p) =>
        $"Invalid value '{(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}' for {p.Name}.";
}
