using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Defender365Typed.Client;
using Defender365Typed.Results;

namespace Defender365Typed.Benchmarks.Results;

/// <summary>
/// Reading a synthetic DeviceProcessEvents response (15 columns incl. dynamic) into typed rows: the generated reader
/// (full rows, rows with interned low-cardinality strings, a 3-column struct projection, and streamed from a Stream),
/// and the client's untyped rows (HuntingRow: a JsonElement per row, through the same envelope parser), against
/// System.Text.Json (source-gen and reflection), Newtonsoft.Json and JsonDocument with hand mapping, into the same row
/// type; and a bare Utf8JsonReader token scan of the same bytes, the floor.
/// Run: <c>dotnet run -c Release --project benchmarks/Defender365Typed.Benchmarks -- --filter *ResultReader* --job medium</c>.
/// </summary>
[MemoryDiagnoser]
public class ResultReaderBenchmarks
{
    private static readonly string[] LowCardinalityColumns =
        ["DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1", "SHA256", "AccountDomain", "AccountName", "InitiatingProcessFileName"];

    private static readonly HuntingReaderOptions Interned = new()
    {
        InternColumns = LowCardinalityColumns,
    };

    // A long-lived cache, as a service that runs hunting queries repeatedly would keep; warmed by Setup's first read.
    private static readonly HuntingReaderOptions InternedWithCache = new()
    {
        InternColumns = LowCardinalityColumns,
        InternCache = new HuntingInternCache(),
    };

    // DeviceName is [Intern] on ProcessKey; the long-lived cache keeps its 200 values decoded across reads.
    private static readonly HuntingReaderOptions ProjectionOptions = new() { InternCache = new HuntingInternCache() };

    private static readonly JsonSerializerOptions Reflection = new();
    private static readonly Newtonsoft.Json.JsonSerializer NewtonsoftSerializer = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
    {
        DateTimeZoneHandling = Newtonsoft.Json.DateTimeZoneHandling.Utc,
        Converters = { new NewtonsoftDynamicConverter() },
    });

    private byte[] _payload = [];

    [Params(1_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = ProcessEventsPayload.Build(Rows);
        Console.WriteLine($"// payload {Rows} rows: {_payload.Length} bytes");
        // Every contender must produce the same rows.
        List<ProcessEventRow> expected = GeneratedFullRows();
        Check(expected, StjSourceGen(), "STJ source-gen");
        Check(expected, StjReflection(), "STJ reflection");
        Check(expected, NewtonsoftJson(), "Newtonsoft");
        Check(expected, JsonDocumentHandMapped(), "JsonDocument");
        Check(expected, GeneratedInterned(), "interned");
        Check(expected, GeneratedFullRowsInPlace(), "in place");
        Check(expected, GeneratedInternedCachedInPlace(), "interned, cached, in place");
        if (GeneratedStream().GetAwaiter().GetResult() != Rows || ClientUntypedRows().GetAwaiter().GetResult() != Rows || GeneratedStructProjection() == 0 || TokenScanFloor() == 0)
        {
            throw new InvalidOperationException("a benchmark read the wrong number of rows");
        }
    }

    /// <summary>Payload size, for MB/s.</summary>
    public int PayloadBytes => _payload.Length;

    [Benchmark(Description = "Utf8JsonReader token scan (floor)")]
    public int TokenScanFloor()
    {
        var reader = new Utf8JsonReader(_payload);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "generated: full rows")]
    public List<ProcessEventRow> GeneratedFullRows() => HuntingResultReader.ReadAll<ProcessEventRow>(_payload);

    [Benchmark(Description = "generated: full rows from ReadOnlyMemory (dynamic in place)")]
    public List<ProcessEventRow> GeneratedFullRowsInPlace() => HuntingResultReader.ReadAll<ProcessEventRow>(_payload.AsMemory());

    [Benchmark(Description = "generated: full rows, interned strings")]
    public List<ProcessEventRow> GeneratedInterned() => HuntingResultReader.ReadAll<ProcessEventRow>(_payload, Interned);

    [Benchmark(Description = "generated: full rows, interned strings, shared cache, dynamic in place")]
    public List<ProcessEventRow> GeneratedInternedCachedInPlace() => HuntingResultReader.ReadAll<ProcessEventRow>(_payload.AsMemory(), InternedWithCache);

    [Benchmark(Description = "generated: 3-column struct projection")]
    public long GeneratedStructProjection()
    {
        long sum = 0;
        foreach (ProcessKey key in HuntingResultReader.Enumerate<ProcessKey>(_payload, ProjectionOptions))
        {
            sum += key.ProcessId.GetValueOrDefault() + key.DeviceName.Length + key.Timestamp.Ticks;
        }

        return sum;
    }

    [Benchmark(Description = "generated: full rows streamed from a Stream (rows dropped)")]
    public async Task<int> GeneratedStream()
    {
        int count = 0;
        using var stream = new MemoryStream(_payload, writable: false);
        await foreach (ProcessEventRow row in HuntingResultReader.StreamAsync<ProcessEventRow>(stream))
        {
            count += row.ProcessId.HasValue ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = "client: untyped HuntingRow rows streamed from a Stream")]
    public async Task<int> ClientUntypedRows()
    {
        int count = 0;
        using var stream = new MemoryStream(_payload, writable: false);
        await foreach (HuntingRow row in UntypedHuntingResultReader.Instance.ReadAsync(stream, default))
        {
            count += row.Count > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json source-gen")]
    public List<ProcessEventRow> StjSourceGen() => JsonSerializer.Deserialize(_payload, BenchmarkJsonContext.Default.GraphHuntingResponse)!.Results!;

    [Benchmark(Description = "System.Text.Json reflection")]
    public List<ProcessEventRow> StjReflection() => JsonSerializer.Deserialize<GraphHuntingResponse>(_payload, Reflection)!.Results!;

    [Benchmark(Description = "Newtonsoft.Json")]
    public List<ProcessEventRow> NewtonsoftJson()
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(new MemoryStream(_payload, writable: false), Encoding.UTF8));
        return NewtonsoftSerializer.Deserialize<GraphHuntingResponse>(reader)!.Results!;
    }

    [Benchmark(Description = "JsonDocument + hand mapping")]
    public List<ProcessEventRow> JsonDocumentHandMapped() => JsonDocumentMapper.Read(_payload);

    private void Check(List<ProcessEventRow> expected, List<ProcessEventRow> actual, string name)
    {
        if (expected.Count != Rows || !expected.SequenceEqual(actual))
        {
            int at = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i]);
            throw new InvalidOperationException($"{name} disagrees with the generated reader at row {at}: {expected.ElementAtOrDefault(at)} vs {actual.ElementAtOrDefault(at)}");
        }
    }
}
