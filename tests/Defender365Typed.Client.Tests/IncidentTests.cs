using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;

namespace Defender365Typed.Client.Tests;

public sealed class IncidentTests : EmulatorTest
{
    [Fact]
    public async Task Graph_lists_every_page_through_nextLink_exactly_once()
    {
        (DefenderClient client, _) = H.SecretClient();
        IReadOnlyList<EmulatedIncident> seeded = H.Emulator.Incidents.Seed(120);

        List<IncidentPage<SecurityIncident>> pages = await client.Incidents.ListPagesAsync().ToListAsync();

        Assert.Equal([50, 50, 20], pages.Select(p => p.Items.Count));
        Assert.Null(pages[^1].NextLink);
        Assert.Equal(seeded.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), pages.SelectMany(p => p.Items).Select(i => i.Id).Order());
        Assert.Equal(25, (await client.Incidents.ListAsync(new IncidentQuery { MaxItems = 25, PageSize = 10 }).ToListAsync()).Count);
    }

    [Fact]
    public async Task Graph_filters_are_built_quoted_and_applied()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(40);
        EmulatedIncident special = H.Emulator.Incidents.Find(1005)!;
        special.AssignedTo = "o'brien@contoso.example";
        special.Classification = "truePositive";
        special.Determination = "malware";

        var since = new DateTimeOffset(2024, 3, 1, 8, 10, 0, TimeSpan.Zero);
        List<SecurityIncident> found = await client.Incidents.ListAsync(new IncidentQuery
        {
            Statuses = [IncidentStatus.Active, IncidentStatus.InProgress],
            Severities = [IncidentSeverity.High, IncidentSeverity.Low],
            CreatedAfter = since,
            LastUpdatedBefore = since.AddHours(2),
        }).ToListAsync();
        IEnumerable<EmulatedIncident> expected = H.Emulator.Incidents.All().Where(i =>
            i.Status is "active" or "inProgress" && i.Severity is "high" or "low" && i.CreatedDateTime >= since && i.LastUpdateDateTime < since.AddHours(2));
        Assert.Equal(expected.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), found.Select(i => i.Id).Order());
        Assert.NotEmpty(found);

        SecurityIncident obrien = Assert.Single(await client.Incidents.ListAsync(new IncidentQuery
        {
            AssignedTo = "o'brien@contoso.example",
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.Malware,
        }).ToListAsync());
        Assert.Equal("1005", obrien.Id);
        Assert.Contains(H.Emulator.Journal.Entries, e => e.Query.Contains("assignedTo eq 'o''brien@contoso.example'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graph_get_with_alerts_reads_the_typed_model_and_keeps_unknown_values()
    {
        (DefenderClient client, _) = H.SecretClient();
        EmulatedIncident seeded = H.Emulator.Incidents.Seed(1)[0];
        seeded.Status = "awaitingAction";
        seeded.Severity = "someFutureSeverity";

        SecurityIncident incident = await client.Incidents.GetAsync("1000", expandAlerts: true);

        Assert.Equal("Incident 1000", incident.DisplayName);
        Assert.StartsWith("https://security.microsoft.com/incidents/1000", incident.IncidentWebUrl, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.AwaitingAction, incident.Status);
        Assert.False(incident.Severity.IsKnown);
        Assert.Equal("someFutureSeverity", incident.Severity.Value);
        SecurityAlert alert = Assert.Single(incident.Alerts!);
        Assert.Equal("Execution", alert.Category);
        Assert.Equal(["T1059.001"], alert.MitreTechniques);
        Assert.Equal("#microsoft.graph.security.processEvidence", alert.Evidence[0].GetProperty("@odata.type").GetString());
        Assert.Null((await client.Incidents.GetAsync("1000")).Alerts);
        DefenderApiException missing = await H.ThrowsAsync<DefenderApiException>(() => client.Incidents.GetAsync("999999"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Graph_update_and_comment_round_trip()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);

        SecurityIncident updated = await client.Incidents.UpdateAsync("1000", new IncidentUpdate
        {
            Status = IncidentStatus.Resolved,
            AssignedTo = "secop2@contoso.example",
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.Malware,
            Tags = ["pen-test", "q3"],
        });
        Assert.Equal((IncidentStatus.Resolved, IncidentClassification.TruePositive, IncidentDetermination.Malware, "secop2@contoso.example"),
            (updated.Status, updated.Classification, updated.Determination, updated.AssignedTo));
        Assert.Equal(["pen-test", "q3"], updated.CustomTags);

        IReadOnlyList<IncidentComment> comments = await client.Incidents.AddCommentAsync("1000", "Contained by isolating the device.");
        Assert.Equal("Contained by isolating the device.", Assert.Single(comments).Comment);
        SecurityIncident again = await client.Incidents.GetAsync("1000");
        Assert.Equal("analyst@contoso.example", Assert.Single(again.Comments).Author);

        SecurityIncident unassigned = await client.Incidents.UpdateAsync("1000", new IncidentUpdate { AssignedTo = string.Empty });
        Assert.Null(unassigned.AssignedTo);
    }

    [Theory]
    [InlineData("determination alone", "A determination can only be set together with the classification it belongs to.")]
    [InlineData("redirected", "An incident cannot be set to Redirected")]
    [InlineData("mismatch", "Determination 'malware' does not go with classification 'falsePositive'; allowed: clean, insufficientData, other.")]
    [InlineData("graph comment", "Graph adds comments with their own call (AddCommentAsync)")]
    [InlineData("empty", "The incident update changes nothing.")]
    [InlineData("unknown status", "'closedForever' is not a status that can be set; allowed: active, inProgress, resolved.")]
    public async Task Invalid_updates_are_refused_before_anything_is_sent(string which, string naming)
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        IncidentUpdate update = which switch
        {
            "determination alone" => new IncidentUpdate { Determination = IncidentDetermination.Malware },
            "redirected" => new IncidentUpdate { Status = IncidentStatus.Redirected },
            "mismatch" => new IncidentUpdate { Classification = IncidentClassification.FalsePositive, Determination = IncidentDetermination.Malware },
            "graph comment" => new IncidentUpdate { Status = IncidentStatus.Active, Comment = "x" },
            "empty" => new IncidentUpdate(),
            _ => new IncidentUpdate { Status = new IncidentStatus("closedForever") },
        };

        // Exactly ArgumentException (Assert.ThrowsAsync does not accept a subclass such as ArgumentNullException), for the
        // update parameter, with the message naming the field and the value that was wrong.
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Incidents.UpdateAsync("1000", update));
        Assert.Equal("update", ex.ParamName);
        Assert.StartsWith(naming, ex.Message, StringComparison.Ordinal);
        Assert.Empty(H.Emulator.Journal.Matching("PATCH", "incidents"));
    }

    [Fact]
    public async Task An_empty_filter_value_is_refused_naming_its_property_for_incidents_as_for_alerts()
    {
        // Incidents once sent "status eq ''" where alerts refused the value (twin filter builders); the one builder refuses both.
        (DefenderClient client, _) = H.SecretClient();
        ArgumentException graph = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.Incidents.ListAsync(new IncidentQuery { Statuses = [IncidentStatus.Active, new IncidentStatus("")] }).ToListAsync());
        Assert.Equal("An incident filter value for status is empty.", graph.Message);
        ArgumentException legacy = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.LegacyIncidents.ListAsync(new IncidentQuery { Statuses = [new IncidentStatus(" ")] }).ToListAsync());
        Assert.Equal("An incident filter value for status is empty.", legacy.Message);
        ArgumentException classification = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.Incidents.ListAsync(new IncidentQuery { Classification = default(IncidentClassification) }).ToListAsync());
        Assert.Equal("An incident filter value for classification is empty.", classification.Message);
        ArgumentException alert = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.Alerts.ListAsync(new AlertQuery { Statuses = [new AlertStatus("")] }).ToListAsync());
        Assert.Equal("An alert filter value for status is empty.", alert.Message);
        Assert.DoesNotContain(H.Emulator.Journal.Entries, e => e.Path.Contains("incidents", StringComparison.Ordinal) || e.Path.Contains("alerts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Legacy_pages_with_skip_filters_and_refuses_filters_it_cannot_apply()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(250);

        List<IncidentPage<DefenderIncident>> pages = await client.LegacyIncidents.ListPagesAsync().ToListAsync();
        Assert.Equal([100, 100, 50], pages.Select(p => p.Items.Count));
        Assert.Equal(250, pages.SelectMany(p => p.Items).Select(i => i.IncidentId).Distinct().Count());
        Assert.Equal(1249, pages[0].Items[0].IncidentId); // newest first

        List<DefenderIncident> active = await client.LegacyIncidents.ListAsync(new IncidentQuery { Statuses = [IncidentStatus.Active] }).ToListAsync();
        Assert.Equal(H.Emulator.Incidents.All().Count(i => i.Status == "active"), active.Count);
        Assert.All(active, i => Assert.Equal(IncidentStatus.Active, i.Status));
        Assert.Equal("Active", active[0].Status.Value);
        Assert.Equal("MicrosoftDefenderForEndpoint", active[0].Alerts[0].ServiceSource);
        Assert.Equal(19045, active[0].Alerts[0].Devices[0].OsBuild);

        Assert.Throws<ArgumentException>(() => client.LegacyIncidents.ListPagesAsync(new IncidentQuery { Severities = [IncidentSeverity.High] }));
    }

    [Fact]
    public async Task Legacy_update_sends_legacy_spellings_and_adds_the_comment()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);

        DefenderIncident updated = await client.LegacyIncidents.UpdateAsync(1000, new IncidentUpdate
        {
            Status = IncidentStatus.Resolved,
            Classification = IncidentClassification.TruePositive,
            Determination = IncidentDetermination.CompromisedUser,
            Tags = ["legacy"],
            Comment = "pen testing",
        });

        Assert.Equal("CompromisedAccount", updated.Determination.Value); // the legacy name comes back...
        Assert.Equal(IncidentDetermination.CompromisedUser, updated.Determination); // ...and equals the Graph one
        Assert.Equal("compromisedUser", H.Emulator.Incidents.Find(1000)!.Determination);
        Assert.Equal("pen testing", Assert.Single(updated.Comments).Comment);
        Assert.Equal(["legacy"], (await client.LegacyIncidents.GetAsync(1000)).Tags);
    }

    [Theory]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.InternalServerError)]
    public async Task A_page_that_fails_once_is_read_again_and_nothing_is_lost_or_repeated(FaultKind fault)
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(120);
        H.Emulator.Faults.Add(new FaultRule(fault, "/v1.0/security/incidents", "GET") { QueryContains = "$skip=50" });

        List<SecurityIncident> all = await client.Incidents.ListAsync().ToListAsync();

        Assert.Equal(120, all.Count);
        Assert.Equal(120, all.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_page_that_keeps_failing_stops_loudly_and_paging_resumes_from_it()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(120);
        FaultRule rule = H.Emulator.Faults.Add(new FaultRule(FaultKind.MalformedJson, "/v1.0/security/incidents", "GET", times: 3) { QueryContains = "$skip=50" });

        var received = new List<SecurityIncident>();
        IncidentPagingException ex = await H.ThrowsAsync<IncidentPagingException>(async () =>
        {
            await foreach (SecurityIncident incident in client.Incidents.ListAsync())
            {
                received.Add(incident);
            }
        });
        Assert.Equal(50, received.Count);
        Assert.Equal(50, ex.ItemsReturned);
        Assert.Contains("$skip=50", Uri.UnescapeDataString(ex.ResumeFrom!.Query), StringComparison.Ordinal);
        Assert.Equal(3, rule.Hits);

        received.AddRange(await client.Incidents.ListAsync(new IncidentQuery { ContinueFrom = ex.ResumeFrom }).ToListAsync());
        Assert.Equal(120, received.Select(i => i.Id).Distinct().Count());
        Assert.Equal(120, received.Count);
    }

    [Fact]
    public async Task An_idempotent_update_is_retried_after_a_server_error_and_applied_once()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        H.Emulator.Faults.Add(new FaultRule(FaultKind.ServiceUnavailable, "/incidents/1000", "PATCH") { RetryAfterSeconds = 0 });

        SecurityIncident updated = await client.Incidents.UpdateAsync("1000", new IncidentUpdate { Status = IncidentStatus.InProgress, Tags = ["a"] });

        Assert.Equal(IncidentStatus.InProgress, updated.Status);
        Assert.Equal([503, 200], H.Emulator.Journal.Matching("PATCH", "/incidents/1000").Select(e => e.Status));
    }

    [Fact]
    public async Task An_update_with_a_comment_is_not_retried_on_a_server_error_and_is_never_half_applied()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        H.Emulator.Faults.Add(new FaultRule(FaultKind.InternalServerError, "/api/incidents/1000", "PATCH"));
        var update = new IncidentUpdate { Status = IncidentStatus.Resolved, Classification = IncidentClassification.FalsePositive, Determination = IncidentDetermination.Clean, Comment = "benign" };

        DefenderApiException ex = await H.ThrowsAsync<DefenderApiException>(() => client.LegacyIncidents.UpdateAsync(1000, update));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Single(H.Emulator.Journal.Matching("PATCH", "/api/incidents/1000"));
        DefenderIncident unchanged = await client.LegacyIncidents.GetAsync(1000);
        Assert.Equal((IncidentStatus.Active, 0), (unchanged.Status, unchanged.Comments.Count));

        DefenderIncident applied = await client.LegacyIncidents.UpdateAsync(1000, update); // the caller decides to try again
        Assert.Equal((IncidentStatus.Resolved, IncidentClassification.FalsePositive, 1), (applied.Status, applied.Classification, applied.Comments.Count));
    }

    [Fact]
    public async Task An_update_that_times_out_is_not_applied_behind_the_callers_back()
    {
        var clock = new TestClock();
        (DefenderClient client, _) = H.SecretClient(o => o.TimeProvider = clock);
        H.Emulator.Incidents.Seed(1);
        // The emulator holds the PATCH until the client gives up on it: only the client's attempt timeout ends it.
        FaultRule slow = H.Emulator.Faults.Add(new FaultRule(FaultKind.Slow, "/api/incidents/1000", "PATCH") { Delay = Timeout.InfiniteTimeSpan });

        Task<DefenderIncident> update = client.LegacyIncidents.UpdateAsync(1000, new IncidentUpdate { Status = IncidentStatus.Resolved, Comment = "late" });
        await Eventually.TrueAsync(() => slow.Hits == 1, "the emulator to hold the PATCH");
        clock.Advance(H.ClientOptions().Resilience.IncidentAttemptTimeout);
        await H.ThrowsAsync<DefenderTimeoutException>(() => Eventually.Finished(update));

        // Once the emulator has finished with the abandoned PATCH nothing can apply it any more; it was not sent again.
        await Eventually.TrueAsync(() => H.Emulator.Journal.Matching("PATCH", "/api/incidents/1000").Count == 1, "the emulator to end the abandoned PATCH");
        DefenderIncident incident = await client.LegacyIncidents.GetAsync(1000);
        Assert.Equal((IncidentStatus.Active, 0), (incident.Status, incident.Comments.Count));
        Assert.Equal(1, slow.Hits);
    }

    [Fact]
    public async Task Writing_without_the_write_permission_names_it_and_changes_nothing()
    {
        H.SecretApp("app-read-only", "SecurityIncident.Read.All");
        using DefenderClient client = H.Client(H.SecretAuthenticator("app-read-only"));
        H.Emulator.Incidents.Seed(1);

        Assert.Single(await client.Incidents.ListAsync().ToListAsync());
        DefenderPermissionException ex = await H.ThrowsAsync<DefenderPermissionException>(() =>
            client.Incidents.UpdateAsync("1000", new IncidentUpdate { Status = IncidentStatus.Resolved }));
        Assert.Equal("SecurityIncident.ReadWrite.All", ex.RequiredPermission);
        Assert.Equal("active", H.Emulator.Incidents.Find(1000)!.Status);
    }

    [Fact]
    public async Task A_429_on_an_incident_page_waits_and_continues()
    {
        var clock = new TestClock();
        (DefenderClient client, _) = H.SecretClient(o => o.TimeProvider = clock);
        H.Emulator.Incidents.Seed(60);
        H.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "/v1.0/security/incidents", "GET") { RetryAfterSeconds = 1, QueryContains = "$skip=50" });

        Task<List<SecurityIncident>> all = client.Incidents.ListAsync().ToListAsync().AsTask();
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // Retry-After on the second page
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(60, (await Eventually.Finished(all)).Count);
        Assert.Contains(H.Emulator.Journal.Entries, e => e.Status == 429);
    }
}
