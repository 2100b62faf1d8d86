using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Defender365Typed;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// Microsoft's documented example responses (Fixtures/graph, Fixtures/legacy; each named in the folder's SOURCES.md) go
/// through the client's list, get, update, comment and hunting calls on both APIs and read into the typed models with
/// every spelling the pages use (issue 16, item 5).
/// </summary>
public sealed class DocumentedExampleTests
{
    private const string IncidentName = "Multi-stage incident involving Initial access & Command and control on multiple endpoints reported by multiple sources";

    [Theory]
    [InlineData("graph")]
    [InlineData("legacy")]
    public void Every_fixture_is_valid_json_and_names_its_source_page(string api)
    {
        string folder = Path.GetDirectoryName(FixtureHandler.PathOf(Path.Combine(api, "SOURCES.md")))!;
        string sources = File.ReadAllText(Path.Combine(folder, "SOURCES.md"));
        string[] fixtures = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(fixtures);
        foreach (string file in fixtures)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.Contains($"| `{Path.GetFileName(file)}` | `", sources, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Graph_incident_list_examples_read_with_both_enum_casings_and_both_tag_names()
    {
        var handler = new FixtureHandler().Answer(HttpMethod.Get, "/v1.0/security/incidents", "graph/list-incidents.json");
        using DefenderClient client = handler.Client();

        SecurityIncident incident = Assert.Single(await client.Incidents.ListAsync().ToListAsync());

        Assert.Equal("2972395", incident.Id);
        Assert.Equal(IncidentName, incident.DisplayName);
        Assert.Equal(IncidentStatus.Active, incident.Status);               // "Active"
        Assert.Equal(IncidentSeverity.Medium, incident.Severity);           // "Medium"
        Assert.Equal(IncidentClassification.TruePositive, incident.Classification);
        Assert.Equal(IncidentDetermination.MultiStagedAttack, incident.Determination);
        Assert.Equal(["Demo"], incident.CustomTags);
        Assert.Equal(["Defender Experts"], incident.SystemTags);
        Assert.StartsWith("Microsoft observed Raspberry Robin", incident.Description, StringComparison.Ordinal);
        IncidentComment comment = Assert.Single(incident.Comments);
        Assert.Equal("DavidS@contoso.onmicrosoft.com", comment.Author);      // createdBy, not createdByDisplayName
        Assert.Equal(new DateTimeOffset(2021, 9, 30, 12, 7, 37, TimeSpan.Zero).AddTicks(2756993), comment.CreatedOn); // createdTime
        Assert.Null(incident.Alerts);

        handler.Answer(HttpMethod.Get, "/v1.0/security/incidents", "graph/list-incidents-expand-alerts.json");
        SecurityIncident expanded = Assert.Single(await client.Incidents.ListAsync(new IncidentQuery { ExpandAlerts = true }).ToListAsync());
        Assert.Equal(IncidentStatus.Active, expanded.Status);               // "active"
        Assert.Equal(IncidentDetermination.MultiStagedAttack, expanded.Determination);
        Assert.Equal(["Demo"], expanded.CustomTags);                        // sent as "tags" on this page
        Assert.False(expanded.AdditionalData?.ContainsKey("tags") ?? false);
        SecurityAlert alert = Assert.Single(expanded.Alerts!);
        Assert.Equal("da637551227677560813_-961444813", alert.Id);
        Assert.Equal(
            [typeof(DeviceEvidence), typeof(FileEvidence), typeof(ProcessEvidence), typeof(RegistryKeyEvidence)],
            alert.TypedEvidence.Select(e => e.GetType()));
        Assert.Null(((ProcessEvidence)alert.TypedEvidence[2]).UserAccount!.DisplayName); // this page leaves it out
        Assert.Contains(handler.Requests, r => r.Uri.Query == "?$expand=alerts");
    }

    [Theory]
    [InlineData("graph/get-incident.json")]
    [InlineData("graph/update-incident.json")]
    public async Task Graph_incident_get_and_update_examples_read(string fixture)
    {
        var handler = new FixtureHandler()
            .Answer(HttpMethod.Get, "/v1.0/security/incidents/2972395", fixture)
            .Answer(HttpMethod.Patch, "/v1.0/security/incidents/2972395", fixture);
        using DefenderClient client = handler.Client();

        SecurityIncident got = await client.Incidents.GetAsync("2972395");
        SecurityIncident updated = await client.Incidents.UpdateAsync("2972395", new IncidentUpdate
        {
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.MultiStagedAttack,
            Tags = ["Demo"],
        });

        foreach (SecurityIncident incident in new[] { got, updated })
        {
            Assert.Equal("2972395", incident.Id);
            Assert.Equal(IncidentStatus.Active, incident.Status);
            Assert.Equal(IncidentClassification.TruePositive, incident.Classification);
            Assert.Equal(new DateTimeOffset(2021, 8, 13, 8, 43, 35, TimeSpan.Zero).AddTicks(5533333), incident.CreatedDateTime);
            Assert.Equal("KaiC@contoso.onmicrosoft.com", incident.AssignedTo);
            Assert.Null(incident.RedirectIncidentId);
            Assert.Equal("#microsoft.graph.incident", incident.AdditionalData!["@odata.type"].GetString());
        }

        (HttpMethod method, _, string? body) = handler.Requests.Last();
        Assert.Equal(HttpMethod.Patch, method);
        Assert.Equal("""{"classification":"truePositive","determination":"multiStagedAttack","customTags":["Demo"]}""", body);
    }

    [Fact]
    public async Task Graph_alert_examples_pass_through_list_get_update_and_comments()
    {
        var handler = new FixtureHandler()
            .Answer(HttpMethod.Get, "/v1.0/security/alerts_v2", "graph/list-alerts_v2.json")
            .Answer(HttpMethod.Get, "/v1.0/security/alerts_v2/da637578995287051192_756343937", "graph/get-alert.json")
            .Answer(HttpMethod.Patch, "/v1.0/security/alerts_v2/da637551227677560813_-961444813", "graph/update-alert.json")
            .Answer(HttpMethod.Post, "/v1.0/security/alerts_v2/da637865765418431569_-773071023/comments", "graph/post-alert-comments.json");
        using DefenderClient client = handler.Client();

        SecurityAlert listed = Assert.Single(await client.Alerts.ListAsync().ToListAsync());
        SecurityAlert got = await client.Alerts.GetAsync("da637578995287051192_756343937");
        foreach (SecurityAlert alert in new[] { listed, got })
        {
            Assert.Equal("28282", alert.IncidentId);
            Assert.Equal(AlertStatus.New, alert.Status);
            Assert.Equal(IncidentSeverity.Low, alert.Severity);
            Assert.Equal(IncidentClassification.Unknown, alert.Classification);
            Assert.Equal("microsoftDefenderForEndpoint", alert.ServiceSource);
            Assert.Equal("b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c", alert.TenantId);
            Assert.StartsWith("https://security.microsoft.com/incidents/28282", alert.IncidentWebUrl, StringComparison.Ordinal);
            Assert.Equal(["T1564.001"], alert.MitreTechniques);
            Assert.Equal(["Defender Experts"], alert.SystemTags);
            Assert.Null(alert.AssignedTo);
            Assert.Null(alert.ResolvedDateTime);
            Assert.Empty(alert.Comments);
            Assert.Equal(4, alert.Evidence.Count);

            DeviceEvidence device = Assert.IsType<DeviceEvidence>(alert.TypedEvidence[0]);
            Assert.Equal("73e7e2de709dff64ef64b1d0c30e67fab63279db", device.MdeDeviceId);
            Assert.Equal(22424, device.OsBuild);
            Assert.Equal(75, device.RbacGroupId);
            Assert.Equal(["1.1.1.1"], device.IpInterfaces);
            Assert.Empty(device.LoggedOnUsers);
            Assert.Equal(["compromised"], device.Roles);
            Assert.Equal(["Main device"], device.DetailedRoles);
            Assert.Equal("azure", device.VmMetadata!.CloudProvider);
            Assert.Equal("unknown", device.Verdict);
            FileEvidence file = Assert.IsType<FileEvidence>(alert.TypedEvidence[1]);
            Assert.Equal(6136392, file.FileDetails!.FileSize);
            Assert.Equal(@"C:\Program Files\temp", file.FileDetails.FilePath);
            ProcessEvidence process = Assert.IsType<ProcessEvidence>(alert.TypedEvidence[2]);
            Assert.Equal(4780, process.ProcessId);
            Assert.Equal(668, process.ParentProcessId);
            Assert.Equal("\"MsSense.exe\"", process.ProcessCommandLine);
            Assert.Equal("services.exe", process.ParentProcessImageFile!.FileName);
            Assert.Equal("S-1-5-18", process.UserAccount!.UserSid);
            RegistryKeyEvidence key = Assert.IsType<RegistryKeyEvidence>(alert.TypedEvidence[3]);
            Assert.Equal("HKEY_LOCAL_MACHINE", key.RegistryHive);
            Assert.All(alert.TypedEvidence, e => Assert.Null(e.AdditionalData)); // every documented property is modelled
        }

        SecurityAlert updated = await client.Alerts.UpdateAsync("da637551227677560813_-961444813", new AlertUpdate
        {
            AssignedTo = "secAdmin@contoso.onmicrosoft.com",
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.Malware,
            Status = AlertStatus.InProgress,
        });
        Assert.Equal(AlertStatus.InProgress, updated.Status);
        Assert.Equal(IncidentDetermination.Malware, updated.Determination);
        Assert.Equal("secAdmin@contoso.onmicrosoft.com", updated.AssignedTo);
        Assert.Empty(updated.TypedEvidence);
        Assert.Empty(updated.SystemTags);
        Assert.Equal(
            """{"status":"inProgress","assignedTo":"secAdmin@contoso.onmicrosoft.com","classification":"truePositive","determination":"malware"}""",
            handler.Requests.Last().Body);

        IReadOnlyList<IncidentComment> comments = await client.Alerts.AddCommentAsync("da637865765418431569_-773071023", "Demo for docs");
        Assert.Equal(["test", "Demo for docs"], comments.Select(c => c.Comment));
        Assert.Equal("secAdmin@contoso.com", comments[1].Author);
        Assert.Equal("""{"@odata.type":"microsoft.graph.security.alertComment","comment":"Demo for docs"}""", handler.Requests.Last().Body);
    }

    [Fact]
    public async Task Legacy_incident_example_passes_through_list_get_and_update()
    {
        byte[] list = FixtureHandler.Read("legacy/list-incidents.json");
        // The get and update pages show no response; both return the incident entity, i.e. one element of the list.
        byte[] first = JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(list)!["value"]![0]);
        var handler = new FixtureHandler()
            .Answer(HttpMethod.Get, "/api/incidents", list)
            .Answer(HttpMethod.Get, "/api/incidents/924565", first)
            .Answer(HttpMethod.Patch, "/api/incidents/924565", first);
        using DefenderClient client = handler.Client();

        List<DefenderIncident> incidents = await client.LegacyIncidents.ListAsync().ToListAsync();
        Assert.Equal([924565L, 924521L, 924518L], incidents.Select(i => i.IncidentId));
        DefenderIncident ransomware = incidents[0];
        Assert.Equal(IncidentClassification.Unknown, ransomware.Classification);
        Assert.Equal(IncidentDetermination.Unknown, ransomware.Determination);      // "NotAvailable"
        Assert.Equal(IncidentStatus.Active, ransomware.Status);
        Assert.Equal("secop123@contoso.com", Assert.Single(ransomware.Comments).Author);
        DefenderAlert mcas = Assert.Single(ransomware.Alerts);
        Assert.Equal(default, mcas.Classification);                                   // null in the example
        Assert.Null(mcas.Classification.Value);
        Assert.Null(mcas.InvestigationId);
        Assert.Equal(["User", "Ip"], mcas.Entities.Select(e => e.EntityType));
        Assert.Equal("fc8f7484-f813-4db2-afab-bc1507913fb6", mcas.Entities[0].AadUserId);
        DefenderAlertDevice device = Assert.Single(Assert.Single(incidents[1].Alerts).Devices);
        Assert.Equal("24c222b0b60fe148eeece49ac83910cc6a7ef491", device.MdatpDeviceId);
        Assert.Equal(14393, device.OsBuild);
        Assert.Equal(9, device.RbacGroupId);
        DefenderAlert phish = Assert.Single(incidents[2].Alerts);
        Assert.Equal("Automation", phish.AssignedTo);
        Assert.Equal("InProgress", phish.Status);
        Assert.Equal(8, phish.Entities.Count);

        DefenderIncident got = await client.LegacyIncidents.GetAsync(924565);
        DefenderIncident updated = await client.LegacyIncidents.UpdateAsync(924565, new IncidentUpdate
        {
            Status = IncidentStatus.Resolved,
            AssignedTo = "secop2@contoso.com",
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.Malware,
            Tags = ["Yossi's playground", "Don't mess with the Zohan"],
            Comment = "pen testing",
        });
        Assert.Equal("Ransomware activity", got.IncidentName);
        Assert.Equal(924565, updated.IncidentId);
        // The request is the update page's own example body.
        Assert.Equal(
            """{"status":"Resolved","assignedTo":"secop2@contoso.com","classification":"TruePositive","determination":"Malware","tags":["Yossi\u0027s playground","Don\u0027t mess with the Zohan"],"comment":"pen testing"}""",
            handler.Requests.Last().Body);
    }

    [Theory]
    [InlineData("graph", "graph/run-hunting-query.json", 2)]
    [InlineData("graph", "graph/run-hunting-query-timespan.json", 4)]
    [InlineData("graph", "graph/run-hunting-query-pascal-schema.json", 2)]
    [InlineData("legacy", "legacy/advanced-hunting.json", 2)]
    public async Task Hunting_examples_read_typed_and_untyped_on_both_apis(string api, string fixture, int rows)
    {
        var handler = new FixtureHandler()
            .Answer(HttpMethod.Post, "/v1.0/security/runHuntingQuery", fixture)
            .Answer(HttpMethod.Post, "/api/advancedhunting/run", fixture);
        using DefenderClient client = handler.Client();
        var options = new HuntingOptions { Api = api == "graph" ? DefenderApi.Graph : DefenderApi.Legacy };
        const string Query = "DeviceProcessEvents | where InitiatingProcessFileName =~ \"powershell.exe\" | project Timestamp, FileName, InitiatingProcessFileName | order by Timestamp desc | limit 2";

        List<DocumentedProcessRow> typed = await client.Hunting.RunAsync<DocumentedProcessRow>(Query, options).ToListAsync();
        List<HuntingRow> untyped = await client.Hunting.RunAsync(Query, options).ToListAsync();

        Assert.Equal(rows, typed.Count);
        Assert.Equal(rows, untyped.Count);
        Assert.All(typed, r => Assert.EndsWith(".exe", r.FileName, StringComparison.Ordinal));
        Assert.Equal(DateTimeKind.Utc, typed[0].Timestamp.Kind);
        Assert.Equal(typed[0].FileName, untyped[0]["FileName"].GetString());
        Assert.Equal(typed[0].InitiatingProcessFileName, untyped[0]["InitiatingProcessFileName"].GetString());
        Assert.Equal(api == "graph" ? "/v1.0/security/runHuntingQuery" : "/api/advancedhunting/run", handler.Requests.Last().Uri.AbsolutePath);
    }
}

[HuntingResult]
public sealed partial record DocumentedProcessRow(DateTime Timestamp, string FileName, string InitiatingProcessFileName);
