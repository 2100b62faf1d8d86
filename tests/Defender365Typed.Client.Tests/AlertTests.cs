using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;

namespace Defender365Typed.Client.Tests;

/// <summary>Alerts (Graph alerts_v2) against the emulator, which serves them from its incidents (issue 16, item 4).</summary>
public sealed class AlertTests : EmulatorTest
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_follows_every_page_newest_first_and_counts()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(120);

        List<IncidentPage<SecurityAlert>> pages = await client.Alerts.ListPagesAsync().ToListAsync();

        Assert.Equal([50, 50, 20], pages.Select(p => p.Items.Count));
        List<SecurityAlert> all = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(120, all.Select(a => a.Id).Distinct().Count());
        Assert.Equal("da1119", all[0].Id); // the newest
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.CreatedDateTime >= p.Second.CreatedDateTime));
        Assert.Equal(120, await client.Alerts.CountAsync());
        Assert.Equal(25, (await client.Alerts.ListAsync(new AlertQuery { MaxItems = 25, PageSize = 10 }).ToListAsync()).Count);
        Assert.Contains(H.Emulator.Journal.Entries, e => e.Path == "/v1.0/security/alerts_v2" && e.Query.Contains("$count=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_that_keeps_failing_names_alerts_and_the_alert_query_to_resume_with()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(120);
        H.Emulator.Faults.Add(new FaultRule(FaultKind.MalformedJson, "/v1.0/security/alerts_v2", "GET", times: 3) { QueryContains = "$skip=50" });

        var received = new List<SecurityAlert>();
        IncidentPagingException ex = await H.ThrowsAsync<IncidentPagingException>(async () =>
        {
            await foreach (SecurityAlert alert in client.Alerts.ListAsync())
            {
                received.Add(alert);
            }
        });

        Assert.Equal((50, 50), (received.Count, ex.ItemsReturned));
        Assert.StartsWith("Reading alerts stopped at a page that failed 3 times", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("50 alerts were returned before it, none twice. Resume with AlertQuery.ContinueFrom = ResumeFrom.", ex.Message, StringComparison.Ordinal);
        received.AddRange(await client.Alerts.ListAsync(new AlertQuery { ContinueFrom = ex.ResumeFrom }).ToListAsync());
        Assert.Equal(120, received.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task Every_documented_filter_is_built_quoted_and_applied()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(40);
        EmulatedIncident owner = H.Emulator.Incidents.Find(1005)!;
        owner.Alerts[0] = owner.Alerts[0] with
        {
            AssignedTo = "o'brien@contoso.example", Classification = "truePositive", Determination = "malware", ServiceSource = "microsoftDefenderForOffice365",
        };

        SecurityAlert only = Assert.Single(await client.Alerts.ListAsync(new AlertQuery
        {
            AssignedTo = "o'brien@contoso.example",
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.Malware,
            ServiceSources = ["microsoftDefenderForOffice365"],
        }).ToListAsync());
        Assert.Equal("da1005", only.Id);
        Assert.Equal("1005", only.IncidentId);
        Assert.Contains(H.Emulator.Journal.Entries, e => e.Query.Contains(
            "$filter=serviceSource eq 'microsoftDefenderForOffice365' and assignedTo eq 'o''brien@contoso.example' and classification eq 'truePositive' and determination eq 'malware'",
            StringComparison.Ordinal));

        List<SecurityAlert> recentHigh = await client.Alerts.ListAsync(new AlertQuery
        {
            Statuses = [AlertStatus.New],
            Severities = [IncidentSeverity.High, IncidentSeverity.Low],
            CreatedAfter = Start.AddMinutes(10),
            CreatedBefore = Start.AddMinutes(30),
            LastUpdatedAfter = Start,
            LastUpdatedBefore = Start.AddDays(1),
        }).ToListAsync();
        // Seed: incident 1000+i has severity ["low","medium","high","informational"][i % 4], one "new" alert created at Start + i minutes.
        string[] expected = Enumerable.Range(10, 20).Where(i => i % 4 is 0 or 2).Select(i => "da" + (1000 + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Order(), recentHigh.Select(a => a.Id).Order());
        Assert.Equal(expected.Length, await client.Alerts.CountAsync(new AlertQuery { Severities = [IncidentSeverity.High, IncidentSeverity.Low], CreatedAfter = Start.AddMinutes(10), CreatedBefore = Start.AddMinutes(30) }));
    }

    [Fact]
    public async Task Get_reads_the_typed_alert_and_its_evidence()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);

        SecurityAlert alert = await client.Alerts.GetAsync("da1000");

        Assert.Equal("1000", alert.IncidentId);
        Assert.Equal(AlertStatus.New, alert.Status);
        Assert.Equal(IncidentSeverity.Low, alert.Severity);
        Assert.Equal(H.TenantId, alert.TenantId);
        Assert.StartsWith("https://security.microsoft.com/alerts/da1000", alert.AlertWebUrl, StringComparison.Ordinal);
        ProcessEvidence process = Assert.IsType<ProcessEvidence>(Assert.Single(alert.TypedEvidence));
        Assert.Equal(4242, process.ProcessId);
        Assert.Equal("suspicious", process.Verdict);
        DefenderApiException missing = await H.ThrowsAsync<DefenderApiException>(() => client.Alerts.GetAsync("da-missing"));
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task Update_changes_the_alert_and_the_incident_view_agrees()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(2);

        SecurityAlert updated = await client.Alerts.UpdateAsync("da1001", new AlertUpdate
        {
            Status = AlertStatus.Resolved,
            AssignedTo = "soc@contoso.example",
            Classification = IncidentClassification.FalsePositive,
            Determination = IncidentDetermination.Clean,
        });

        Assert.Equal(AlertStatus.Resolved, updated.Status);
        Assert.Equal("soc@contoso.example", updated.AssignedTo);
        Assert.Equal(IncidentDetermination.Clean, updated.Determination);
        SecurityAlert viaIncident = Assert.Single((await client.Incidents.GetAsync("1001", expandAlerts: true)).Alerts!);
        Assert.Equal(AlertStatus.Resolved, viaIncident.Status);
        Assert.Equal(IncidentClassification.FalsePositive, viaIncident.Classification);
        Assert.Equal("soc@contoso.example", viaIncident.AssignedTo);
        DefenderAlert legacy = Assert.Single((await client.LegacyIncidents.GetAsync(1001)).Alerts);
        Assert.Equal("Resolved", legacy.Status);
        Assert.Equal(IncidentClassification.FalsePositive, legacy.Classification);
        Assert.Equal(AlertStatus.New, (await client.Alerts.GetAsync("da1000")).Status); // the other incident's alert is untouched

        SecurityAlert unassigned = await client.Alerts.UpdateAsync("da1001", new AlertUpdate { AssignedTo = "" });
        Assert.Null(unassigned.AssignedTo);
    }

    [Fact]
    public async Task An_invalid_update_names_what_is_wrong_and_sends_nothing()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        (AlertUpdate Update, string Message)[] cases =
        [
            (new AlertUpdate(), "The alert update changes nothing."),
            (new AlertUpdate { Status = new AlertStatus("active") }, "'active' is not a status that can be set; allowed: new, inProgress, resolved."),
            (new AlertUpdate { Determination = IncidentDetermination.Malware }, "A determination can only be set together with the classification it belongs to."),
            (new AlertUpdate { Classification = IncidentClassification.FalsePositive, Determination = IncidentDetermination.Malware },
                "Determination 'malware' does not go with classification 'falsePositive'; allowed: clean, insufficientData, other."),
            (new AlertUpdate { Classification = new IncidentClassification("benign") }, "'benign' is not a classification that can be set"),
        ];

        foreach ((AlertUpdate update, string message) in cases)
        {
            ArgumentException ex = Assert.Throws<ArgumentException>(() => client.Alerts.UpdateAsync("da1000", update).GetAwaiter().GetResult());
            Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
            Assert.Equal("update", ex.ParamName);
        }

        Assert.DoesNotContain(H.Emulator.Journal.Entries, e => e.Path.StartsWith("/v1.0/security/alerts_v2", StringComparison.Ordinal));
        Assert.Equal("unknown", H.Emulator.Incidents.Find(1000)!.Alerts[0].Classification);
    }

    [Fact]
    public async Task Comments_are_added_and_returned_in_order()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);

        await client.Alerts.AddCommentAsync("da1000", "first");
        IReadOnlyList<IncidentComment> comments = await client.Alerts.AddCommentAsync("da1000", "second");

        Assert.Equal(["first", "second"], comments.Select(c => c.Comment));
        Assert.All(comments, c => Assert.NotNull(c.CreatedOn));
        Assert.Equal(["first", "second"], (await client.Alerts.GetAsync("da1000")).Comments.Select(c => c.Comment));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Alerts.AddCommentAsync("da1000", " "));
    }

    [Fact]
    public async Task The_legacy_api_has_no_alerts_a_typed_error_and_nothing_is_sent()
    {
        (DefenderClient client, _) = H.SecretClient();

        DefenderApiNotSupportedException ex = Assert.Throws<DefenderApiNotSupportedException>(() => client.AlertsOn(DefenderApi.Legacy));

        Assert.Equal(DefenderApi.Legacy, ex.Api);
        Assert.Equal("alerts", ex.Operation);
        Assert.Contains("alerts_v2 is Microsoft Graph only", ex.Message, StringComparison.Ordinal);
        Assert.Same(client.Alerts, client.AlertsOn(DefenderApi.Graph));
        Assert.Empty(H.Emulator.Journal.Entries);
    }

    [Fact]
    public async Task Alerts_need_the_security_alert_permission()
    {
        H.SecretApp("app-secret", "ThreatHunting.Read.All", "SecurityIncident.ReadWrite.All");
        using DefenderClient client = H.Client(H.SecretAuthenticator());
        H.Emulator.Incidents.Seed(1);

        DefenderPermissionException ex = await H.ThrowsAsync<DefenderPermissionException>(() => client.Alerts.GetAsync("da1000"));

        Assert.Equal(403, (int)ex.StatusCode);
        Assert.Contains("SecurityAlert.Read.All", ex.Message, StringComparison.Ordinal);
    }
}
