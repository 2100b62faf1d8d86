using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Defender365Typed.Emulator.Api;

/// <summary>Validates a PATCH body completely, then applies it under the incident's lock: all or nothing.</summary>
internal static class IncidentPatch
{
    private static readonly HashSet<string> GraphFields = new(StringComparer.Ordinal) { "status", "assignedTo", "classification", "determination", "customTags", "description", "resolvingComment" };
    private static readonly HashSet<string> LegacyFields = new(StringComparer.Ordinal) { "status", "assignedTo", "classification", "determination", "tags", "comment" };

    /// <summary>Returns null when applied, else the reason nothing was applied.</summary>
    public static string? TryApply(EmulatedIncident incident, JsonElement body, bool legacy, string actor, DateTimeOffset now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "The request body must be a JSON object.";
        }

        HashSet<string> allowed = legacy ? LegacyFields : GraphFields;
        string? status = null, classification = null, determination = null, assignedTo = null, comment = null;
        bool assign = false;
        List<string>? tags = null;
        foreach (JsonProperty p in body.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                return $"Invalid property '{p.Name}' in the request body.";
            }

            switch (p.Name)
            {
                case "status":
                    status = IncidentRules.SettableStatus(p.Value.GetString());
                    if (status is null)
                    {
                        return $"Invalid value '{p.Value.GetString()}' for status.";
                    }

                    break;
                case "classification":
                    classification = IncidentRules.Classification(p.Value.GetString());
                    if (classification is null)
                    {
                        return $"Invalid value '{p.Value.GetString()}' for classification.";
                    }

                    break;
                case "determination":
                    determination = IncidentRules.Determination(p.Value.GetString());
                    if (determination is null)
                    {
                        return $"Invalid value '{p.Value.GetString()}' for determination.";
                    }

                    break;
                case "assignedTo":
                    assign = true;
                    assignedTo = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString();
                    break;
                case "customTags" or "tags":
                    if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                    {
                        return $"'{p.Name}' must be an array of strings.";
                    }

                    tags = p.Value.EnumerateArray().Select(t => t.GetString()!).ToList();
                    break;
                case "comment":
                    comment = p.Value.GetString();
                    if (string.IsNullOrWhiteSpace(comment))
                    {
                        return "The comment must not be empty.";
                    }

                    break;
                default:
                    break; // description, resolvingComment: accepted and ignored
            }
        }

        lock (incident.Gate)
        {
            string effectiveClassification = classification ?? incident.Classification;
            if (determination is not null)
            {
                if (!IncidentRules.Allows(effectiveClassification, determination))
                {
                    return $"Determination '{determination}' is not valid with classification '{effectiveClassification}'.";
                }
            }

            // Everything is valid: apply it all.
            if (status is not null)
            {
                incident.Status = status;
            }

            if (classification is not null)
            {
                incident.Classification = classification;
                if (determination is null && !IncidentRules.Allows(classification, incident.Determination))
                {
                    incident.Determination = "unknown";
                }
            }

            if (determination is not null)
            {
                incident.Determination = determination;
            }

            if (assign)
            {
                incident.AssignedTo = string.IsNullOrEmpty(assignedTo) ? null : assignedTo;
            }

            if (tags is not null)
            {
                incident.CustomTags.Clear();
                incident.CustomTags.AddRange(tags);
            }

            if (comment is not null)
            {
                incident.Comments.Add(new EmulatedComment(comment, actor, now));
            }

            incident.LastUpdateDateTime = now;
        }

        return null;
    }
}
