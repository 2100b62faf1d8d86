using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Cli.Emulation;
using Defender365Typed.Cli.Output;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Cli.Tests;

/// <summary>incidents, hunt and auth with <c>--emulator</c>, against one shared in-process emulator.</summary>
public sealed class EmulatorCommandTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly CliHarness _cli;

    public EmulatorCommandTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliHarness(fixture.Session);
    }

    private DefenderEmulator Emulator => _fixture.Session.Emulator;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Incidents_list_shows_every_incident_newest_first()
    {
        CliResult r = await _cli.RunAsync("incidents", "list", "--emulator");
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] ids = r.Out.Split('\n').Skip(2).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4} ")).Select(l => l[..4]).ToArray();
        Assert.Equal(["4990", "5001", "5002", "5003", "5004"], ids.Order().ToArray());
        Assert.Equal("5003", ids[0]); // the synthetic tenant's newest incident
        Assert.Contains("5 incidents.", r.Out);
    }

    [Fact]
    public async Task Incidents_list_filters_by_status_severity_limit_and_raw_odata()
    {
        CliResult active = await _cli.RunAsync("incidents", "list", "--emulator", "--status", "active", "--severity", "high", "-o", "json");
        Assert.True(active.ExitCode == 0, active.ToString());
        using (JsonDocument doc = JsonDocument.Parse(active.Out))
        {
            Assert.All(doc.RootElement.EnumerateArray(), i =>
            {
                Assert.Equal("high", i.GetProperty("severity").GetString());
                Assert.Equal("active", i.GetProperty("status").GetString());
            });
        }

        CliResult limited = await _cli.RunAsync("incidents", "list", "--emulator", "--limit", "2");
        Assert.Contains("2 incidents.", limited.Out);

        CliResult raw = await _cli.RunAsync("incidents", "list", "--emulator", "--filter", "severity eq 'informational'");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Contains("4990", raw.Out);
        Assert.Contains("1 incident.", raw.Out);
        Assert.Contains(Emulator.Journal.Entries, e => e.Query.Contains("$filter=severity eq 'informational'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incidents_get_shows_the_incident_and_its_alerts()
    {
        CliResult r = await _cli.RunAsync("incidents", "get", "5002", "--emulator");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("Incident 5002: RDP brute force against an internet-facing server\n", r.Out);
        Assert.Contains("Alerts (1):", r.Out);

        CliResult missing = await _cli.RunAsync("incidents", "get", "999999", "--emulator");
        Assert.Equal(4, missing.ExitCode);
        Assert.StartsWith("error: ", missing.Err.Split('\n').Last(l => l.Length > 0));
    }

    [Fact]
    public async Task Incidents_update_changes_the_incident_and_adds_the_comment()
    {
        CliResult r = await _cli.RunAsync("incidents", "update", "5001", "--emulator", "--status", "resolved", "--assigned-to", "soc@contoso.example",
            "--classification", "truePositive", "--determination", "compromisedUser", "--tag", "cli", "--tag", "reviewed", "--comment", "Reset the password.");
        Assert.True(r.ExitCode == 0, r.ToString());
        EmulatedIncident incident = Emulator.Incidents.Find(5001)!;
        Assert.Equal("resolved", incident.Status);
        Assert.Equal("soc@contoso.example", incident.AssignedTo);
        Assert.Equal("truePositive", incident.Classification);
        Assert.Equal("compromisedUser", incident.Determination);
        Assert.Equal(["cli", "reviewed"], incident.CustomTags);
        Assert.Equal("Reset the password.", Assert.Single(incident.Comments).Comment);
        Assert.Contains("Updated incident 5001: status resolved", r.Out);
        Assert.Contains("Added a comment to incident 5001", r.Out);
    }

    [Theory]
    [InlineData("--classification", "falsePositive", "--determination", "malware")]
    [InlineData("--determination", "malware")]
    public async Task An_invalid_classification_and_determination_sends_nothing(params string[] options)
    {
        int before = Emulator.Journal.Entries.Count(e => e.Path.Contains("/incidents/5003", StringComparison.Ordinal));
        CliResult r = await _cli.RunAsync(["incidents", "update", "5003", "--emulator", "--status", "resolved", "--comment", "should not be sent", .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Nothing was sent", r.Err, StringComparison.OrdinalIgnoreCase);
        EmulatedIncident incident = Emulator.Incidents.Find(5003)!;
        Assert.Equal("active", incident.Status);
        Assert.Empty(incident.Comments);
        Assert.Equal(before, Emulator.Journal.Entries.Count(e => e.Path.Contains("/incidents/5003", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("incidents", "update", "--status", "resolved")]
    [InlineData("incidents", "close", "--reason", "Resolved")]
    [InlineData("alerts", "update", "--status", "resolved")]
    public async Task A_blank_comment_is_exit_2_with_one_message_for_every_update_command_and_sends_nothing(string noun, string verb, string option, string value)
    {
        EmulatedIncident incident = Emulator.Incidents.Find(5003)!;
        string id = noun == "alerts" ? incident.Alerts[0].Id : "5003";
        int Changes() => Emulator.Journal.Entries.Count(e => e.Method != "GET" && (e.Path.Contains("incidents", StringComparison.OrdinalIgnoreCase) || e.Path.Contains("alerts", StringComparison.OrdinalIgnoreCase)));
        int before = Changes();
        CliResult r = await _cli.RunAsync(noun, verb, id, "--emulator", option, value, "--comment", "   ");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--comment is empty; nothing was sent.", r.Err, StringComparison.Ordinal);
        Assert.Equal(before, Changes());
        Assert.Equal("active", incident.Status);
    }

    [Fact]
    public async Task An_invalid_enum_value_is_exit_2_and_names_the_valid_ones()
    {
        CliResult r = await _cli.RunAsync("incidents", "list", "--emulator", "--status", "bogus");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--status: 'bogus' is not valid; use one of active, inProgress, resolved", r.Err);
        Assert.Equal(string.Empty, r.Out);

        CliResult update = await _cli.RunAsync("incidents", "update", "5004", "--emulator", "--status", "redirected");
        Assert.Equal(2, update.ExitCode);
        Assert.Equal("resolved", Emulator.Incidents.Find(5004)!.Status);
    }

    [Fact]
    public async Task Update_help_and_validation_come_from_the_clients_incident_values()
    {
        CliResult help = await _cli.RunAsync("incidents", "update", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        string text = System.Text.RegularExpressions.Regex.Replace(help.Out, @"\s+", " ");
        Assert.Contains("New status: active, inProgress, resolved.", text);
        Assert.Contains("falsePositive: clean, insufficientData, other; truePositive: multiStagedAttack, maliciousUserActivity, compromisedUser, malware, phishing, unwantedSoftware, other;", text);

        // apt is a documented determination, but no classification allows setting it.
        CliResult apt = await _cli.RunAsync("incidents", "update", "5003", "--emulator", "--classification", "truePositive", "--determination", "apt");
        Assert.Equal(2, apt.ExitCode);
        Assert.Contains("--determination: 'apt' is not valid; use one of unknown, clean, insufficientData, other, multiStagedAttack", apt.Err);
    }

    [Fact]
    public async Task An_unknown_option_is_exit_2()
    {
        CliResult r = await _cli.RunAsync("incidents", "list", "--emulator", "--colour", "red");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unrecognized command or argument '--colour'", r.Err);
        Assert.Contains("Run 'defender365 incidents list --help' for usage.", r.Err);
    }

    [Fact]
    public async Task Hunt_prints_a_table_json_or_csv()
    {
        CliResult table = await _cli.RunAsync("hunt", DemoQueries.SampleQuery, "--emulator");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^Timestamp +DeviceName +AccountName +FileName +ProcessId\n", table.Out);
        Assert.Contains("10 rows.", table.Out);

        CliResult json = await _cli.RunAsync("hunt", DemoQueries.SampleQuery, "--emulator", "--output", "json", "--limit", "3");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (JsonDocument doc = JsonDocument.Parse(json.Out))
        {
            Assert.Equal(3, doc.RootElement.GetArrayLength());
            Assert.Equal("powershell.exe", doc.RootElement[0].GetProperty("FileName").GetString());
        }

        Assert.Contains("Showing the first 3 rows", json.Err);

        _cli.Write("q.kql", DemoQueries.SampleQuery);
        CliResult csv = await _cli.RunAsync("hunt", "@q.kql", "--emulator", "-o", "csv", "--timespan", "7d");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        string[] lines = csv.Out.Split("\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Timestamp,DeviceName,AccountName,FileName,ProcessId", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.Contains(Emulator.Hunting.Received, q => q.Timespan == "P7D");
    }

    [Fact]
    public async Task Hunt_csv_quotes_commas_quotes_and_line_breaks()
    {
        Emulator.Hunting.When("CsvQuotingProbe", new HuntingScript
        {
            Rows = () =>
            [
                ["a,b", "say \"hi\"", 1L],
                ["line1\nline2", null, 2L],
                ["plain", "", 3L],
            ],
        }.Column("Name", "String").Column("Note", "String").Column("Count", "Int64"));
        CliResult r = await _cli.RunAsync("hunt", "CsvQuotingProbe", "--emulator", "-o", "csv");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("Name,Note,Count\n\"a,b\",\"say \"\"hi\"\"\",1\n\"line1\nline2\",,2\nplain,,3\n", r.Out);
    }

    [Fact]
    public async Task Hunt_streams_a_large_result_as_json_and_csv()
    {
        const int Rows = 20_000;
        Emulator.Hunting.When("LargeResultProbe", new HuntingScript
        {
            Rows = () => Enumerable.Range(0, Rows).Select(i => new object?[] { $"device-{i}", (long)i, i % 2 == 0 ? "x\"y" : null }),
        }.Column("DeviceName", "String").Column("N", "Int64").Column("Odd", "String"));

        CliResult json = await _cli.RunAsync("hunt", "LargeResultProbe", "--emulator", "-o", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (JsonDocument doc = JsonDocument.Parse(json.Out))
        {
            Assert.Equal(Rows, doc.RootElement.GetArrayLength());
            JsonElement last = doc.RootElement[Rows - 1];
            Assert.Equal($"device-{Rows - 1}", last.GetProperty("DeviceName").GetString());
            Assert.Equal(Rows - 1, last.GetProperty("N").GetInt64());
            Assert.Equal(JsonValueKind.Null, last.GetProperty("Odd").ValueKind);
            Assert.Equal("x\"y", doc.RootElement[0].GetProperty("Odd").GetString());
        }

        CliResult csv = await _cli.RunAsync("hunt", "LargeResultProbe", "--emulator", "-o", "csv");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        string[] lines = csv.Out.Split('\n');
        Assert.Equal(Rows + 2, lines.Length); // header, rows, and the empty string after the last line feed
        Assert.Equal("DeviceName,N,Odd", lines[0]);
        Assert.Equal("device-0,0,\"x\"\"y\"", lines[1]);
        Assert.Equal($"device-{Rows - 1},{Rows - 1},", lines[Rows]);
    }

    [Fact]
    public async Task Hunt_json_with_no_rows_is_an_empty_array()
    {
        Emulator.Hunting.When("EmptyResultProbe", new HuntingScript().Column("Name", "String"));
        CliResult r = await _cli.RunAsync("hunt", "EmptyResultProbe", "--emulator", "-o", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("[]\n", r.Out);
    }

    [Fact]
    public async Task Hunt_query_errors_are_exit_4_and_bad_input_exit_2()
    {
        CliResult unsupported = await _cli.RunAsync("hunt", "DeviceLogonEvents | sample 3", "--emulator");
        Assert.Equal(4, unsupported.ExitCode);
        Assert.Contains("unsupported operator 'sample'", unsupported.Err);

        CliResult missing = await _cli.RunAsync("hunt", "@missing.kql", "--emulator");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("The query file missing.kql does not exist.", missing.Err);

        CliResult timespan = await _cli.RunAsync("hunt", "T | take 1", "--timespan", "a week");
        Assert.Equal(2, timespan.ExitCode);
        Assert.Contains("--timespan: 'a week' is not a time range", timespan.Err);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_long_hunt_shows_a_progress_line_only_on_a_terminal(bool terminal)
    {
        // The query "takes" 1 s of the run's fake clock: the emulator advances it while answering, which draws the
        // progress line's first frame (due after 1 s) before the rows arrive. No wall-clock wait.
        var clock = new FakeTimeProvider();
        string probe = $"ProgressProbe{terminal}";
        Emulator.Hunting.When(probe, new HuntingScript { Rows = () => { clock.Advance(ProgressLine.Delay); return [["a"], ["b"]]; } }
            .Column("Name", "String"));
        _cli.ErrorIsTerminal = terminal;
        _cli.Time = clock;
        CliResult r = await _cli.RunAsync("hunt", probe + " | take 2", "--emulator");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("Name\n----\na\nb\n2 rows.\n", r.Out);
        if (terminal)
        {
            // Only the first frame (after any sign-in prompt), cleared before the table.
            Assert.EndsWith("\n\r- Running hunting query... 1s\r\u001b[2K", "\n" + r.Err, StringComparison.Ordinal);
            Assert.Equal(2, r.Err.Count(c => c == '\r')); // one frame and the clear
        }
        else
        {
            Assert.DoesNotContain("\r", r.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("Running hunting query", r.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Auth_login_test_and_status_against_the_emulator()
    {
        CliResult login = await _cli.RunAsync("auth", "login", "--emulator");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("enter the code", login.Err);
        Assert.Contains("Signed in (deviceCode) as analyst@contoso.example", login.Out);

        CliResult test = await _cli.RunAsync("auth", "test", "--emulator");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.StartsWith("OK: analyst@contoso.example", test.Out);

        CliResult status = await _cli.RunAsync("auth", "status", "--emulator");
        Assert.Contains("Emulator:", status.Out);
    }

    [Fact]
    public async Task A_client_secret_comes_from_the_environment_and_is_never_shown()
    {
        const string Secret = "s3cr3t~value~never~printed";
        _cli.Environment["DEFENDER365_CLIENT_SECRET"] = Secret;
        CliResult login = await _cli.RunAsync("auth", "login", "--emulator", "--client-secret");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Signed in (clientSecret) as the app", login.Out);
        Assert.DoesNotContain(Secret, login.Out + login.Err);
        Assert.Equal(0, _cli.SecretPrompts);
    }
}
