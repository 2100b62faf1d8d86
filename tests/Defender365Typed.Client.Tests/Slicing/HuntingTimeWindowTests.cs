using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>The emulator applies Graph's Timespan (and the 30-day default) to every table's Timestamp, as the service does.</summary>
public sealed class HuntingTimeWindowTests : EmulatorTest
{
    private const string Ids = "DeviceProcessEvents | project Timestamp";

    private async Task<List<DateTime>> TimestampsAsync(string? timespan, DefenderApi api = DefenderApi.Graph)
    {
        (DefenderClient client, _) = H.SecretClient(o => o.HuntingApi = api);
        List<HuntingRow> rows = await client.Hunting.RunAsync(Ids, new HuntingOptions { Timespan = timespan }).ToListAsync();
        return rows.Select(r => r.GetDateTimeOffset("Timestamp")!.Value.UtcDateTime).ToList();
    }

    private void Serve(ITableSource tables) => H.Emulator.Hunting.UseTables(tables, new EngineOptions { Now = SliceEvents.Now, MaxRows = int.MaxValue });

    [Fact]
    public async Task A_start_end_interval_keeps_the_rows_between_both_ends_included()
    {
        Serve(SliceEvents.Tables());

        List<DateTime> rows = await TimestampsAsync("2026-11-24T00:00:00Z/2026-11-24T01:00:00Z");

        Assert.Equal(33, rows.Count); // every 2 minutes from 00:00 to 01:00 (31), the on-the-hour rows twice
        Assert.Equal(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), rows.Min());
        Assert.Equal(new DateTime(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc), rows.Max());
    }

    [Theory]
    [InlineData("PT1H", "2026-11-26T23:00:00Z", "2026-11-27T00:00:00Z")]
    [InlineData("PT30M/2026-11-25T12:00:00Z", "2026-11-25T11:30:00Z", "2026-11-25T12:00:00Z")]
    [InlineData("2026-11-25T12:00:00Z/PT30M", "2026-11-25T12:00:00Z", "2026-11-25T12:30:00Z")]
    [InlineData("2026-11-26T23:30:00Z", "2026-11-26T23:30:00Z", "2026-11-27T00:00:00Z")]
    public async Task Each_documented_Timespan_form_is_relative_to_the_engines_now(string timespan, string from, string to)
    {
        Serve(SliceEvents.Tables());

        List<DateTime> rows = await TimestampsAsync(timespan);

        Assert.Equal(DateTime.Parse(from, null, System.Globalization.DateTimeStyles.AdjustToUniversal), rows.Min());
        Assert.Equal(DateTime.Parse(to, null, System.Globalization.DateTimeStyles.AdjustToUniversal), rows.Max());
    }

    [Theory]
    [InlineData(DefenderApi.Graph)]
    [InlineData(DefenderApi.Legacy)]
    public async Task Without_a_Timespan_the_query_covers_the_last_30_days(DefenderApi api)
    {
        KqlResultColumn[] columns = [new("Timestamp", KqlScalarType.DateTime)];
        Serve(new TableSource([
            new KqlResultTable("DeviceProcessEvents", columns, [[SliceEvents.Now.AddDays(-31)], [SliceEvents.Now.AddDays(-30)], [SliceEvents.Now.AddDays(-1)], [null]]),
        ]));

        List<DateTime> rows = await TimestampsAsync(null, api);

        Assert.Equal([SliceEvents.Now.AddDays(-30), SliceEvents.Now.AddDays(-1)], rows);
    }

    [Fact]
    public async Task A_table_without_a_Timestamp_is_not_restricted()
    {
        Serve(new TableSource([new KqlResultTable("DeviceTvmSoftwareInventory", [new KqlResultColumn("SoftwareName", KqlScalarType.String)], [["a"], ["b"]])]));
        (DefenderClient client, _) = H.SecretClient();

        List<HuntingRow> rows = await client.Hunting.RunAsync("DeviceTvmSoftwareInventory", new HuntingOptions { Timespan = "PT1M" }).ToListAsync();

        Assert.Equal(["a", "b"], rows.Select(r => r.GetString("SoftwareName")));
    }

    [Theory]
    [InlineData("yesterday", "Invalid Timespan 'yesterday': use an ISO 8601 duration (P7D)")]
    [InlineData("P7D/P1D", "Invalid Timespan 'P7D/P1D'")]
    [InlineData("2026-11-25T00:00:00Z/2026-11-24T00:00:00Z", "Invalid Timespan '2026-11-25T00:00:00Z/2026-11-24T00:00:00Z': it ends before it starts.")]
    public async Task An_invalid_Timespan_is_a_400_naming_it(string timespan, string message)
    {
        Serve(SliceEvents.Tables());

        HuntingQueryException error = await Assert.ThrowsAsync<HuntingQueryException>(() => TimestampsAsync(timespan));

        Assert.StartsWith(message, error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_a_table_ordered_by_Timestamp_the_window_reads_only_its_own_rows_and_keeps_what_a_scan_keeps()
    {
        const string Window = "2026-11-24T00:00:00Z/2026-11-24T01:00:00Z";
        SliceEvents.Tables().TryGetTable("DeviceProcessEvents", out KqlResultTable events);
        var counted = new CountingRows(events.Rows);
        Serve(new TableSource([new KqlResultTable(events.Name, events.Columns, counted) { IsOrderedByTimestamp = true }]));
        List<DateTime> ordered = await TimestampsAsync(Window);

        Serve(SliceEvents.Tables());
        List<DateTime> scanned = await TimestampsAsync(Window);

        Assert.Equal(33, ordered.Count);
        Assert.Equal(scanned, ordered);
        int probes = 2 * ((int)Math.Ceiling(Math.Log2(events.Rows.Count)) + 1); // two binary searches
        Assert.InRange(counted.Reads, 33, 33 + probes); // of the table's 2,454 rows
    }

    /// <summary>Rows that count every read, by index or by enumeration.</summary>
    private sealed class CountingRows(IReadOnlyList<object?[]> rows) : IReadOnlyList<object?[]>
    {
        private int _reads;

        public int Reads => _reads;

        public int Count => rows.Count;

        public object?[] this[int index]
        {
            get
            {
                System.Threading.Interlocked.Increment(ref _reads);
                return rows[index];
            }
        }

        public IEnumerator<object?[]> GetEnumerator()
        {
            foreach (object?[] row in rows)
            {
                System.Threading.Interlocked.Increment(ref _reads);
                yield return row;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
