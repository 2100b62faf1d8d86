using System.Globalization;
using System.Text.Json;

namespace Defender365Typed.Emulator.Api;

/// <summary>Writes an incident's alert in the Graph <c>microsoft.graph.security.alert</c> shape: the one writer for <c>alerts_v2</c> and <c>$expand=alerts</c>, so both views agree.</summary>
internal static class AlertJson
{
    /// <summary>Call under the incident's lock.</summary>
    public static void WriteGraph(Utf8JsonWriter w, EmulatedIncident i, EmulatedAlert a, string tenantId)
    {
        string incidentId = i.Id.ToString(CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteString("@odata.type", "#microsoft.graph.security.alert");
        w.WriteString("id", a.Id);
        w.WriteString("providerAlertId", a.Id);
        w.WriteString("incidentId", incidentId);
        w.WriteString("tenantId", tenantId);
        w.WriteString("status", a.Status);
        w.WriteString("severity", a.Severity);
        w.WriteString("classification", a.Classification);
        w.WriteString("determination", a.Determination);
        w.WriteString("serviceSource", a.ServiceSource);
        w.WriteString("detectionSource", a.DetectionSource);
        w.WriteString("title", a.Title);
        w.WriteString("category", a.Category);
        if (a.AssignedTo is null)
        {
            w.WriteNull("assignedTo");
        }
        else
        {
            w.WriteString("assignedTo", a.AssignedTo);
        }

        w.WriteString("alertWebUrl", $"https://security.microsoft.com/alerts/{a.Id}?tid={tenantId}");
        w.WriteString("incidentWebUrl", $"https://security.microsoft.com/incidents/{incidentId}?tid={tenantId}");
        w.WriteString("createdDateTime", Time(a.CreatedDateTime));
        w.WriteString("lastUpdateDateTime", Time(a.LastUpdateDateTime ?? a.CreatedDateTime));
        w.WriteStartArray("mitreTechniques");
        w.WriteStringValue("T1059.001");
        w.WriteEndArray();
        w.WriteStartArray("comments");
        foreach (EmulatedComment c in a.Comments)
        {
            CommentJson.Write(w, c);
        }

        w.WriteEndArray();
        w.WriteStartArray("evidence");
        w.WriteStartObject();
        w.WriteString("@odata.type", "#microsoft.graph.security.processEvidence");
        w.WriteString("createdDateTime", Time(a.CreatedDateTime));
        w.WriteString("verdict", "suspicious");
        w.WriteString("remediationStatus", "none");
        w.WriteNumber("processId", 4242);
        w.WriteString("processCommandLine", "powershell.exe -enc SQBFAFgA");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Time(System.DateTimeOffset t) => t.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
}
