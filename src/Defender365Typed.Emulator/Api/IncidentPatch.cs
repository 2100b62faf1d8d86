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
        var triage = new TriagePatch(IncidentRules.SettableStatus);
        string? comment = null;
        List<string>? tags = null;
        foreach (JsonProperty p in body.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                return $"Invalid property '{p.Name}' in the request body.";
            }

            if (triage.TryRead(p, out string? problem))
            {
                if (problem is not null)
                {
                    return problem;
                }

                continue;
            }

            switch (p.Name)
            {
                case "customTags" or "tags":
                    if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                    {
                        return $"'{p.Name}' must be an array of strings.";
                    }

                    tags = p.Value.EnumerateArray().Select(t => t.GetString()!).ToList();
                    break;
                case "comment":
                    comment = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
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
            if (triage.Resolve(incident.Classification, incident.Determination, out string? problem) is not (string classification, string determination))
            {
                return problem;
            }

            // Everything is valid: apply it all.
            incident.Status = triage.Status ?? incident.Status;
            incident.Classification = classification;
            incident.Determination = determination;
            incident.AssignedTo = triage.Assignee(incident.AssignedTo);
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
