using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>incidents sync</c> against the in-process emulator.</summary>
public sealed class IncidentSyncCommandTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly CliHarness _cli;

    public IncidentSyncCommandTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliHarness(fixture.Session);
    }

    private DefenderEmulator Emulator => _fixture.Session.Emulator;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sync_prints_one_line_per_change_saves_the_cursor_and_a_second_run_prints_only_what_changed()
    {
        string cursor = Path.Combine(_cli.Folder, "state", "cursor.json");
        CliResult first = await _cli.RunAsync("incidents", "sync", "--emulator", "--cursor", cursor, "--first-fetch", "2000-01-01T00:00:00Z");
        Assert.True(first.ExitCode == 0, first.ToString());
        JsonElement[] events = [.. first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        int incidents = Emulator.Incidents.All().Count;
        Assert.Equal(incidents, events.Length);
        Assert.Equal(Emulator.Incidents.All().Select(i => i.LastUpdateDateTime).Order(), events.Select(e => e.GetProperty("lastUpdateDateTime").GetDateTimeOffset()));
        Assert.All(events, e => Assert.Contains(e.GetProperty("event").GetString(), new[] { "created", "updated" }));
        IncidentSyncCursor saved = IncidentSyncCursor.Parse(await File.ReadAllTextAsync(cursor));
        Assert.Equal(Emulator.Incidents.All().Max(i => i.LastUpdateDateTime), saved.HighWater);

        CliResult quiet = await _cli.RunAsync("incidents", "sync", "--emulator", "--cursor", cursor);
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Equal(string.Empty, quiet.Out);

        EmulatedIncident changed = Emulator.Incidents.All()[^1];
        changed.LastUpdateDateTime = saved.HighWater!.Value.AddMinutes(1);
        changed.AssignedTo = "analyst1@contoso.example";
        CliResult table = await _cli.RunAsync("incidents", "sync", "--emulator", "--cursor", cursor, "-o", "table");
        Assert.True(table.ExitCode == 0, table.ToString());
        string line = Assert.Single(table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("updated  " + changed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_reports_an_expand_fallback_on_stderr_and_still_counts_alerts()
    {
        string cursor = Path.Combine(_cli.Folder, "cursor.json");
        FaultRule fault = Emulator.Faults.Add(IncidentFaults.ExpandAlertsOnList(times: 1));
        CliResult r = await _cli.RunAsync("incidents", "sync", "--emulator", "--cursor", cursor, "--first-fetch", "2000-01-01T00:00:00Z", "-o", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(1, fault.Hits);
        Assert.Contains("1 expand fallbacks", r.Err, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        Assert.Contains(doc.RootElement.EnumerateArray(), e => e.GetProperty("alerts").GetInt32() > 0);
    }

    [Theory]
    [InlineData("{\"format\":\"defender365.incident-sync-cursor\",\"version\":1,\"api\":\"gra", "is not valid JSON")]
    [InlineData("[1,2,3]", "is not valid JSON")]
    [InlineData("{\"hello\":\"world\"}", "\"format\" is missing")]
    [InlineData("", "is empty")]
    public async Task A_corrupt_cursor_file_exits_2_naming_the_file_and_nothing_is_sent(string content, string problem)
    {
        string cursor = _cli.Write("bad-cursor.json", content);
        int before = Emulator.Journal.Entries.Count(e => e.Path.Contains("/security/incidents", StringComparison.Ordinal));

        CliResult r = await _cli.RunAsync("incidents", "sync", "--emulator", "--cursor", cursor);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(cursor, r.Err, StringComparison.Ordinal);
        Assert.Contains(problem, r.Err, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", r.Err, StringComparison.Ordinal);
        Assert.Equal(before, Emulator.Journal.Entries.Count(e => e.Path.Contains("/security/incidents", StringComparison.Ordinal)));
        Assert.Equal(content, await File.ReadAllTextAsync(cursor)); // left as it was
    }

    [Theory]
    [InlineData("--max", "0", "--max must be at least 1.")]
    [InlineData("--interval", "soon", "--interval: 'soon' is not a duration")]
    [InlineData("--first-fetch", "yesterday", "--first-fetch: 'yesterday' is not a time")]
    public async Task Bad_options_exit_2_with_the_option_named(string option, string value, string message)
    {
        CliResult r = await _cli.RunAsync("incidents", "sync", "--emulator", "--cursor", Path.Combine(_cli.Folder, "c.json"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_describes_the_cursor_the_output_formats_and_follow_mode()
    {
        CliResult r = await _cli.RunAsync("incidents", "sync", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--cursor <file>", r.Out, StringComparison.Ordinal);
        Assert.Contains("--follow", r.Out, StringComparison.Ordinal);
        Assert.Contains("--interval <duration>", r.Out, StringComparison.Ordinal);
        Assert.Contains("ndjson", r.Out, StringComparison.Ordinal);
        Assert.Contains("exit 2", r.Out, StringComparison.Ordinal);
    }
}
