using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests;

/// <summary>The incident sync against the emulator's live incidents, on a fake clock.</summary>
public sealed class IncidentSyncTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _folder = Directory.CreateTempSubdirectory("d365-sync-").FullName;
    private Harness _h = null!;
    private DefenderClient _client = null!;

    public async Task InitializeAsync()
    {
        _h = await Harness.StartAsync(o =>
        {
            o.Time = _time;
            o.LiveIncidents = new LiveIncidentOptions { Seed = 1604, Start = Start, MaxVisibilityLag = TimeSpan.FromMinutes(10) };
        });
        (_client, _) = _h.SecretClient(o => o.TimeProvider = _time);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _h.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    // Changes surface up to 10 minutes late, out of order; the overlap covers that.
    private static IncidentSyncOptions Options() => new() { MaxPerFetch = 7, BatchSize = 3, Overlap = TimeSpan.FromMinutes(15) };

    [Fact]
    public async Task A_simulated_day_with_crashes_delivers_every_visible_change_once_in_order_to_an_acknowledging_consumer()
    {
        var store = new FileIncidentCursorStore(Path.Combine(_folder, "cursor.json"));
        var crashes = new Random(42);
        var log = new List<IncidentChangeMark>();   // the consumer's own append-only log
        var metrics = new List<IncidentSyncMetrics>();
        var merges = new List<IncidentChange<SecurityIncident>>();
        int unacknowledged = 0;
        FaultRule? expandFault = null;

        for (int minute = 1; minute <= 24 * 60 + 10; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            if (minute == 600)
            {
                expandFault = _h.Emulator.Faults.Add(IncidentFaults.ExpandAlertsOnList(times: 40));
            }

            if (minute < 150)
            {
                continue; // the consumer starts late: a backlog larger than one fetch
            }

            await foreach (IncidentSyncBatch<SecurityIncident> batch in _client.Incidents.SyncAsync(store, Options()))
            {
                log.AddRange(batch.Changes.Select(c => c.Mark));
                merges.AddRange(batch.Changes.Where(c => c.Kind == IncidentChangeKind.Merged));
                if (batch.Changes.Count > 0 && crashes.Next(8) == 0)
                {
                    unacknowledged += batch.Changes.Count; // killed after handling, before acknowledging
                    break;
                }

                await batch.AcknowledgeAsync();
                if (batch.IsEndOfPoll)
                {
                    metrics.Add(batch.Metrics);
                }
            }
        }

        IReadOnlyList<LiveIncidentChange> history = _h.Emulator.LiveIncidents!.History;
        var distinct = log.Distinct().ToList();

        // Every change a poll could see arrived: each incident's final state, and once the backlog of the late start is
        // drained, every change not replaced by a later one to the same incident that became visible at the same moment.
        static IncidentChangeMark Mark(long id, DateTimeOffset at) => new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), at);
        var visible = history
            .Where(e => !history.Any(l => l.Id == e.Id && l.VisibleAt == e.VisibleAt && l.LastUpdate > e.LastUpdate))
            .ToList();
        Assert.True(history.Count > 150, $"only {history.Count} changes in a day");
        Assert.Subset(distinct.ToHashSet(), _h.Emulator.Incidents.All().Select(i => Mark(i.Id, i.LastUpdateDateTime)).ToHashSet());
        Assert.Subset(distinct.ToHashSet(), visible.Where(e => e.VisibleAt >= Start.AddHours(4)).Select(e => Mark(e.Id, e.LastUpdate)).ToHashSet());
        Assert.Subset(visible.Select(e => Mark(e.Id, e.LastUpdate)).ToHashSet(), distinct.ToHashSet()); // and nothing that never happened

        // At least once: repeats only for batches handled but not acknowledged.
        Assert.InRange(log.Count - distinct.Count, 1, unacknowledged);

        // Per incident, changes arrive in lastUpdateDateTime order.
        foreach (IGrouping<string, IncidentChangeMark> perIncident in distinct.GroupBy(m => m.Id))
        {
            Assert.Equal(perIncident.Select(m => m.LastUpdate).Order(), perIncident.Select(m => m.LastUpdate));
        }

        // Merges are reported with the incident they went into, which now holds their alerts.
        Assert.NotEmpty(merges);
        IncidentChange<SecurityIncident> merge = merges[0];
        Assert.Equal(IncidentStatus.Redirected, merge.Incident.Status);
        Assert.NotNull(merge.MergedInto);
        Assert.Equal(merge.RedirectIncidentId, merge.MergedInto!.Id);
        Assert.NotEmpty(merge.MergedInto.Alerts!);

        // The $expand fault was answered by reading plain and fetching alerts one by one.
        Assert.True(expandFault!.Hits > 0);
        Assert.Contains(metrics, m => m.ExpandFallbacks == 1 && m.SingleReads > 0);
        Assert.Contains(metrics, m => m.LimitReached);
        Assert.True(metrics.Sum(m => m.DuplicatesDropped) > 0, "the overlap window re-read changes and dropped them");

        // The cursor on disk is the last acknowledged one and stays small.
        IncidentSyncCursor saved = (await store.LoadAsync())!;
        Assert.Equal(distinct.Max(m => m.LastUpdate), saved.HighWater);
        Assert.All(saved.Seen, m => Assert.True(m.LastUpdate >= saved.HighWater!.Value - TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task Without_crashes_nothing_is_delivered_twice_and_values_newer_than_the_documented_ones_arrive_raw()
    {
        IncidentSyncCursor cursor = IncidentSyncCursor.Start();
        var log = new List<IncidentChange<SecurityIncident>>();
        for (int minute = 1; minute <= 12 * 60; minute += 3)
        {
            _time.Advance(TimeSpan.FromMinutes(3));
            await foreach (IncidentSyncBatch<SecurityIncident> batch in _client.Incidents.SyncAsync(cursor, Options()))
            {
                log.AddRange(batch.Changes);
                cursor = batch.Cursor;
                await batch.AcknowledgeAsync();
            }
        }

        Assert.Equal(log.Count, log.Select(c => c.Mark).Distinct().Count());
        Assert.Contains(log, c => c.Incident.Status == IncidentStatus.AwaitingAction);
        Assert.Contains(log, c => c.Incident.Severity.Value == LiveIncidentFeed.FutureSeverity && !c.Incident.Severity.IsKnown);
        Assert.Contains(log, c => c.Kind == IncidentChangeKind.Created);
        Assert.Contains(log, c => c.Kind == IncidentChangeKind.Updated);
        Assert.All(_h.Emulator.Journal.Entries.Where(e => e.Path == "/v1.0/security/incidents"), e => Assert.Contains("lastUpdateDateTime ge ", e.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_sync_reads_the_first_fetch_window_only()
    {
        IncidentSyncOptions options = Options();
        options.FirstFetch = TimeSpan.FromHours(3);
        options.MaxPerFetch = 100;
        IncidentSyncBatch<SecurityIncident> batch = Assert.Single(await _client.Incidents.SyncAsync(IncidentSyncCursor.Start(), options).ToListAsync());

        Assert.Equal(Start - TimeSpan.FromHours(3), batch.Metrics.WindowStart);
        var expected = _h.Emulator.Incidents.All().Where(i => i.LastUpdateDateTime >= Start.AddHours(-3)).Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Order(), batch.Changes.Select(c => c.Id).Order());
        Assert.True(batch.IsEndOfPoll);
    }

    [Fact]
    public async Task A_corrupt_or_foreign_cursor_file_is_a_clear_error_and_nothing_is_sent()
    {
        string path = Path.Combine(_folder, "cursor.json");
        var store = new FileIncidentCursorStore(path);
        int before = _h.Emulator.Journal.Entries.Count;

        await File.WriteAllTextAsync(path, "{\"format\":\"defender365.incident-sync-cursor\",\"version\":1,\"api\":\"graph\",\"highWater\":\"2026-03-02T0");
        IncidentCursorException torn = await Assert.ThrowsAsync<IncidentCursorException>(() => _client.Incidents.SyncAsync(store).ToListAsync().AsTask());
        Assert.Equal(path, torn.Location);
        Assert.Contains("is not valid JSON", torn.Message, StringComparison.Ordinal);
        Assert.Contains(path, torn.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, "{\"name\":\"something else\"}");
        IncidentCursorException foreign = await Assert.ThrowsAsync<IncidentCursorException>(() => _client.Incidents.SyncAsync(store).ToListAsync().AsTask());
        Assert.Contains("\"format\" is missing", foreign.Problem, StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, "");
        Assert.Equal("is empty", (await Assert.ThrowsAsync<IncidentCursorException>(() => store.LoadAsync())).Problem);

        await File.WriteAllTextAsync(path, IncidentSyncCursor.Start(DefenderApi.Legacy).ToJson());
        ArgumentException other = await Assert.ThrowsAsync<ArgumentException>(() => _client.Incidents.SyncAsync(store).ToListAsync().AsTask());
        Assert.Equal("cursor", other.ParamName);

        Assert.Equal(before, _h.Emulator.Journal.Entries.Count);
    }

    [Fact]
    public void A_cursor_round_trips_and_rejects_what_it_did_not_write()
    {
        var at = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.FromHours(2));
        var cursor = new IncidentSyncCursor(DefenderApi.Graph, at, [new("7001", at), new("7000", at.AddMinutes(-1)), new("7001", at)]);
        IncidentSyncCursor copy = IncidentSyncCursor.Parse(cursor.ToJson());

        Assert.Equal(at, copy.HighWater);
        Assert.Equal(TimeSpan.Zero, copy.HighWater!.Value.Offset);
        Assert.Equal([new("7000", at.AddMinutes(-1)), new IncidentChangeMark("7001", at)], copy.Seen);
        Assert.Equal(cursor.ToJson(), copy.ToJson());

        string future = cursor.ToJson().Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        Assert.Equal("has version 2; this library reads version 1", Assert.Throws<IncidentCursorException>(() => IncidentSyncCursor.Parse(future)).Problem);
        string ahead = cursor.ToJson().Replace("\"highWater\":\"2026-03-02T05:00:00+00:00\"", "\"highWater\":\"2026-03-02T04:00:00+00:00\"", StringComparison.Ordinal);
        Assert.Contains("newer than its highWater", Assert.Throws<IncidentCursorException>(() => IncidentSyncCursor.Parse(ahead)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_out_of_range_are_rejected_by_name_before_anything_is_sent()
    {
        var bad = new IncidentSyncOptions { MaxPerFetch = 0 };
        ArgumentOutOfRangeException ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.Incidents.SyncAsync(IncidentSyncCursor.Start(), bad).ToListAsync().AsTask());
        Assert.Equal("MaxPerFetch", ex.ParamName);
        Assert.DoesNotContain(_h.Emulator.Journal.Entries, e => e.Path.Contains("incidents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_legacy_sync_reads_lastUpdateTime_windows_and_reports_merges()
    {
        IncidentSyncCursor cursor = IncidentSyncCursor.Start(DefenderApi.Legacy);
        var log = new List<IncidentChange<DefenderIncident>>();
        for (int minute = 1; minute <= 16 * 60; minute += 2)
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            await foreach (IncidentSyncBatch<DefenderIncident> batch in _client.LegacyIncidents.SyncAsync(cursor, Options()))
            {
                log.AddRange(batch.Changes);
                cursor = batch.Cursor;
            }
        }

        Assert.Equal(DefenderApi.Legacy, cursor.Api);
        Assert.Equal(log.Count, log.Select(c => c.Mark).Distinct().Count());
        IncidentChange<DefenderIncident> merge = Assert.IsType<IncidentChange<DefenderIncident>>(log.First(c => c.Kind == IncidentChangeKind.Merged));
        Assert.Equal(merge.RedirectIncidentId, merge.MergedInto!.IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(_h.Emulator.Journal.Entries, e => e.Path == "/api/incidents" && e.Query.Contains("lastUpdateTime ge ", StringComparison.Ordinal));
    }
}
