using System;
using System.Globalization;
using System.Text.Json;

namespace Defender365Typed.Emulator.Api;

/// <summary>Writes incidents in the Graph security and the legacy Defender XDR shapes.</summary>
internal static class IncidentJson
{
    // unknownEnumMembers: the request asked for evolvable enum members newer than the sentinel (EvolvableEnums).
    public static void WriteGraph(Utf8JsonWriter w, EmulatedIncident i, string tenantId, bool withAlerts, bool unknownEnumMembers = true)
    {
        lock (i.Gate)
        {
            w.WriteStartObject();
            w.WriteString("id", i.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("tenantId", tenantId);
            w.WriteString("status", EvolvableEnums.Status(i.Status, unknownEnumMembers));
            w.WriteString("incidentWebUrl", $"https://security.microsoft.com/incidents/{i.Id}?tid={tenantId}");
            if (i.RedirectIncidentId is long redirect)
            {
                w.WriteString("redirectIncidentId", redirect.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("redirectIncidentId");
            }

            w.WriteString("displayName", i.DisplayName);
            w.WriteString("createdDateTime", i.CreatedDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            w.WriteString("lastUpdateDateTime", i.LastUpdateDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            WriteNullable(w, "assignedTo", i.AssignedTo);
            w.WriteString("classification", i.Classification);
            w.WriteString("determination", i.Determination);
            w.WriteString("severity", EvolvableEnums.Severity(i.Severity, unknownEnumMembers));
            w.WriteStartArray("customTags");
            foreach (string tag in i.CustomTags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
            w.WriteStartArray("comments");
            foreach (EmulatedComment c in i.Comments)
            {
                w.WriteStartObject();
                w.WriteString("comment", c.Comment);
                w.WriteString("createdByDisplayName", c.CreatedBy);
                w.WriteString("createdDateTime", c.CreatedDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (withAlerts)
            {
                w.WriteStartArray("alerts");
                foreach (EmulatedAlert a in i.Alerts)
                {
                    AlertJson.WriteGraph(w, i, a, tenantId);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }
    }

    public static void WriteLegacy(Utf8JsonWriter w, EmulatedIncident i)
    {
        lock (i.Gate)
        {
            w.WriteStartObject();
            w.WriteNumber("incidentId", i.Id);
            if (i.RedirectIncidentId is long redirect)
            {
                w.WriteNumber("redirectIncidentId", redirect);
            }
            else
            {
                w.WriteNull("redirectIncidentId");
            }

            w.WriteString("incidentName", i.DisplayName);
            w.WriteString("createdTime", i.CreatedDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            w.WriteString("lastUpdateTime", i.LastUpdateDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            WriteNullable(w, "assignedTo", i.AssignedTo);
            w.WriteString("classification", IncidentRules.Pascal(i.Classification));
            w.WriteString("determination", IncidentRules.LegacyDetermination(i.Determination));
            w.WriteString("status", IncidentRules.Pascal(i.Status));
            w.WriteString("severity", IncidentRules.LegacySeverity(i.Severity));
            w.WriteString("detectionSource", "Antivirus");
            w.WriteStartArray("tags");
            foreach (string tag in i.CustomTags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
            w.WriteStartArray("comments");
            foreach (EmulatedComment c in i.Comments)
            {
                w.WriteStartObject();
                w.WriteString("comment", c.Comment);
                w.WriteString("createdBy", c.CreatedBy);
                w.WriteString("createdTime", c.CreatedDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("alerts");
            foreach (EmulatedAlert a in i.Alerts)
            {
                w.WriteStartObject();
                w.WriteString("alertId", a.Id);
                w.WriteNumber("incidentId", i.Id);
                w.WriteString("serviceSource", "MicrosoftDefenderForEndpoint");
                w.WriteString("creationTime", a.CreatedDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                w.WriteString("title", a.Title);
                w.WriteString("category", a.Category);
                w.WriteString("status", IncidentRules.Pascal(a.Status));
                w.WriteString("severity", IncidentRules.LegacySeverity(a.Severity));
                w.WriteString("classification", IncidentRules.Pascal(a.Classification));
                w.WriteString("determination", IncidentRules.LegacyDetermination(a.Determination));
                WriteNullable(w, "assignedTo", a.AssignedTo);
                w.WriteNull("investigationId");
                w.WriteString("investigationState", "Queued");
                w.WriteString("detectionSource", "WindowsDefenderAv");
                w.WriteStartArray("mitreTechniques");
                w.WriteStringValue("T1059.001");
                w.WriteEndArray();
                w.WriteStartArray("devices");
                w.WriteStartObject();
                w.WriteString("mdatpDeviceId", "8e1a6f0c5b3d4e2a9c7b1d0f3e5a7c9b1d3f5e7a");
                w.WriteString("deviceDnsName", "ws-0042.contoso.example");
                w.WriteString("osPlatform", "Windows10");
                w.WriteNumber("osBuild", 19045);
                w.WriteString("riskScore", "High");
                w.WriteNumber("rbacGroupId", 7);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("entities");
                w.WriteStartObject();
                w.WriteString("entityType", "Process");
                w.WriteString("fileName", "powershell.exe");
                w.WriteNumber("processId", 4242);
                w.WriteString("processCommandLine", "powershell.exe -enc SQBFAFgA");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
