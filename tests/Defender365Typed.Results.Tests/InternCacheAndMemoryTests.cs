using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Benchmarks.Results;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary><see cref="HuntingInternCache"/> (interned values kept across reads) and reading from <see cref="ReadOnlyMemory{T}"/> (dynamic values in place).</summary>
public class InternCacheAndMemoryTests
{
    private static readonly string[] InternedColumns = ["DeviceName", "FileName", "AccountName"];

    [Fact]
    public void Reads_sharing_a_cache_return_the_same_string_instances()
    {
        byte[] payload = ProcessEventsPayload.Build(400);
        var cache = new HuntingInternCache();
        var options = new HuntingReaderOptions { InternColumns = InternedColumns, InternCache = cache };

        List<ProcessEventRow> first = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);
        List<ProcessEventRow> second = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);

        Assert.Equal(first, second);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Same(first[i].DeviceName, second[i].DeviceName);
            Assert.Same(first[i].FileName, second[i].FileName);
            Assert.Same(first[i].AccountName, second[i].AccountName);
            Assert.NotSame(first[i].ProcessCommandLine, second[i].ProcessCommandLine);
        }

        int distinct = first.Select(r => r.DeviceName).Distinct().Count()
            + first.Select(r => r.FileName).Distinct().Count()
            + first.Select(r => r.AccountName).Distinct().Count();
        Assert.Equal(distinct, cache.Count);
    }

    [Fact]
    public void Without_a_cache_each_read_decodes_its_own_strings()
    {
        byte[] payload = ProcessEventsPayload.Build(50);
        var options = new HuntingReaderOptions { InternColumns = InternedColumns };

        List<ProcessEventRow> first = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);
        List<ProcessEventRow> second = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);

        Assert.Equal(first, second);
        Assert.NotSame(first[0].DeviceName, second[0].DeviceName);
    }

    [Fact]
    public void Columns_of_the_same_name_share_a_pool_across_row_types()
    {
        byte[] payload = ProcessEventsPayload.Build(300);
        var options = new HuntingReaderOptions { InternColumns = ["DeviceName"], InternCache = new HuntingInternCache() };

        List<ProcessEventRow> rows = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);
        var keys = new List<ProcessKey>();
        foreach (ProcessKey key in HuntingResultReader.Enumerate<ProcessKey>(payload, options))
        {
            keys.Add(key);
        }

        Assert.Equal(rows.Count, keys.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Same(rows[i].DeviceName, keys[i].DeviceName);
        }
    }

    [Fact]
    public async Task Enumerate_visit_and_stream_give_their_pools_back()
    {
        byte[] payload = ProcessEventsPayload.Build(200);
        var cache = new HuntingInternCache();
        var options = new HuntingReaderOptions { InternColumns = ["DeviceName"], InternCache = cache };

        string? enumerated = null;
        foreach (ProcessEventRow row in HuntingResultReader.Enumerate<ProcessEventRow>(payload, options))
        {
            enumerated = row.DeviceName;
            break; // leaving foreach early still ends the read
        }

        int afterEnumerate = cache.Count;
        Assert.Equal(1, afterEnumerate);

        var visitor = new FirstDeviceVisitor();
        HuntingResultReader.Visit<ProcessEventRow, FirstDeviceVisitor>(payload, ref visitor, options);
        Assert.Same(enumerated, visitor.First);
        int afterVisit = cache.Count;
        Assert.True(afterVisit > afterEnumerate, $"{afterVisit} values after the full visit");

        await using var stream = new MemoryStream(payload, writable: false);
        string? streamed = null;
        await foreach (ProcessEventRow row in HuntingResultReader.StreamAsync<ProcessEventRow>(stream, options))
        {
            streamed ??= row.DeviceName;
        }

        Assert.Same(enumerated, streamed);
        Assert.Equal(afterVisit, cache.Count);

        cache.Clear();
        Assert.Equal(0, cache.Count);
        List<ProcessEventRow> fresh = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);
        Assert.NotSame(enumerated, fresh[0].DeviceName);
        Assert.Equal(enumerated, fresh[0].DeviceName);
    }

    [Fact]
    public void An_enumerator_used_after_Dispose_no_longer_touches_the_pool_it_gave_back()
    {
        byte[] payload = ProcessEventsPayload.Build(50);
        var cache = new HuntingInternCache();
        var options = new HuntingReaderOptions { InternColumns = ["DeviceName"], InternCache = cache };
        List<ProcessEventRow> expected = HuntingResultReader.ReadAll<ProcessEventRow>(payload);

        HuntingRowEnumerator<ProcessEventRow> enumerator = HuntingResultReader.Enumerate<ProcessEventRow>(payload, options).GetEnumerator();
        Assert.True(enumerator.MoveNext());
        enumerator.Dispose();
        int returned = cache.Count;

        // Another read takes the pool; the disposed enumerator keeps reading correct rows without interning.
        List<ProcessEventRow> other = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);
        var rest = new List<ProcessEventRow> { enumerator.Current };
        while (enumerator.MoveNext())
        {
            rest.Add(enumerator.Current);
        }

        Assert.Equal(1, returned);
        Assert.Equal(expected, other);
        Assert.Equal(expected, rest);
        Assert.NotSame(other[^1].DeviceName, rest[^1].DeviceName);
    }

    [Fact]
    public void A_failed_read_still_gives_its_pool_back()
    {
        byte[] payload = ProcessEventsPayload.Build(100);
        byte[] truncated = payload[..(payload.Length / 2)];
        var cache = new HuntingInternCache();
        var options = new HuntingReaderOptions { InternColumns = ["DeviceName"], InternCache = cache };

        Assert.Throws<HuntingResultFormatException>(() => HuntingResultReader.ReadAll<ProcessEventRow>(truncated, options));

        Assert.True(cache.Count > 0);
        Assert.Equal(HuntingResultReader.ReadAll<ProcessEventRow>(payload), HuntingResultReader.ReadAll<ProcessEventRow>(payload, options));
    }

    [Fact]
    public void Concurrent_reads_sharing_a_cache_read_correct_rows()
    {
        byte[] payload = ProcessEventsPayload.Build(1500);
        List<ProcessEventRow> expected = HuntingResultReader.ReadAll<ProcessEventRow>(payload);
        var options = new HuntingReaderOptions { Interning = StringInterning.AllStrings, InternCache = new HuntingInternCache() };

        List<ProcessEventRow>[] results = new List<ProcessEventRow>[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options));

        Assert.All(results, rows => Assert.Equal(expected, rows));
    }

    [Fact]
    public void A_full_cache_column_stops_growing_at_its_limit()
    {
        byte[] payload = ProcessEventsPayload.Build(2000);
        var cache = new HuntingInternCache();
        var options = new HuntingReaderOptions { InternColumns = ["DeviceName"], MaxInternedPerColumn = 25, InternCache = cache };

        List<ProcessEventRow> rows = HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);
        HuntingResultReader.ReadAll<ProcessEventRow>(payload, options);

        Assert.Equal(25, cache.Count);
        Assert.Equal(HuntingResultReader.ReadAll<ProcessEventRow>(payload), rows);
    }

    [Fact]
    public void Reading_from_memory_keeps_dynamic_values_in_place_and_reading_from_an_array_copies_them()
    {
        string json = ResponseBuilder.Build(false, [("Dyn", "Dynamic"), ("S", "String")],
        [
            """{"Dyn":{"a":[1,2]},"S":"x"}""",
            """{"Dyn":"{\"held\":true}","S":"y"}""",
        ]);
        byte[] bytes = ResponseBuilder.Utf8(json);

        List<DynamicRow> copied = HuntingResultReader.ReadAll<DynamicRow>(bytes);
        List<DynamicRow> inPlace = HuntingResultReader.ReadAll<DynamicRow>(bytes.AsMemory());
        Assert.Equal(copied, inPlace);
        Assert.Equal("""{"a":[1,2]}""", inPlace[0].Dyn.GetRawText());
        Assert.Equal("""{"held":true}""", inPlace[1].Dyn.GetRawText());

        // The in-place value is a view of the caller's memory (documented: keep it unchanged); the copy is not.
        int at = json.IndexOf("[1,2]", StringComparison.Ordinal) + 1;
        bytes[at] = (byte)'7';
        Assert.Equal("""{"a":[7,2]}""", inPlace[0].Dyn.GetRawText());
        Assert.Equal("""{"a":[1,2]}""", copied[0].Dyn.GetRawText());

        var enumerated = new List<DynamicRow>();
        foreach (DynamicRow row in HuntingResultReader.Enumerate<DynamicRow>(bytes.AsMemory()))
        {
            enumerated.Add(row);
        }

        Assert.Equal(inPlace, enumerated);
    }

    [Fact]
    public void Memory_reads_raise_the_same_errors_as_span_reads()
    {
        string json = ResponseBuilder.Build(false, [("Dyn", "Dynamic"), ("S", "String")], ["""{"Dyn":{"a":[1,2},"S":"x"}"""]);
        byte[] bytes = ResponseBuilder.Utf8(json);

        HuntingResultFormatException fromSpan = Assert.Throws<HuntingResultFormatException>(() => HuntingResultReader.ReadAll<DynamicRow>(bytes));
        HuntingResultFormatException fromMemory = Assert.Throws<HuntingResultFormatException>(() => HuntingResultReader.ReadAll<DynamicRow>(bytes.AsMemory()));
        Assert.Equal(fromSpan.Message, fromMemory.Message);
        Assert.Equal(0, fromMemory.RowIndex);
        Assert.Equal("Dyn", fromMemory.ColumnName);
    }

    private struct FirstDeviceVisitor : IHuntingRowVisitor<ProcessEventRow>
    {
        public string? First { get; private set; }

        public bool Visit(in ProcessEventRow row, long index)
        {
            First ??= row.DeviceName;
            return true;
        }
    }
}

/// <summary>A dynamic column and a string column.</summary>
[HuntingResult]
public sealed partial record DynamicRow(KqlDynamicValue Dyn, string S);
