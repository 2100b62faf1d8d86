using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Tables;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>
/// Time-sliced runs end to end against the emulator: the engine caps each result at 500 rows (EngineOptions.MaxRows) and
/// the run's RowCap matches, so day slices of the test table (744 rows) must be halved.
/// </summary>
public sealed class SlicedRunTests : EmulatorTest
{
    private const int Cap = 500;
    private const string Kql = "DeviceProcessEvents\n| where FileName != \"x\"\n| project Timestamp, DeviceName, ProcessCommandLine, ProcessId";
    private static readonly string[] Projected = ["Timestamp", "DeviceName", "ProcessCommandLine", "ProcessId"];

    private static SlicedRunOptions Options(SlicedRunMode mode = SlicedRunMode.Strict) => new()
    {
        Start = SliceEvents.Start,
        End = SliceEvents.End,
        RowCap = Cap,
        Mode = mode,
    };

    private TableSource Serve(int burst = 0)
    {
        TableSource tables = SliceEvents.Tables(burst);
        H.Emulator.Hunting.UseTables(tables, new EngineOptions { Now = SliceEvents.Now, MaxRows = Cap });
        return tables;
    }

    [Theory]
    [InlineData(DefenderApi.Graph)]
    [InlineData(DefenderApi.Legacy)]
    public async Task A_sliced_run_returns_exactly_the_rows_of_the_uncapped_query(DefenderApi api)
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient(o => (o.HuntingApi, o.TimeProvider) = (api, new FakeTimeProvider(SliceEvents.Now)));

        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, Options());
        List<string> rows = (await run.ToListAsync()).Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal).ToList();

        List<string> expected = SliceEvents.Expected(tables, Kql, SliceEvents.Start, SliceEvents.End);
        Assert.Equal(3 * ((24 * 30) + 24), expected.Count); // a row every 2 minutes, the hour's row twice: far over the cap
        Assert.Equal(expected, rows);
        Assert.True(run.Result.IsComplete);
        Assert.Equal(expected.Count, run.Result.Rows);
        Assert.Empty(run.Result.Gaps);
        Assert.All(run.Result.Slices.Where(s => s.Status == HuntingSliceStatus.Split), s => Assert.Equal("the slice reached the row cap (500 rows)", s.Failure));
        Assert.Equal(3, run.Result.Slices.Count(s => s.Status == HuntingSliceStatus.Split));

        // The completed slices tile the range: each starts where the one before ended.
        HuntingSlice[] completed = run.Result.Slices.Where(s => s.Status == HuntingSliceStatus.Completed).ToArray();
        Assert.Equal(6, completed.Length);
        Assert.Equal(SliceEvents.Start, completed[0].Start);
        Assert.Equal(SliceEvents.End, completed[^1].End);
        Assert.All(completed.Zip(completed.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.All(completed, s => Assert.Equal(TimeSpan.FromHours(12), s.End - s.Start));
    }

    [Fact]
    public async Task Read_slice_by_slice_a_run_gives_each_completed_slice_with_its_rows_and_may_not_be_enumerated_again()
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient();
        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, Options());

        List<HuntingSliceRows<HuntingRow>> slices = await run.ReadSlicesAsync().ToListAsync();

        Assert.Equal(run.Result.Slices.Where(s => s.Status == HuntingSliceStatus.Completed), slices.Select(s => s.Slice));
        Assert.All(slices, s => Assert.Equal(s.Slice.Rows, s.Rows.Count));
        Assert.All(slices, s => Assert.Equal(SliceEvents.Expected(tables, Kql, s.Slice.Start, s.Slice.End), s.Rows.Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal)));
        Assert.Equal(SliceEvents.Expected(tables, Kql, SliceEvents.Start, SliceEvents.End).Count, slices.Sum(s => s.Rows.Count));
        Assert.Throws<InvalidOperationException>(() => run.GetAsyncEnumerator());
        Assert.Throws<InvalidOperationException>(() => run.ReadSlicesAsync());
    }

    [Fact]
    public async Task Graph_slices_send_a_Timespan_around_the_slice_and_legacy_slices_none()
    {
        Serve();
        (DefenderClient graph, _) = H.SecretClient();
        (DefenderClient legacy, _) = H.SecretClient(o => (o.HuntingApi, o.TimeProvider) = (DefenderApi.Legacy, new FakeTimeProvider(SliceEvents.Now)));
        var options = Options();
        options.End = SliceEvents.Start.AddHours(6);

        await graph.Hunting.RunSliced(Kql, options).ToListAsync();
        await legacy.Hunting.RunSliced(Kql, Options()).ToListAsync();

        ReceivedHuntingQuery first = H.Emulator.Hunting.Received.First();
        Assert.Equal("2026-11-23T23:59:59Z/2026-11-24T06:00:01Z", first.Timespan);
        Assert.Equal(
            "DeviceProcessEvents\n| where Timestamp >= datetime(2026-11-24T00:00:00.0000000Z) and Timestamp < datetime(2026-11-24T06:00:00.0000000Z)\n| where FileName != \"x\"\n| project Timestamp, DeviceName, ProcessCommandLine, ProcessId",
            first.Query);
        Assert.All(H.Emulator.Hunting.Received.Where(q => q.Api == "legacy"), q => Assert.Null(q.Timespan));
        Assert.Contains(H.Emulator.Hunting.Received, q => q.Api == "legacy");
    }

    [Fact]
    public async Task A_typed_builder_query_runs_sliced_into_typed_rows()
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient();
        var query = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
            .Project(PowerShellRun.Shape)
            .OrderBy(e => e.Timestamp);
        var options = Options();
        options.InitialSlice = TimeSpan.FromDays(3); // 744 powershell rows in the range: one halving

        SlicedHuntingRun<PowerShellRun> run = client.Hunting.RunSliced(query, options);
        List<PowerShellRun> rows = await run.ToListAsync();

        List<string> expected = SliceEvents.Expected(tables, query.ToKql(), SliceEvents.Start, SliceEvents.End);
        Assert.Equal(expected, rows.Select(r => $"{SliceEvents.Iso(r.Timestamp)}|{r.DeviceName}|{r.ProcessCommandLine}|{r.ProcessId}").Order(StringComparer.Ordinal));
        Assert.Equal(rows.OrderBy(r => r.Timestamp), rows); // order by Timestamp asc, and slices in time order: ordered overall
        Assert.Equal([HuntingSliceStatus.Split, HuntingSliceStatus.Completed, HuntingSliceStatus.Completed], run.Result.Slices.Select(s => s.Status));
    }

    [Theory]
    [InlineData("Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.", "the slice's result exceeded the service's size cap")]
    [InlineData("Query exceeded the timeout period.", "the slice ran past the service's time limit")]
    public async Task A_slice_over_the_size_cap_or_the_time_limit_is_halved(string serviceError, string reason)
    {
        TableSource tables = Serve();
        (DefenderClient client, _) = H.SecretClient();
        string firstDay = $"Timestamp >= datetime({SliceEvents.Iso(SliceEvents.Start)}) and Timestamp < datetime({SliceEvents.Iso(SliceEvents.Start.AddDays(1))})";
        H.Emulator.Hunting.When(firstDay, new HuntingScript { Error = serviceError });
        var options = Options();
        options.RowCap = 100_000; // only the size cap splits here
        options.End = SliceEvents.Start.AddDays(1);

        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, options);
        List<string> rows = (await run.ToListAsync()).Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(SliceEvents.Expected(tables, Kql, SliceEvents.Start, SliceEvents.Start.AddDays(1)), rows);
        HuntingSlice split = run.Result.Slices[0];
        Assert.Equal((HuntingSliceStatus.Split, reason), (split.Status, split.Failure));
        Assert.Equal(serviceError, Assert.IsType<HuntingQueryException>(split.Exception).ServiceMessage);
        Assert.Equal([HuntingSliceStatus.Split, HuntingSliceStatus.Completed, HuntingSliceStatus.Completed], run.Result.Slices.Select(s => s.Status));
        Assert.True(run.Result.IsComplete);
    }

    [Fact]
    public async Task Strict_mode_throws_at_a_slice_that_cannot_be_halved_below_the_minimum()
    {
        TableSource tables = Serve(burst: 600);
        (DefenderClient client, _) = H.SecretClient();
        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, Options());
        var delivered = new List<HuntingRow>();

        HuntingSlicedRunException error = await Assert.ThrowsAsync<HuntingSlicedRunException>(async () =>
        {
            await foreach (HuntingRow row in run)
            {
                delivered.Add(row);
            }
        });

        SlicedRunResult result = Assert.IsType<SlicedRunResult>(error.Result);
        Assert.False(result.IsComplete);
        HuntingSlice failed = Assert.Single(result.Failures);
        Assert.Same(failed, result.Slices[^1]);
        Assert.True(failed.Start <= SliceEvents.Burst && SliceEvents.Burst < failed.End);
        Assert.True(failed.End - failed.Start < TimeSpan.FromMinutes(2));
        Assert.Equal("the slice reached the row cap (500 rows), and its halves would be shorter than the minimum slice (00:01:00)", failed.Failure);
        Assert.Contains("SlicedRunMode.Strict", error.Message, StringComparison.Ordinal);
        Assert.Equal(SliceEvents.Expected(tables, Kql, SliceEvents.Start, failed.Start), delivered.Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal));
        Assert.Equal(delivered.Count, result.Rows);
        Assert.Equal([(failed.Start, failed.End), (failed.End, SliceEvents.End)], result.Gaps); // the failed slice, then the range not run
        Assert.Same(result, run.Result);
    }

    [Fact]
    public async Task Lenient_mode_goes_on_and_reports_the_gap()
    {
        TableSource tables = Serve(burst: 600);
        (DefenderClient client, _) = H.SecretClient();

        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, Options(SlicedRunMode.Lenient));
        List<string> rows = (await run.ToListAsync()).Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal).ToList();

        SlicedRunResult result = run.Result;
        Assert.False(result.IsComplete);
        (DateTime gapStart, DateTime gapEnd) = Assert.Single(result.Gaps);
        Assert.True(gapStart <= SliceEvents.Burst && SliceEvents.Burst < gapEnd);
        List<string> expected = SliceEvents.Expected(tables, Kql, SliceEvents.Start, gapStart)
            .Concat(SliceEvents.Expected(tables, Kql, gapEnd, SliceEvents.End)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, rows);
        Assert.Equal(rows.Count, result.Rows);
        Assert.StartsWith("partial: " + rows.Count + " rows; failed: [", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_with_summarize_is_refused_before_anything_is_sent()
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();

        HuntingSliceabilityException error = Assert.Throws<HuntingSliceabilityException>(
            () => client.Hunting.RunSliced("DeviceProcessEvents\n| where FileName != \"x\"\n| summarize n = count() by DeviceName", Options()));

        Assert.Equal(("summarize", 3, 3, "query"), (error.Construct, error.Line, error.Column, error.ParamName));
        Assert.StartsWith("The query cannot be run in time slices: 'summarize' aggregates over the whole result", error.Message, StringComparison.Ordinal);
        Assert.Empty(H.Emulator.Hunting.Received);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_outcome_is_known_only_after_the_rows_and_a_run_enumerates_once()
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, Options());

        Assert.Throws<InvalidOperationException>(() => run.Result);
        await run.ToListAsync();
        Assert.Throws<InvalidOperationException>(() => run.GetAsyncEnumerator());
    }

    [Fact]
    public async Task Each_slice_is_a_span_with_its_range_status_and_rows_and_its_call_a_child_of_it()
    {
        Serve();
        (DefenderClient client, _) = H.SecretClient();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var root = new System.Diagnostics.Activity("test").Start(); // only this test's spans share its trace
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == DefenderTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == root.TraceId)
                {
                    spans.Enqueue(a);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, Options());
        int rows = (await run.ToListAsync()).Count;

        var slices = spans.Where(a => a.OperationName == "defender hunting slice").ToList();
        Assert.Equal(run.Result.Slices.Count, slices.Count);
        Assert.Equal(
            run.Result.Slices.Select(s => (s.Start.ToString("O"), s.End.ToString("O"), s.Status.ToString().ToLowerInvariant(), (int)s.Rows)),
            slices.Select(a => ((string)a.GetTagItem("defender.slice.start")!, (string)a.GetTagItem("defender.slice.end")!,
                (string)a.GetTagItem("defender.slice.status")!, (int)a.GetTagItem("defender.slice.rows")!)));
        Assert.Equal(rows, slices.Where(a => Equals(a.GetTagItem("defender.slice.status"), "completed")).Sum(a => (int)a.GetTagItem("defender.slice.rows")!));
        Assert.All(slices, a => Assert.Equal(root.SpanId, a.ParentSpanId));

        // Each slice's hunting call is the child of that slice's span.
        var calls = spans.Where(a => a.OperationName == "defender hunting").ToList();
        Assert.Equal(slices.Count, calls.Count);
        Assert.Equal(slices.Select(a => a.SpanId), calls.Select(a => a.ParentSpanId));
    }
}
