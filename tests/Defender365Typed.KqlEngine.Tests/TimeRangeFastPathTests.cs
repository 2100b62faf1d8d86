using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// The time-range fast path of <c>where</c> over tables ordered by Timestamp: the same rows as a scan of the same table
/// without the flag, for bounds on row timestamps, between them, empty, reversed, mixed with other predicates and under
/// <c>or</c>/<c>not</c> (no fast path there), and reading only the range's rows (counted) where it applies.
/// Table: 1,000 rows, row i at T0 + ⌊i/2⌋ minutes (each minute twice), N = i, Kind "a" for even rows and "b" for odd,
/// Other = Timestamp ± 1 minute (+ for even rows).
/// </summary>
public sealed class TimeRangeFastPathTests
{
    private const int RowCount = 1_000;
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly KqlResultColumn[] Columns =
    [
        new("Timestamp", KqlScalarType.DateTime), new("N", KqlScalarType.Long), new("Kind", KqlScalarType.String), new("Other", KqlScalarType.DateTime),
    ];

    /// <summary>The slicer's own literal form (SliceablePipeline.ForSlice).</summary>
    private static string At(double minutes) => "datetime(" + T0.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + ")";

    public static TheoryData<string, int> Predicates() => new()
    {
        { $"Timestamp >= {At(10)} and Timestamp < {At(20)}", 20 },                  // edges on row timestamps: rows 20..39
        { $"Timestamp > {At(10)} and Timestamp <= {At(20)}", 20 },                  // rows 22..41
        { $"Timestamp between ({At(10)} .. {At(20)})", 22 },                         // rows 20..41
        { $"Timestamp between ({At(10)} .. 5m)", 12 },                               // rows 20..31
        { $"{At(10)} <= Timestamp and {At(20)} > Timestamp", 20 },                  // the literal on the left
        { $"(Timestamp >= {At(10)}) and (Timestamp < {At(20)})", 20 },
        { $"Timestamp >= {At(10.5)} and Timestamp < {At(20.5)}", 20 },              // between row timestamps: rows 22..41
        { $"Timestamp >= {At(10)} and Timestamp < {At(10)}", 0 },                   // empty
        { $"Timestamp >= {At(20)} and Timestamp < {At(10)}", 0 },                   // reversed
        { $"Timestamp between ({At(20)} .. {At(10)})", 0 },                          // reversed between
        { $"Timestamp < {At(-1)}", 0 },                                              // before every row
        { $"Timestamp > {At(499)}", 0 },                                             // after every row (the last minute is 499)
        { $"Timestamp >= {At(499)}", 2 },
        { $"Timestamp <= {At(0)}", 2 },
        { $"Timestamp >= {At(10)} and Timestamp >= {At(15)} and Timestamp < {At(20)}", 10 }, // two lower bounds: the later wins
        { $"Kind == \"b\" and Timestamp >= {At(10)} and N % 3 == 0 and Timestamp < {At(20)}", 4 }, // 21, 27, 33, 39
        { $"Timestamp >= {At(10)} and (Kind == \"a\" or N == 25) and Timestamp < {At(20)}", 11 },
        { $"Timestamp < {At(10)} or Timestamp > {At(20)}", 978 },                    // or: no fast path
        { $"not(Timestamp < {At(10)})", 980 },
        { $"Timestamp !between ({At(10)} .. {At(20)})", 978 },
        { "Timestamp > Other", 500 },                                                 // a bound that depends on the row
        { $"Timestamp > ago(600m)", 198 },                                            // now = T0 + 1000 minutes: rows 802..999
        { $"Timestamp >= {At(10)} + 5m and Timestamp < {At(30)} - 10m", 10 },        // arithmetic on constants: rows 30..39
    };

    [Theory]
    [MemberData(nameof(Predicates))]
    public void The_fast_path_gives_exactly_the_rows_of_a_scan(string predicate, int expected)
    {
        string kql = $"T | where {predicate} | project N";

        List<long> ordered = Run(kql, ordered: true, out _);
        List<long> scanned = Run(kql, ordered: false, out int scannedReads);

        Assert.Equal(scanned, ordered);
        Assert.Equal(expected, ordered.Count);
        Assert.Equal(RowCount, scannedReads);
    }

    [Fact]
    public void Only_the_rows_of_the_range_are_read_besides_the_binary_search()
    {
        string kql = $"T | where Timestamp >= {At(100)} and Timestamp < {At(150)} and Kind == \"a\"";

        List<long> rows = Run(kql + " | project N", ordered: true, out int reads);

        Assert.Equal(Enumerable.Range(200, 100).Where(i => i % 2 == 0).Select(i => (long)i), rows);
        int probes = 2 * ((int)Math.Ceiling(Math.Log2(RowCount)) + 1); // one binary search per bound
        Assert.InRange(reads, 100, 100 + probes);
    }

    [Theory]
    [InlineData("Timestamp < datetime(2026-11-01 00:10:00) or Timestamp > datetime(2026-11-01 00:20:00)")]
    [InlineData("N >= 0")]
    public void A_predicate_without_a_top_level_bound_reads_every_row(string predicate)
    {
        Run($"T | where {predicate} | project N", ordered: true, out int reads);

        Assert.Equal(RowCount, reads);
    }

    [Fact]
    public void A_second_where_narrows_the_first_ones_ordered_result_too()
    {
        string kql = $"T | where Timestamp >= {At(100)} and Timestamp < {At(150)} | where Timestamp >= {At(140)} | project N";

        List<long> ordered = Run(kql, ordered: true, out int reads);

        Assert.Equal(Enumerable.Range(280, 20).Select(i => (long)i), ordered);
        Assert.Equal(Run(kql, ordered: false, out _), ordered);
        Assert.InRange(reads, 20, 20 + (4 * ((int)Math.Ceiling(Math.Log2(RowCount)) + 1))); // four binary searches, then project reads 20 rows
    }

    [Fact]
    public void A_where_of_bounds_only_reads_no_row_itself_and_the_next_operator_reads_the_range_once()
    {
        List<long> rows = Run($"T | where Timestamp >= {At(100)} and Timestamp < {At(150)} | project N", ordered: true, out int reads);

        Assert.Equal(Enumerable.Range(200, 100).Select(i => (long)i), rows);
        Assert.InRange(reads, 100, 100 + (2 * ((int)Math.Ceiling(Math.Log2(RowCount)) + 1)));
        List<long> count = Run($"T | where Timestamp >= {At(100)} and Timestamp < {At(150)} | count", ordered: true, out int countReads);

        Assert.Equal([100L], count);
        Assert.InRange(countReads, 1, 2 * ((int)Math.Ceiling(Math.Log2(RowCount)) + 1)); // the binary searches' probes only
    }

    [Theory]
    [InlineData(10, 20, 22)]        // both ends included: rows 20..41
    [InlineData(10.5, 20.5, 20)]    // rows 22..41
    [InlineData(20, 10, 0)]         // reversed
    [InlineData(-5, 600, RowCount)] // every row: the table itself
    public void WhereTimestampBetween_includes_both_ends_and_reads_only_its_range_on_an_ordered_table(double from, double to, int expected)
    {
        var counted = new CountingRows(Rows());
        var ordered = new KqlResultTable("T", Columns, counted) { IsOrderedByTimestamp = true };
        var unordered = new KqlResultTable("T", Columns, Rows());

        KqlResultTable fast = ordered.WhereTimestampBetween(T0.AddMinutes(from), T0.AddMinutes(to));
        KqlResultTable scan = unordered.WhereTimestampBetween(T0.AddMinutes(from), T0.AddMinutes(to));

        Assert.Equal(expected, fast.Rows.Count);
        Assert.Equal(scan.Rows.Select(r => r[1]), fast.Rows.Select(r => r[1]));
        Assert.True(fast.IsOrderedByTimestamp);
        Assert.Equal("T", fast.Name);
        Assert.Equal(expected == RowCount, ReferenceEquals(ordered, fast));
        Assert.InRange(counted.Reads, 0, expected + (2 * ((int)Math.Ceiling(Math.Log2(RowCount)) + 1)));
    }

    [Fact]
    public void WhereTimestampBetween_needs_a_datetime_Timestamp_column()
    {
        var table = new KqlResultTable("NoTime", [new KqlResultColumn("Timestamp", KqlScalarType.String)], []);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => table.WhereTimestampBetween(T0, T0));

        Assert.Equal("The table 'NoTime' has no datetime column named Timestamp.", error.Message);
    }

    [Fact]
    public void A_table_that_claims_an_order_without_timestamps_is_named_in_the_error()
    {
        object?[][] rows = [[T0, 0L, "a", T0], [null, 1L, "b", T0], [T0.AddMinutes(2), 2L, "a", T0]];
        var table = new KqlResultTable("Broken", Columns, rows) { IsOrderedByTimestamp = true };

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => table.WhereTimestampBetween(T0.AddMinutes(1), T0.AddMinutes(3)));

        Assert.Equal("The table 'Broken' says its rows are ordered by Timestamp, but row 1 has no datetime Timestamp.", error.Message);
    }

    [Fact]
    public void SyntheticVolume_tables_are_ordered_and_a_day_of_them_reads_as_a_scan_does()
    {
        var end = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
        KqlResultTable generated = SyntheticVolume.Create("DeviceNetworkEvents", 30_000, end);
        var copy = new KqlResultTable(generated.Name, generated.Columns, generated.Rows.ToList()); // materialized, no flag
        const string Kql = "DeviceNetworkEvents | where Timestamp between (datetime(2026-11-20) .. 1d) and RemotePort == 443 | project ReportId";
        var options = new EngineOptions { Now = end };

        KqlResultTable fast = KqlEvaluator.Execute(Kql, new TableSource([generated]), options);
        KqlResultTable scan = KqlEvaluator.Execute(Kql, new TableSource([copy]), options);

        Assert.True(generated.IsOrderedByTimestamp);
        Assert.False(copy.IsOrderedByTimestamp);
        Assert.Equal(scan.Rows.Select(r => r[0]), fast.Rows.Select(r => r[0]));
        Assert.InRange(fast.Rows.Count, 300, 700); // a day is ~1,000 of the 30,000 rows; about half go to port 443
    }

    private static List<long> Run(string kql, bool ordered, out int reads)
    {
        var counted = new CountingRows(Rows());
        var table = new KqlResultTable("T", Columns, counted) { IsOrderedByTimestamp = ordered };
        KqlResultTable result = KqlEvaluator.Execute(kql, new TableSource([table]), new EngineOptions { Now = T0.AddMinutes(1000) });
        reads = counted.Reads;
        return result.Rows.Select(r => (long)r[0]!).ToList();
    }

    private static List<object?[]> Rows() => Enumerable.Range(0, RowCount).Select(i =>
    {
        DateTime t = T0.AddMinutes(i / 2);
        return new object?[] { t, (long)i, i % 2 == 0 ? "a" : "b", t.AddMinutes(i % 2 == 0 ? 1 : -1) };
    }).ToList();

    /// <summary>Rows that count every read, by index or by enumeration.</summary>
    private sealed class CountingRows(List<object?[]> rows) : IReadOnlyList<object?[]>
    {
        public int Reads { get; private set; }

        public int Count => rows.Count;

        public object?[] this[int index]
        {
            get
            {
                Reads++;
                return rows[index];
            }
        }

        public IEnumerator<object?[]> GetEnumerator()
        {
            foreach (object?[] row in rows)
            {
                Reads++;
                yield return row;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
