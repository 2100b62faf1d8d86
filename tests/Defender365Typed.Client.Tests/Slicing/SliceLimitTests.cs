using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Faults;
using Defender365Typed.KqlEngine;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>
/// The sliced runner at the edges of what the service serves, against the emulator: a table without a Timestamp, a call
/// that times out on the client, and the legacy API's 30 days. Time is a fake clock throughout.
/// </summary>
public sealed class SliceLimitTests : EmulatorTest
{
    private const string Kql = "DeviceProcessEvents\n| where FileName != \"x\"\n| project Timestamp, DeviceName, ProcessCommandLine, ProcessId";
    private static readonly string[] Projected = ["Timestamp", "DeviceName", "ProcessCommandLine", "ProcessId"];
    private static readonly DateTime Day = SliceEvents.Start; // the first day of the test table

    // A legacy "now" that puts the start of the API's 30 days at noon of the test table's first day.
    private static readonly DateTime LegacyNow = Day.AddDays(30).AddHours(12);

    private TableSource Serve(DateTime now)
    {
        TableSource tables = SliceEvents.Tables();
        H.Emulator.Hunting.UseTables(tables, new EngineOptions { Now = now, MaxRows = 500 });
        return tables;
    }

    [Fact]
    public void A_table_without_a_Timestamp_is_refused_before_anything_is_sent()
    {
        Serve(SliceEvents.Now);
        (DefenderClient client, _) = H.SecretClient();

        HuntingSliceabilityException error = Assert.Throws<HuntingSliceabilityException>(() => client.Hunting.RunSliced(
            "DeviceTvmSoftwareInventory | where SoftwareVendor == \"contoso\"", new SlicedRunOptions { Start = Day, End = Day.AddDays(1) }));

        Assert.Equal(("DeviceTvmSoftwareInventory", 1, 1, "query"), (error.Construct, error.Line, error.Column, error.ParamName));
        Assert.StartsWith("The query cannot be run in time slices: the table 'DeviceTvmSoftwareInventory' has no Timestamp column", error.Message, StringComparison.Ordinal);
        Assert.Empty(H.Emulator.Hunting.Received);
    }

    [Fact]
    public async Task A_slice_whose_call_times_out_on_the_client_is_halved()
    {
        TableSource tables = Serve(SliceEvents.Now);
        var clock = new TestClock();
        TimeSpan attempt = TimeSpan.FromSeconds(10);
        (DefenderClient client, _) = H.SecretClient(o =>
        {
            o.TimeProvider = clock;
            o.Resilience.HuntingAttemptTimeout = attempt;
            o.Resilience.MaxRetryAttempts = 0; // the first attempt's timeout is the call's
        });
        // The emulator holds the first hunting call (until the client gives up on it); the halves are answered at once.
        FaultRule hold = H.Emulator.Faults.Add(new FaultRule(FaultKind.Slow, "runHuntingQuery") { Delay = TimeSpan.FromMinutes(5) });
        var options = new SlicedRunOptions { Start = Day, End = Day.AddDays(1), RowCap = 100_000 };

        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, options);
        Task<List<HuntingRow>> reading = run.ToListAsync().AsTask();
        await Eventually.TrueAsync(() => hold.Hits == 1, "the emulator to hold the first slice's call"); // it reached the emulator
        await clock.WaitForTimerAsync(attempt);
        clock.Advance(attempt);
        List<string> rows = (await reading).Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(1, hold.Hits);
        Assert.Equal(SliceEvents.Expected(tables, Kql, Day, Day.AddDays(1)), rows);
        HuntingSlice split = run.Result.Slices[0];
        Assert.Equal((Day, Day.AddDays(1), HuntingSliceStatus.Split, "the slice timed out", attempt), (split.Start, split.End, split.Status, split.Failure, split.Elapsed));
        Assert.IsType<DefenderTimeoutException>(split.Exception);
        Assert.Equal(
            [(Day, Day.AddHours(12), HuntingSliceStatus.Completed), (Day.AddHours(12), Day.AddDays(1), HuntingSliceStatus.Completed)],
            run.Result.Slices.Skip(1).Select(s => (s.Start, s.End, s.Status)));
        Assert.True(run.Result.IsComplete);
    }

    [Fact]
    public void A_strict_legacy_run_older_than_30_days_is_refused_naming_the_oldest_time_served()
    {
        Serve(LegacyNow);
        (DefenderClient legacy, _) = H.SecretClient(o => (o.HuntingApi, o.TimeProvider) = (DefenderApi.Legacy, new FakeTimeProvider(LegacyNow)));
        (DefenderClient graph, _) = H.SecretClient(o => o.TimeProvider = new FakeTimeProvider(LegacyNow));
        var options = new SlicedRunOptions { Start = Day, End = Day.AddDays(1) };

        ArgumentException error = Assert.Throws<ArgumentException>(() => legacy.Hunting.RunSliced(Kql, options));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(
            "SlicedRunOptions.Start (2026-11-24T00:00:00Z) is older than the legacy API serves: it covers the last 30 days, from 2026-11-24T12:00:00Z.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal(Day, graph.Hunting.RunSliced(Kql, options).Start); // Graph's Timespan reaches further back
        Assert.Empty(H.Emulator.Hunting.Received);

        // A start a few minutes before the window (the client's "30 days ago" of a moment before) is not refused.
        options.Start = Day.AddHours(12).AddMinutes(-4);
        Assert.Equal(Day.AddHours(12).AddMinutes(-4), legacy.Hunting.RunSliced(Kql, options).Start);
    }

    [Fact]
    public async Task A_lenient_legacy_run_sends_only_the_part_the_API_serves_and_reports_the_rest_as_a_gap()
    {
        TableSource tables = Serve(LegacyNow);
        (DefenderClient client, _) = H.SecretClient(o => (o.HuntingApi, o.TimeProvider) = (DefenderApi.Legacy, new FakeTimeProvider(LegacyNow)));
        var options = new SlicedRunOptions { Start = Day, End = Day.AddDays(1), Mode = SlicedRunMode.Lenient, RowCap = 500 };

        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, options);
        List<string> rows = (await run.ToListAsync()).Select(r => SliceEvents.Key(r, Projected)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(SliceEvents.Expected(tables, Kql, Day.AddHours(12), Day.AddDays(1)), rows);
        Assert.False(run.Result.IsComplete);
        Assert.Equal([(Day, Day.AddHours(12))], run.Result.Gaps);
        HuntingSlice old = run.Result.Slices[0];
        Assert.Equal((HuntingSliceStatus.Failed, 0L), (old.Status, old.Rows));
        Assert.StartsWith("the range is older than the 30 days the legacy API serves (the oldest time it served when the slice was due was 2026-11-24T12:00:00Z)", old.Failure, StringComparison.Ordinal);
        Assert.Contains(
            "Timestamp >= datetime(2026-11-24T12:00:00.0000000Z) and Timestamp < datetime(2026-11-25T00:00:00.0000000Z)",
            Assert.Single(H.Emulator.Hunting.Received).Query,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strict_legacy_run_stops_at_a_slice_the_window_moved_past_while_it_ran()
    {
        Serve(LegacyNow);
        var clock = new FakeTimeProvider(LegacyNow);
        (DefenderClient client, _) = H.SecretClient(o => (o.HuntingApi, o.TimeProvider) = (DefenderApi.Legacy, clock));
        SlicedHuntingRun<HuntingRow> run = client.Hunting.RunSliced(Kql, new SlicedRunOptions { Start = Day.AddHours(12), End = Day.AddDays(1) });

        clock.Advance(TimeSpan.FromHours(1)); // the run starts an hour later: its first hour is no longer served
        HuntingSlicedRunException error = await Assert.ThrowsAsync<HuntingSlicedRunException>(async () => await run.ToListAsync());

        SlicedRunResult result = Assert.IsType<SlicedRunResult>(error.Result);
        HuntingSlice failed = Assert.Single(result.Slices);
        Assert.Equal((Day.AddHours(12), Day.AddHours(13), HuntingSliceStatus.Failed), (failed.Start, failed.End, failed.Status));
        Assert.Contains("older than the 30 days the legacy API serves", failed.Failure, StringComparison.Ordinal);
        Assert.Equal([(Day.AddHours(12), Day.AddHours(13)), (Day.AddHours(13), Day.AddDays(1))], result.Gaps); // the failed part, then the range not run
        Assert.Empty(H.Emulator.Hunting.Received);
    }
}
