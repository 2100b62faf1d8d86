using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>hunt --split auto</c>: a time-sliced run, its outcome on stderr and its exit code.</summary>
public sealed class HuntSplitTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string SizeCapError = "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.";
    private readonly EmulatorFixture _fixture;
    private readonly CliHarness _cli;

    public HuntSplitTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliHarness(fixture.Session);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_sliced_run_prints_the_rows_of_the_half_open_range_and_a_complete_outcome()
    {
        using var own = new CliHarness();
        own.Write("mine/DeviceProcessEvents.csv", """
            Timestamp,DeviceName,FileName,ProcessCommandLine,ProcessId
            2026-11-25T23:59:59Z,before,a.exe,a,1
            2026-11-26T00:00:00Z,at-start,a.exe,a,2
            2026-11-26T06:00:00Z,on-a-boundary,a.exe,a,3
            2026-11-26T06:00:00Z,on-a-boundary,a.exe,a,3
            2026-11-26T23:59:59.9999999Z,last-tick,a.exe,a,4
            2026-11-27T00:00:00Z,at-end,a.exe,a,5
            """.ReplaceLineEndings("\n"));

        CliResult r = await own.RunAsync("hunt", "DeviceProcessEvents | project DeviceName, ProcessId", "--emulator", "--emulator-tables", Path.Combine(own.Folder, "mine"),
            "--split", "auto", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-27T00:00:00Z", "--slice", "6h", "-o", "json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument rows = JsonDocument.Parse(r.Out);
        Assert.Equal(["at-start", "on-a-boundary", "on-a-boundary", "last-tick"], rows.RootElement.EnumerateArray().Select(e => e.GetProperty("DeviceName").GetString()));
        Assert.Contains("Sliced run complete: 4 rows from 2026-11-26T00:00:00Z to 2026-11-27T00:00:00Z in 4 slices (0 halved).", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_with_summarize_is_refused_naming_the_operator()
    {
        CliResult r = await _cli.RunAsync("hunt", "DeviceProcessEvents | summarize count() by DeviceName", "--emulator", "--split", "auto", "--since", "1d");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: The query cannot be run in time slices: 'summarize' aggregates over the whole result", r.Err, StringComparison.Ordinal);
        Assert.Contains("(line 1, column 23).", r.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public async Task A_table_without_a_Timestamp_is_refused_naming_it()
    {
        CliResult r = await _cli.RunAsync("hunt", "DeviceTvmSoftwareInventory | where SoftwareVendor == \"contoso\"", "--emulator", "--split", "auto", "--since", "1d");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: The query cannot be run in time slices: the table 'DeviceTvmSoftwareInventory' has no Timestamp column (in the documented schema)", r.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }

    [Theory]
    [InlineData("--split auto needs a range: --since 7d, or --from (and --to).", "--split", "auto")]
    [InlineData("--since and --from do not go together", "--split", "auto", "--since", "1d", "--from", "2026-11-26T00:00:00Z")]
    [InlineData("--to needs --from", "--split", "auto", "--to", "2026-11-26T00:00:00Z")]
    [InlineData("The range is empty: --to (2026-11-25T00:00:00Z) must be after --from (2026-11-26T00:00:00Z).", "--split", "auto", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-25T00:00:00Z")]
    [InlineData("--since applies to a sliced run: add --split auto.", "--since", "1d")]
    [InlineData("--timespan and --split auto do not go together", "--split", "auto", "--since", "1d", "--timespan", "7d")]
    [InlineData("--slice (00:00:30) must be at least --min-slice (00:01:00).", "--split", "auto", "--since", "1d", "--slice", "30s")]
    [InlineData("--min-slice: '0m' is not a duration", "--split", "auto", "--since", "1d", "--min-slice", "0m")]
    [InlineData("--split: 'manual' is not valid; use one of auto.", "--split", "manual", "--since", "1d")]
    public async Task Bad_ranges_and_options_are_exit_2_naming_them(string message, params string[] options)
    {
        CliResult r = await _cli.RunAsync(["hunt", "DeviceProcessEvents | where FileName == \"x\"", "--emulator", .. options]);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public async Task A_strict_run_with_a_failed_slice_prints_the_gap_and_exits_4()
    {
        _fixture.Session.Emulator.Hunting.When("StrictSplitProbe", new HuntingScript { Error = SizeCapError });

        CliResult r = await _cli.RunAsync("hunt", "DeviceProcessEvents | where FileName == \"StrictSplitProbe\"", "--emulator",
            "--split", "auto", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-26T00:02:00Z", "--slice", "2m");

        Assert.True(r.ExitCode == 4, r.ToString());
        string[] err = Outcome(r).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("warning: partial result: 0 rows; the rows of these ranges are missing:", err[0]);
        Assert.Equal("  [2026-11-26T00:00:00Z, 2026-11-26T00:01:00Z): the slice's result exceeded the service's size cap, and its halves would be shorter than the minimum slice (00:01:00)", err[1]);
        Assert.StartsWith("error: the sliced run stopped at the failed slice; the range from 2026-11-26T00:00:00Z to 2026-11-26T00:02:00Z was not run.", err[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lenient_run_reports_every_gap_and_exits_0()
    {
        _fixture.Session.Emulator.Hunting.When("LenientSplitProbe", new HuntingScript { Error = SizeCapError });

        CliResult r = await _cli.RunAsync("hunt", "DeviceProcessEvents | where FileName == \"LenientSplitProbe\"", "--emulator",
            "--split", "auto", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-26T00:02:00Z", "--slice", "2m", "--lenient");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(
            "warning: partial result: 0 rows; the rows of these ranges are missing:\n"
            + "  [2026-11-26T00:00:00Z, 2026-11-26T00:01:00Z): the slice's result exceeded the service's size cap, and its halves would be shorter than the minimum slice (00:01:00)\n"
            + "  [2026-11-26T00:01:00Z, 2026-11-26T00:02:00Z): the slice's result exceeded the service's size cap, and its halves would be shorter than the minimum slice (00:01:00)\n",
            Outcome(r));
    }

    /// <summary>Stderr from the outcome on (a first sign-in's device code text may come before it).</summary>
    private static string Outcome(CliResult r)
    {
        int at = r.Err.IndexOf("warning: partial result", StringComparison.Ordinal);
        Assert.True(at >= 0, r.ToString());
        return r.Err[at..];
    }
}
