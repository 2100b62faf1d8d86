using System.Text.Json;
using Defender365Typed.Client;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// A response that sends an optional collection or the id as JSON null never leaves a non-nullable member null:
/// collections read as empty, ids as "" (issue 16, item 5: the part that is about null members).
/// </summary>
public sealed class IncidentNullFieldTests
{
    [Fact]
    public void Graph_incident_and_alert_nulls_read_as_empty()
    {
        const string json = """
            { "id": null, "customTags": null, "systemTags": null, "comments": null,
              "alerts": [ { "id": null, "mitreTechniques": null, "comments": null, "evidence": null } ] }
            """;
        SecurityIncident incident = JsonSerializer.Deserialize(json, DefenderJsonContext.Default.SecurityIncident)!;

        Assert.Equal("", incident.Id);
        Assert.Empty(incident.CustomTags);
        Assert.Empty(incident.SystemTags);
        Assert.Empty(incident.Comments);
        SecurityAlert alert = Assert.Single(incident.Alerts!);
        Assert.Equal("", alert.Id);
        Assert.Empty(alert.MitreTechniques);
        Assert.Empty(alert.Comments);
        Assert.Empty(alert.Evidence);
    }

    [Fact]
    public void Legacy_incident_and_alert_nulls_read_as_empty()
    {
        const string json = """
            { "incidentId": 7, "tags": null, "comments": null,
              "alerts": [ { "alertId": "da1", "mitreTechniques": null, "devices": null, "entities": null } ] }
            """;
        DefenderIncident incident = JsonSerializer.Deserialize(json, DefenderJsonContext.Default.DefenderIncident)!;

        Assert.Equal(7, incident.IncidentId);
        Assert.Empty(incident.Tags);
        Assert.Empty(incident.Comments);
        DefenderAlert alert = Assert.Single(incident.Alerts);
        Assert.Equal("da1", alert.AlertId);
        Assert.Empty(alert.MitreTechniques);
        Assert.Empty(alert.Devices);
        Assert.Empty(alert.Entities);
    }

    [Fact]
    public void A_page_whose_value_is_null_has_no_items()
    {
        ODataPage<SecurityIncident> page = JsonSerializer.Deserialize("""{ "value": null }""", DefenderJsonContext.Default.ODataPageSecurityIncident)!;
        Assert.Empty(page.Value);
    }
}
