using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Client.Tests.Slicing;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client.Tests.Batches;

/// <summary>
/// Batches end to end against the emulator (<see cref="HuntingClient.RunBatchAsync"/>): outputs, progress, resuming after
/// a stop, refusals, and state files that are corrupt or record another batch. The engine caps each result at 500 rows.
/// </summary>
public sealed class HuntingBatchTests : EmulatorTest, IDisposable
{
    private const int Cap = 500;
    private readonly string _out = Directory.CreateTempSubdirectory("d365-batch-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private string StatePath => Path.Combine(_out, HuntingBatchOptions.DefaultStateFileName);

    private TableSource Serve(int burst = 0)
    {
        TableSource tables = SliceEvents.Tables(burst);
        H.Emulator.Hunting.UseTables(tables, new EngineOptions { Now = SliceEvents.Now, MaxRows = Cap });
        return tables;
    }

    private HuntingBatchOptions Options(HuntingRowFormat format = HuntingRowFormat.Ndjson, SlicedRunMode mode = SlicedRunMode.Strict, List<HuntingBatchProgress>? progress = null) => new()
    {
        Slicing = new SlicedRunOptions { Start = SliceEvents.Start, End = SliceEvents.End, RowCap = Cap, Mode = mode },
        OutputDirectory = _out,
        Format = format,
        Progress = progress is null ? null : new BatchChildProcess.Inline(progress.Add),
    };

    private int Sent(HuntingBatchQuery query) => H.Emulator.Hunting.Received.Count(q => q.Query.EndsWith(query.Kql[query.Kql.IndexOf('\n', StringComparison.Ordinal)..], StringComparison.Ordinal));

    [Fact]
    public async Task A_batch_writes_each_querys_rows_to_its_ndjson_file_and_reports_each_slice()
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient();
        var progress = new List<HuntingBatchProgress>();

        HuntingBatchResult result = await client.Hunting.RunBatchAsync(BatchQueries.Set, Options(progress: progress));

        Assert.True(result.IsComplete);
        Assert.False(result.IsStopped);
        Assert.Equal((SliceEvents.Start, SliceEvents.End), (result.Start, result.End));
        foreach (HuntingBatchQuery query in BatchQueries.Set)
        {
            List<string> expected = BatchQueries.Expected(tables, query, SliceEvents.Start, SliceEvents.End);
            HuntingBatchQueryResult outcome = result.Queries.Single(q => q.Name == query.Name);
            Assert.Equal((HuntingBatchQueryStatus.Complete, expected.Count, false), (outcome.Status, outcome.Rows, outcome.Skipped));
            Assert.Equal(Path.Combine(_out, query.Name + ".ndjson"), outcome.OutputPath);
            Assert.Equal(expected, BatchQueries.ReadNdjson(outcome.OutputPath!));
            Assert.Equal(outcome.Rows, outcome.Run!.Rows);
        }

        // Per query: started, its completed slices in time order, finished; the batch's fraction only grows, to 1.
        HuntingBatchProgress[] first = [.. progress.Where(p => p.Query == "all")];
        Assert.Equal(HuntingBatchProgressKind.QueryStarted, first[0].Kind);
        Assert.Equal(HuntingBatchProgressKind.QueryFinished, first[^1].Kind);
        HuntingSlice[] slices = [.. first.Where(p => p.Kind == HuntingBatchProgressKind.SliceCompleted).Select(p => p.Slice!)];
        Assert.Equal(result.Queries[0].Run!.Slices.Where(s => s.Status == HuntingSliceStatus.Completed), slices);
        Assert.Equal(SliceEvents.End, slices[^1].End);
        Assert.Equal(progress.Select(p => p.BatchFraction).Order(), progress.Select(p => p.BatchFraction));
        Assert.Equal(1.0, progress[^1].BatchFraction);
        Assert.Equal([0, 1, 2], progress.Select(p => p.Index).Distinct());
    }

    [Fact]
    public async Task A_csv_batch_writes_one_header_and_a_record_per_row()
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient();

        HuntingBatchResult result = await client.Hunting.RunBatchAsync([BatchQueries.Devices], Options(HuntingRowFormat.Csv));

        string[] lines = File.ReadAllLines(Path.Combine(_out, "devices.csv"));
        Assert.Equal("DeviceName,ProcessCommandLine", lines[0]);
        Assert.Equal(BatchQueries.Expected(tables, BatchQueries.Devices, SliceEvents.Start, SliceEvents.End), lines.Skip(1).Select(l => l.Replace(',', '|')).Order(StringComparer.Ordinal));
        Assert.Equal(lines.Length - 1, result.Queries[0].Rows);
        Assert.EndsWith("\n", File.ReadAllText(Path.Combine(_out, "devices.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strict_batch_stops_at_a_failed_slice_and_its_resume_skips_finished_queries_and_drops_uncommitted_bytes()
    {
        TableSource burst = Serve(burst: 600); // 600 rows in one second: 'all' cannot be cut under the cap there
        (DefenderClient client, _) = H.SecretClient();
        HuntingBatchQuery[] set = [BatchQueries.Devices, BatchQueries.All, BatchQueries.PowerShell];

        HuntingBatchResult stopped = await client.Hunting.RunBatchAsync(set, Options(HuntingRowFormat.Csv));

        Assert.True(stopped.IsStopped);
        Assert.Equal([HuntingBatchQueryStatus.Complete, HuntingBatchQueryStatus.Partial, HuntingBatchQueryStatus.NotRun], stopped.Queries.Select(q => q.Status));
        HuntingSlice failed = Assert.Single(stopped.Queries[1].Run!.Failures);
        Assert.Equal([(failed.Start, SliceEvents.End)], stopped.Queries[1].Gaps);
        Assert.False(File.Exists(Path.Combine(_out, "powershell.csv")));

        // Rows a killed run wrote after its last commit: the resume cuts them off.
        string all = Path.Combine(_out, "all.csv");
        File.AppendAllText(all, "torn,row,of,a,killed,run\n");
        TableSource tables = Serve(); // the burst is gone; the rows before the failed slice are the same
        int devicesBefore = Sent(BatchQueries.Devices);
        var progress = new List<HuntingBatchProgress>();

        HuntingBatchResult resumed = await client.Hunting.RunBatchAsync(set, Options(HuntingRowFormat.Csv, progress: progress));

        Assert.True(resumed.IsComplete);
        Assert.Equal(devicesBefore, Sent(BatchQueries.Devices)); // finished: not run again
        Assert.Equal([true, false, false], resumed.Queries.Select(q => q.Skipped));
        Assert.Equal(HuntingBatchProgressKind.QuerySkipped, progress[0].Kind);
        Assert.Equal(failed.Start, progress.First(p => p.Query == "all").Done); // 'all' resumes at its failed slice
        Assert.Equal(failed.Start, resumed.Queries[1].Run!.Start);
        Assert.Equal(BatchQueries.Expected(burst, BatchQueries.Devices, SliceEvents.Start, SliceEvents.End), ReadCsv("devices.csv"));
        Assert.Equal(BatchQueries.Expected(tables, BatchQueries.All, SliceEvents.Start, SliceEvents.End), ReadCsv("all.csv"));
        Assert.Equal(BatchQueries.Expected(tables, BatchQueries.PowerShell, SliceEvents.Start, SliceEvents.End), ReadCsv("powershell.csv"));
        Assert.Single(File.ReadAllLines(all), l => l.StartsWith("Timestamp,", StringComparison.Ordinal)); // one header across both runs
    }

    [Fact]
    public async Task A_lenient_batch_goes_past_a_failed_slice_and_records_the_gap()
    {
        TableSource tables = Serve(burst: 600);
        (DefenderClient client, _) = H.SecretClient();

        HuntingBatchResult result = await client.Hunting.RunBatchAsync([BatchQueries.All, BatchQueries.PowerShell], Options(mode: SlicedRunMode.Lenient));

        Assert.False(result.IsComplete);
        Assert.False(result.IsStopped);
        HuntingBatchQueryResult all = result.Queries[0];
        Assert.Equal(HuntingBatchQueryStatus.Partial, all.Status);
        (DateTime gapStart, DateTime gapEnd) = Assert.Single(all.Gaps);
        Assert.True(gapStart <= SliceEvents.Burst && SliceEvents.Burst < gapEnd);
        Assert.Equal(
            BatchQueries.Expected(tables, BatchQueries.All, SliceEvents.Start, gapStart).Concat(BatchQueries.Expected(tables, BatchQueries.All, gapEnd, SliceEvents.End)).Order(StringComparer.Ordinal),
            BatchQueries.ReadNdjson(all.OutputPath!));
        Assert.Equal(HuntingBatchQueryStatus.Complete, result.Queries[1].Status);

        // Finished with its gap: a resume does not run it again, and reports the same gap.
        int sent = H.Emulator.Hunting.Received.Count;
        HuntingBatchResult again = await client.Hunting.RunBatchAsync([BatchQueries.All, BatchQueries.PowerShell], Options(mode: SlicedRunMode.Lenient));
        Assert.Equal(sent, H.Emulator.Hunting.Received.Count);
        Assert.Equal(all.Gaps, again.Queries[0].Gaps);
        Assert.Equal(HuntingBatchQueryStatus.Partial, again.Queries[0].Status);
    }

    [Fact]
    public async Task A_query_that_cannot_be_sliced_is_refused_naming_the_operator_and_the_others_run()
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        var counts = new HuntingBatchQuery("counts", "DeviceProcessEvents\n| summarize count() by DeviceName");

        HuntingBatchResult result = await client.Hunting.RunBatchAsync([counts, BatchQueries.PowerShell], Options());

        HuntingBatchQueryResult refused = result.Queries[0];
        Assert.Equal((HuntingBatchQueryStatus.Refused, null), (refused.Status, refused.OutputPath));
        Assert.StartsWith("The query cannot be run in time slices: 'summarize' aggregates over the whole result", refused.Refusal, StringComparison.Ordinal);
        Assert.EndsWith("(line 2, column 3).", refused.Refusal, StringComparison.Ordinal);
        Assert.Equal(HuntingBatchQueryStatus.Complete, result.Queries[1].Status);
        Assert.False(result.IsComplete);
        Assert.DoesNotContain(H.Emulator.Hunting.Received, q => q.Query.Contains("summarize", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_out, "counts.ndjson")));
    }

    [Fact]
    public async Task A_tenant_table_the_slicing_schema_gives_no_Timestamp_is_refused_naming_it_and_nothing_is_sent()
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        var inventory = new HuntingBatchQuery("inventory", "MyInventory\n| where DeviceId != ''");
        HuntingBatchOptions options = Options();
        options.Slicing.Schema = new HuntingSchemaDocument([new HuntingSchemaTable("MyInventory", [new HuntingSchemaColumn("DeviceId", "string")])]);

        HuntingBatchResult result = await client.Hunting.RunBatchAsync([inventory, BatchQueries.PowerShell], options);

        Assert.Equal(HuntingBatchQueryStatus.Refused, result.Queries[0].Status);
        Assert.Contains("the table 'MyInventory' has no Timestamp column (in the schema given in SlicedRunOptions.Schema)", result.Queries[0].Refusal, StringComparison.Ordinal);
        Assert.Equal(HuntingBatchQueryStatus.Complete, result.Queries[1].Status);
        Assert.DoesNotContain(H.Emulator.Hunting.Received, q => q.Query.Contains("MyInventory", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> OtherBatches => new()
    {
        { "text", "the text of query 'powershell' changed" },
        { "missing", "query 'powershell' of the batch is missing" },
        { "added", "query 'devices' is not in the batch" },
        { "format", "the format is csv, the batch's is ndjson" },
        { "range", "the range is [2026-11-24T00:00:00.0000000Z, 2026-11-26T00:00:00.0000000Z), the batch's is [2026-11-24T00:00:00.0000000Z, 2026-11-27T00:00:00.0000000Z)" },
    };

    [Theory]
    [MemberData(nameof(OtherBatches))]
    public async Task A_state_file_of_another_batch_is_refused_naming_the_difference_and_nothing_runs(string change, string difference)
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        HuntingBatchQuery[] set = [BatchQueries.All, BatchQueries.PowerShell];
        await client.Hunting.RunBatchAsync(set, Options());
        int sent = H.Emulator.Hunting.Received.Count;
        HuntingBatchOptions options = Options(change == "format" ? HuntingRowFormat.Csv : HuntingRowFormat.Ndjson);
        options.Slicing.End = change == "range" ? SliceEvents.End.AddDays(-1) : options.Slicing.End;
        HuntingBatchQuery[] other = change switch
        {
            "text" => [BatchQueries.All, new HuntingBatchQuery("powershell", BatchQueries.PowerShell.Kql + "\n| where ProcessId > 0")],
            "missing" => [BatchQueries.All],
            "added" => [.. set, BatchQueries.Devices],
            _ => set,
        };

        HuntingBatchStateException error = await H.ThrowsAsync<HuntingBatchStateException>(() => client.Hunting.RunBatchAsync(other, options));

        Assert.Equal($"The batch state file {StatePath} records another batch: {difference}. Nothing was run: resume it with the batch it records, or start the batch over (the outputs are rewritten).", error.Message);
        Assert.Equal(StatePath, error.StatePath);
        Assert.Equal(sent, H.Emulator.Hunting.Received.Count);

        // Restart starts over with the new batch.
        options.Restart = true;
        Assert.True((await client.Hunting.RunBatchAsync(other, options)).IsComplete);
    }

    [Fact]
    public async Task A_resumed_batch_without_a_range_keeps_the_recorded_one()
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient();
        HuntingBatchOptions first = Options();
        first.Slicing.End = SliceEvents.Start.AddDays(1);
        await client.Hunting.RunBatchAsync([BatchQueries.PowerShell], first);
        HuntingBatchOptions resume = Options();
        (resume.Slicing.Start, resume.Slicing.End) = (null, null);

        HuntingBatchResult result = await client.Hunting.RunBatchAsync([BatchQueries.PowerShell], resume);

        Assert.Equal((SliceEvents.Start, SliceEvents.Start.AddDays(1)), (result.Start, result.End));
        Assert.True(result.Queries[0].Skipped);
        Assert.Equal(BatchQueries.Expected(tables, BatchQueries.PowerShell, SliceEvents.Start, SliceEvents.Start.AddDays(1)), BatchQueries.ReadNdjson(result.Queries[0].OutputPath!));
    }

    [Theory]
    [InlineData("{", "is corrupt (")]
    [InlineData("{\"version\":1,\"start\":\"2026-11-24T00:00:00.0000000Z\",\"end\":\"2026-11-27T00:00:00.0000000Z\",\"format\":\"ndjson\"}", "is corrupt ('queries' is missing or not a JSON Array)")]
    [InlineData("{\"version\":2}", "is corrupt (its version is 2, not 1)")]
    public async Task A_corrupt_state_file_is_an_error_and_nothing_runs(string content, string message)
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        await File.WriteAllTextAsync(StatePath, content);

        HuntingBatchStateException error = await H.ThrowsAsync<HuntingBatchStateException>(() => client.Hunting.RunBatchAsync([BatchQueries.PowerShell], Options()));

        Assert.StartsWith($"The batch state file {StatePath} {message}", error.Message, StringComparison.Ordinal);
        Assert.Empty(H.Emulator.Hunting.Received);
        Assert.Equal(content, await File.ReadAllTextAsync(StatePath));
    }

    [Fact]
    public async Task An_output_shorter_than_its_committed_length_is_an_error()
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        var stop = Options();
        stop.Slicing.End = SliceEvents.Start.AddDays(1);
        await client.Hunting.RunBatchAsync([BatchQueries.PowerShell, BatchQueries.All], stop);
        File.WriteAllText(Path.Combine(_out, "all.ndjson"), "{}\n");
        HuntingBatchState state = HuntingBatchState.Load(StatePath);
        state.Queries[1].Finished = false;
        await state.SaveAsync(StatePath, default);

        HuntingBatchStateException error = await H.ThrowsAsync<HuntingBatchStateException>(() => client.Hunting.RunBatchAsync([BatchQueries.PowerShell, BatchQueries.All], stop));

        Assert.StartsWith($"The output {Path.Combine(_out, "all.ndjson")} has 3 bytes, fewer than the {state.Queries[1].Bytes} the batch state file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_and_names_are_argument_errors_naming_them()
    {
        (DefenderClient client, _) = H.SecretClient();

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new HuntingBatchQuery("a/b", "T")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new HuntingBatchQuery(".hidden", "T")).ParamName);
        ArgumentException noOut = await Assert.ThrowsAsync<ArgumentException>(() => client.Hunting.RunBatchAsync([BatchQueries.All], new HuntingBatchOptions { Slicing = Options().Slicing }));
        Assert.StartsWith("HuntingBatchOptions.OutputDirectory is required", noOut.Message, StringComparison.Ordinal);
        ArgumentException twice = await Assert.ThrowsAsync<ArgumentException>(() => client.Hunting.RunBatchAsync([BatchQueries.All, new HuntingBatchQuery("ALL", "T")], Options()));
        Assert.Equal("queries", twice.ParamName);
        HuntingBatchOptions noRange = Options();
        noRange.Slicing.Start = null;
        ArgumentException range = await Assert.ThrowsAsync<ArgumentException>(() => client.Hunting.RunBatchAsync([BatchQueries.All], noRange));
        Assert.StartsWith("SlicedRunOptions.Start is required", range.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
    }

    private List<string> ReadCsv(string file) =>
        [.. File.ReadAllLines(Path.Combine(_out, file)).Skip(1).Select(line =>
        {
            string[] cells = line.Split(',');
            if (DateTime.TryParse(cells[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out DateTime t))
            {
                cells[0] = SliceEvents.Iso(t);
            }

            return string.Join("|", cells);
        }).Order(StringComparer.Ordinal)];
}
