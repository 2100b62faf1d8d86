using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>hunt --batch</c>: a folder of queries to files, its progress lines, resuming, refusals and exit codes.</summary>
public sealed class HuntBatchTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string SizeCapError = "Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.";
    private const string Range = "--from=2026-11-26T00:00:00Z";
    private readonly EmulatorFixture _fixture;
    private readonly CliHarness _cli;

    public HuntBatchTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliHarness(fixture.Session);
    }

    public void Dispose() => _cli.Dispose();

    private static CliHarness OwnTables()
    {
        var own = new CliHarness();
        own.Write("mine/DeviceProcessEvents.csv", """
            Timestamp,DeviceName,FileName,ProcessCommandLine,ProcessId
            2026-11-25T23:59:59Z,before,a.exe,a,1
            2026-11-26T00:00:00Z,at-start,a.exe,"say ""hi"", then go",2
            2026-11-26T06:00:00Z,on-a-boundary,b.exe,b,3
            2026-11-26T06:00:00Z,on-a-boundary,b.exe,b,3
            2026-11-26T23:59:59.9999999Z,last-tick,a.exe,a,4
            2026-11-27T00:00:00Z,at-end,a.exe,a,5
            """.ReplaceLineEndings("\n"));
        own.Write("queries/b-names.kql", "DeviceProcessEvents\n| project DeviceName, ProcessCommandLine");
        own.Write("queries/a-ids.kql", "DeviceProcessEvents | where FileName == \"a.exe\" | project ProcessId");
        own.Write("queries/notes.txt", "not a query");
        return own;
    }

    private static string[] Args(CliHarness own, params string[] more) =>
        ["hunt", "--batch", "queries", "--emulator", "--emulator-tables", Path.Combine(own.Folder, "mine"), Range, "--to", "2026-11-27T00:00:00Z", "--slice", "6h", .. (more.Contains("--out") ? more : [.. more, "--out", "out"])];

    [Fact]
    public async Task A_batch_writes_each_kql_file_of_the_folder_to_its_own_file_in_name_order()
    {
        using CliHarness own = OwnTables();

        CliResult ndjson = await own.RunAsync(Args(own));
        CliResult csv = await own.RunAsync(Args(own, "-o", "csv", "--out", "csv-out"));

        Assert.True(ndjson.ExitCode == 0, ndjson.ToString());
        Assert.Equal("{\"ProcessId\":2}\n{\"ProcessId\":4}\n", File.ReadAllText(Path.Combine(own.Folder, "out", "a-ids.ndjson")));
        Assert.Equal(
            "{\"DeviceName\":\"at-start\",\"ProcessCommandLine\":\"say \\\"hi\\\", then go\"}\n{\"DeviceName\":\"on-a-boundary\",\"ProcessCommandLine\":\"b\"}\n{\"DeviceName\":\"on-a-boundary\",\"ProcessCommandLine\":\"b\"}\n{\"DeviceName\":\"last-tick\",\"ProcessCommandLine\":\"a\"}\n",
            File.ReadAllText(Path.Combine(own.Folder, "out", "b-names.ndjson")));
        string[] err = [.. ndjson.Err.Split('\n').SkipWhile(l => !l.StartsWith('['))];
        Assert.Equal("[1/2] a-ids: started", err[0]);
        Assert.StartsWith("[1/2] a-ids: slice [2026-11-26T00:00:00Z, 2026-11-26T06:00:00Z) 1 rows; 1 rows, 25.0 % of the query, 12.5 % of the batch, ETA ", err[1], StringComparison.Ordinal);
        Assert.StartsWith("[1/2] a-ids: slice [2026-11-26T06:00:00Z, 2026-11-26T12:00:00Z) 0 rows; 1 rows, 50.0 % of the query, 25.0 % of the batch, ETA ", err[2], StringComparison.Ordinal);
        Assert.Equal("[1/2] a-ids: finished, 2 rows", err[5]);
        Assert.Equal("[2/2] b-names: started", err[6]);
        Assert.Equal("Batch complete: 2 queries, 6 rows from 2026-11-26T00:00:00Z to 2026-11-27T00:00:00Z in " + Path.Combine(own.Folder, "out") + ".", err[^2]);

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Equal("ProcessId\n2\n4\n", File.ReadAllText(Path.Combine(own.Folder, "csv-out", "a-ids.csv")));
        Assert.Equal("DeviceName,ProcessCommandLine\nat-start,\"say \"\"hi\"\", then go\"\non-a-boundary,b\non-a-boundary,b\nlast-tick,a\n", File.ReadAllText(Path.Combine(own.Folder, "csv-out", "b-names.csv")));
    }

    [Fact]
    public async Task On_a_terminal_the_progress_is_a_bar_per_query_and_one_for_the_batch()
    {
        using CliHarness own = OwnTables();
        own.ErrorIsTerminal = true;

        CliResult r = await own.RunAsync(Args(own));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\u001b[", r.Err, StringComparison.Ordinal);
        Assert.Contains("a-ids: 2 rows, finished", r.Err, StringComparison.Ordinal);
        Assert.Contains("b-names: 4 rows, finished", r.Err, StringComparison.Ordinal);
        Assert.Contains("batch: 2 queries, ETA", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("[1/2]", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_skips_finished_queries_and_keeps_the_range_recorded_by_since()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
        using CliHarness own = OwnTables();
        own.Time = time;
        string[] args = ["hunt", "--batch", "queries", "--out", "out", "--emulator", "--emulator-tables", Path.Combine(own.Folder, "mine"), "--since", "1d", "--slice", "6h"];
        CliResult first = await own.RunAsync(args);
        time.Advance(TimeSpan.FromHours(5));

        CliResult second = await own.RunAsync(args);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Contains("[1/2] a-ids: finished in an earlier run (2 rows); not run again\n[2/2] b-names: finished in an earlier run (4 rows); not run again\n", second.Err, StringComparison.Ordinal);
        Assert.Contains("Batch complete: 2 queries, 6 rows from 2026-11-26T00:00:00Z to 2026-11-27T00:00:00Z", second.Err, StringComparison.Ordinal);
        Assert.Equal("{\"ProcessId\":2}\n{\"ProcessId\":4}\n", File.ReadAllText(Path.Combine(own.Folder, "out", "a-ids.ndjson")));
    }

    [Fact]
    public async Task A_changed_query_or_a_corrupt_state_is_exit_2_and_restart_starts_over()
    {
        using CliHarness own = OwnTables();
        await own.RunAsync(Args(own));
        own.Write("queries/a-ids.kql", "DeviceProcessEvents | where FileName == \"b.exe\" | project ProcessId");

        CliResult changed = await own.RunAsync(Args(own));
        File.WriteAllText(Path.Combine(own.Folder, "out", ".hunting-batch.json"), "{\"version\":1}");
        CliResult corrupt = await own.RunAsync(Args(own));
        CliResult restarted = await own.RunAsync(Args(own, "--restart"));

        Assert.True(changed.ExitCode == 2, changed.ToString());
        Assert.Contains("records another batch: the text of query 'a-ids' changed. Nothing was run", changed.Err, StringComparison.Ordinal);
        Assert.EndsWith("--restart starts over.\n", changed.Err, StringComparison.Ordinal);
        Assert.True(corrupt.ExitCode == 2, corrupt.ToString());
        Assert.Contains(".hunting-batch.json is corrupt ('start' is missing or not a JSON String)", corrupt.Err, StringComparison.Ordinal);
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal("{\"ProcessId\":3}\n{\"ProcessId\":3}\n", File.ReadAllText(Path.Combine(own.Folder, "out", "a-ids.ndjson")));
    }

    [Fact]
    public async Task Every_query_that_cannot_be_sliced_is_named_before_anything_runs()
    {
        _cli.Write("queries/1-ok.kql", "DeviceProcessEvents | where FileName == \"x\"");
        _cli.Write("queries/2-counts.kql", "DeviceProcessEvents | summarize count() by DeviceName");
        _cli.Write("queries/3-top.kql", "DeviceProcessEvents\n| top 5 by Timestamp");

        CliResult r = await _cli.RunAsync("hunt", "--batch", "queries", "--out", "out", "--emulator", "--since", "1d");

        Assert.True(r.ExitCode == 2, r.ToString());
        string[] err = r.Err.Split('\n');
        Assert.Equal("error: 2 of the 3 queries of the batch cannot be run in time slices; nothing was run:", err[0]);
        Assert.StartsWith("  2-counts.kql: The query cannot be run in time slices: 'summarize' aggregates over the whole result", err[1], StringComparison.Ordinal);
        Assert.EndsWith("(line 1, column 23).", err[1], StringComparison.Ordinal);
        Assert.StartsWith("  3-top.kql: The query cannot be run in time slices: 'top'", err[2], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "out")));
    }

    [Theory]
    [InlineData("--batch needs --out <dir>: the folder of the output files.", "--batch", "queries", "--since", "1d")]
    [InlineData("--batch writes ndjson or csv files: -o json does not apply.", "--batch", "queries", "--out", "o", "--since", "1d", "-o", "json")]
    [InlineData("--batch needs a range: --since 7d, or --from (and --to).", "--batch", "queries", "--out", "o")]
    [InlineData("The batch folder missing does not exist.", "--batch", "missing", "--out", "o", "--since", "1d")]
    [InlineData("The batch folder empty has no .kql files.", "--batch", "empty", "--out", "o", "--since", "1d")]
    [InlineData("--out applies to a batch: add --batch <folder>.", "DeviceProcessEvents", "--out", "o")]
    [InlineData("--restart applies to a batch: add --batch <folder>.", "DeviceProcessEvents", "--restart")]
    [InlineData("a query argument, --timespan and --limit do not apply.", "DeviceProcessEvents", "--batch", "queries", "--out", "o", "--since", "1d")]
    [InlineData("a query argument, --timespan and --limit do not apply.", "--batch", "queries", "--out", "o", "--since", "1d", "--limit", "3")]
    [InlineData("hunt needs a query: the KQL, @path to a .kql file, or --batch <folder>.")]
    public async Task Bad_folders_and_options_are_exit_2_naming_them(string message, params string[] options)
    {
        _cli.Write("queries/q.kql", "DeviceProcessEvents | where FileName == \"x\"");
        Directory.CreateDirectory(Path.Combine(_cli.Folder, "empty"));

        CliResult r = await _cli.RunAsync(["hunt", "--emulator", .. options]);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public async Task A_strict_batch_with_a_failed_slice_exits_4_and_a_lenient_one_0_with_the_gaps()
    {
        _fixture.Session.Emulator.Hunting.When("BatchSplitProbe", new HuntingScript { Error = SizeCapError });
        _cli.Write("queries/probe.kql", "DeviceProcessEvents | where FileName == \"BatchSplitProbe\"");
        string[] args = ["hunt", "--batch", "queries", "--emulator", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-26T00:02:00Z", "--slice", "2m"];

        CliResult strict = await _cli.RunAsync([.. args, "--out", "strict"]);
        CliResult lenient = await _cli.RunAsync([.. args, "--out", "lenient", "--lenient"]);

        Assert.True(strict.ExitCode == 4, strict.ToString());
        Assert.Contains("[1/1] probe: stopped at a failed slice: The sliced run stopped at a failed slice [2026-11-26T00:00:00Z, 2026-11-26T00:01:00Z)", strict.Err, StringComparison.Ordinal);
        Assert.Contains("warning: probe: partial; the rows of these ranges are missing:\n  [2026-11-26T00:00:00Z, 2026-11-26T00:02:00Z)\n", strict.Err, StringComparison.Ordinal);
        Assert.Contains("error: the batch stopped at a failed slice (0 rows from 2026-11-26T00:00:00Z to 2026-11-26T00:02:00Z so far). Run the same command again to resume from it", strict.Err, StringComparison.Ordinal);
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("warning: probe: partial; the rows of these ranges are missing:\n  [2026-11-26T00:00:00Z, 2026-11-26T00:02:00Z)\nBatch finished with gaps: 1 queries, 0 rows", lenient.Err, StringComparison.Ordinal);
    }
}
