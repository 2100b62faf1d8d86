using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>alerts list|get|update</c> and <c>incidents close</c> with <c>--emulator</c> (issue 16, items 2 and 4).</summary>
public sealed class AlertCommandTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly CliHarness _cli;

    public AlertCommandTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliHarness(fixture.Session);
    }

    private DefenderEmulator Emulator => _fixture.Session.Emulator;

    public void Dispose() => _cli.Dispose();

    private int Sent(string pathPart) => Emulator.Journal.Entries.Count(e => e.Path.Contains(pathPart, StringComparison.Ordinal) && e.Method != "GET");

    [Fact]
    public async Task Alerts_list_shows_the_incidents_alerts_and_filters()
    {
        int total = Emulator.Incidents.All().Sum(i => i.Alerts.Count);
        CliResult r = await _cli.RunAsync("alerts", "list", "--emulator");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"{total} alerts.", r.Out);

        EmulatedAlert first = Emulator.Incidents.Find(5002)!.Alerts[0];
        CliResult json = await _cli.RunAsync("alerts", "list", "--emulator", "--severity", first.Severity, "--service-source", first.ServiceSource, "-o", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument doc = JsonDocument.Parse(json.Out);
        Assert.Contains(doc.RootElement.EnumerateArray(), a => a.GetProperty("id").GetString() == first.Id && a.GetProperty("incidentId").GetString() == "5002");
        Assert.All(doc.RootElement.EnumerateArray(), a => Assert.Equal(first.Severity, a.GetProperty("severity").GetString()));

        CliResult count = await _cli.RunAsync("alerts", "list", "--emulator", "--count");
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), count.Out.Trim());
    }

    [Fact]
    public async Task Alerts_get_shows_evidence_and_update_changes_the_alert()
    {
        string id = Emulator.Incidents.Find(5001)!.Alerts[0].Id;
        CliResult get = await _cli.RunAsync("alerts", "get", id, "--emulator");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.StartsWith($"Alert {id}: ", get.Out);
        Assert.Contains("Incident:       5001", get.Out);
        Assert.Contains("Evidence (1):\n    process 4242 powershell.exe -enc SQBFAFgA", get.Out);

        CliResult update = await _cli.RunAsync("alerts", "update", id, "--emulator", "--status", "resolved", "--classification", "truePositive",
            "--determination", "malware", "--assigned-to", "soc@contoso.example", "--comment", "Contained.");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains($"Updated alert {id}: status resolved, assigned to soc@contoso.example, classification truePositive, determination malware.", update.Out);
        Assert.Contains($"Added a comment to alert {id} (1 comments).", update.Out);
        EmulatedAlert stored = Emulator.Incidents.Find(5001)!.Alerts[0];
        Assert.Equal(("resolved", "truePositive", "malware"), (stored.Status, stored.Classification, stored.Determination));
        Assert.Equal("Contained.", Assert.Single(stored.Comments).Comment);
    }

    [Theory]
    [InlineData("--classification", "falsePositive", "--determination", "malware")]
    [InlineData("--determination", "malware")]
    [InlineData("--status", "active")]
    public async Task An_invalid_alert_update_is_exit_2_and_sends_nothing(params string[] options)
    {
        string id = Emulator.Incidents.Find(5003)!.Alerts[0].Id;
        int before = Sent("/alerts_v2/");
        CliResult r = await _cli.RunAsync(["alerts", "update", id, "--emulator", "--comment", "should not be sent", .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(before, Sent("/alerts_v2/"));
        Assert.Empty(Emulator.Incidents.Find(5003)!.Alerts[0].Comments);
    }

    [Fact]
    public async Task Incidents_close_resolves_with_the_reasons_pair()
    {
        CliResult r = await _cli.RunAsync("incidents", "close", "5002", "--emulator", "--reason", "false positive",
            "--mapping", "Resolved=TruePositive-Malware, False Positive=FalsePositive-NotMalicious", "--comment", "Closed from the ticket.");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Closed incident 5002 as 'False Positive': status resolved, classification falsePositive, determination clean.", r.Out);
        EmulatedIncident incident = Emulator.Incidents.Find(5002)!;
        Assert.Equal(("resolved", "falsePositive", "clean"), (incident.Status, incident.Classification, incident.Determination));
        Assert.Equal("Closed from the ticket.", Assert.Single(incident.Comments).Comment);

        CliResult byDefault = await _cli.RunAsync("incidents", "close", "4990", "--emulator", "--reason", "Duplicate");
        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Equal(("resolved", "unknown", "unknown"), (Emulator.Incidents.Find(4990)!.Status, Emulator.Incidents.Find(4990)!.Classification, Emulator.Incidents.Find(4990)!.Determination));
    }

    [Theory]
    [InlineData("Resolved TruePositive-Malware", "--mapping: Close-reason entry 'Resolved TruePositive-Malware' has no '='")]
    [InlineData("Resolved=TruePositive", "--mapping: Close-reason entry 'Resolved=TruePositive' needs 'Classification-Determination'")]
    [InlineData("Resolved=FalsePositive-Malware", "--mapping: Close reason 'Resolved': 'FalsePositive-Malware' is not a valid classification-determination pair; FalsePositive allows Clean, InsufficientData, Other.")]
    [InlineData("Other=Unknown-NotAvailable", "--reason: unknown close reason 'Resolved'; the mapping has 'Other'.")]
    public async Task Incidents_close_with_a_bad_mapping_or_reason_is_exit_2_and_sends_nothing(string mapping, string message)
    {
        int before = Sent("/incidents/5004");
        CliResult r = await _cli.RunAsync("incidents", "close", "5004", "--emulator", "--reason", "Resolved", "--mapping", mapping, "--comment", "no");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: " + message, r.Err, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", r.Err, StringComparison.Ordinal);
        Assert.Equal(before, Sent("/incidents/5004"));
        Assert.Empty(Emulator.Incidents.Find(5004)!.Comments);
    }

    [Fact]
    public async Task Incidents_close_without_a_reason_or_with_an_unknown_default_reason_is_exit_2()
    {
        int before = Sent("/incidents/");
        CliResult missing = await _cli.RunAsync("incidents", "close", "5004", "--emulator");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--reason", missing.Err, StringComparison.Ordinal);

        CliResult unknown = await _cli.RunAsync("incidents", "close", "5004", "--emulator", "--reason", "Fixed");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown close reason 'Fixed'; the mapping has 'Resolved', 'False Positive', 'Other', 'Duplicate'.", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(before, Sent("/incidents/"));
    }

    [Fact]
    public async Task Help_describes_alerts_and_the_close_mapping()
    {
        CliResult alerts = await _cli.RunAsync("alerts", "--help");
        Assert.True(alerts.ExitCode == 0, alerts.ToString());
        Assert.Contains("alerts_v2", alerts.Out, StringComparison.Ordinal);
        CliResult close = await _cli.RunAsync("incidents", "close", "--help");
        string text = System.Text.RegularExpressions.Regex.Replace(close.Out, @"\s+", " ");
        Assert.Contains("Resolved=TruePositive-Malware, False Positive=FalsePositive-NotMalicious", text, StringComparison.Ordinal);
        Assert.Contains("Resolved, False Positive=FalsePositive-Other, Other=Unknown-NotAvailable, Duplicate=Unknown-NotAvailable", text, StringComparison.Ordinal);
    }
}
