using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Benchmarks.Results;
using Defender365Typed.Results;
using Defender365Typed.Tables;

namespace Defender365Typed.Results.Tests;

public class BasicReadTests
{
    private static readonly (string, string)[] PositionalSchema = [("Timestamp", "DateTime"), ("DeviceName", "String"), ("ProcessId", "Int64"), ("Action Type", "String")];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_both_envelopes_into_a_positional_record(bool legacy)
    {
        string json = ResponseBuilder.Build(legacy, PositionalSchema,
        [
            """{"Timestamp":"2024-03-26T09:39:50.7688641Z","DeviceName":"ws-1","ProcessId":42,"Action Type":"ProcessCreated"}""",
            """{"Action Type":"X","ProcessId":null,"DeviceName":"ws-2","Timestamp":"2021-04-26T09:37:48Z","Extra":{"deep":[1,2,{"a":null}]}}""",
        ]);

        List<PositionalRow> rows = HuntingResultReader.ReadAll<PositionalRow>(ResponseBuilder.Utf8(json));

        Assert.Equal(
        [
            new PositionalRow(new DateTime(2024, 3, 26, 9, 39, 50, DateTimeKind.Utc).AddTicks(7688641), "ws-1", 42, "ProcessCreated"),
            new PositionalRow(new DateTime(2021, 4, 26, 9, 37, 48, DateTimeKind.Utc), "ws-2", null, "X"),
        ], rows);
        Assert.Equal(DateTimeKind.Utc, rows[0].Timestamp.Kind);
    }

    [Fact]
    public void Count_result_reads_from_the_built_in_type()
    {
        string json = ResponseBuilder.Build(false, [("Count", "Int64")], ["""{"Count":123456789012}"""]);
        KqlCountResult row = Assert.Single(HuntingResultReader.ReadAll<KqlCountResult>(ResponseBuilder.Utf8(json)));
        Assert.Equal(123456789012, row.Count);
    }

    [Fact]
    public void Built_in_table_reads_a_projection_with_missing_columns_as_defaults()
    {
        string json = ResponseBuilder.Build(false, [("Timestamp", "DateTime"), ("FileName", "String"), ("FileSize", "Int64")],
            ["""{"Timestamp":"2024-01-01T00:00:00Z","FileName":"cmd.exe","FileSize":"1024"}"""]);

        DeviceFileEvents row = Assert.Single(HuntingResultReader.ReadAll<DeviceFileEvents>(
            ResponseBuilder.Utf8(json), new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault }));

        Assert.Equal("cmd.exe", row.FileName);
        Assert.Equal(1024, row.FileSize);
        Assert.Equal("", row.DeviceName);
        Assert.Equal("", row.SHA256);
    }

    [Fact]
    public void Escaped_property_names_and_values_match()
    {
        string json = ResponseBuilder.Build(false, PositionalSchema,
            ["""{"\u0054imestamp":"2024-03-26T09:39:50Z","DeviceName":"ws\u002d1 \"q\" \\ \u00e9","ProcessId":"7","Action\u0020Type":"A"}"""]);

        PositionalRow row = Assert.Single(HuntingResultReader.ReadAll<PositionalRow>(ResponseBuilder.Utf8(json)));

        Assert.Equal("ws-1 \"q\" \\ é", row.DeviceName);
        Assert.Equal(7, row.ProcessId);
        Assert.Equal("A", row.ActionType);
    }

    [Fact]
    public void Mixed_constructor_and_setter_and_struct_rows_are_built()
    {
        string json = ResponseBuilder.Build(false, [("Name", "String"), ("Size", "Int32"), ("Score", "Double")],
            ["""{"Score":"NaN","Size":5,"Name":"a"}""", """{"Name":"b","Size":null,"Score":1.5}"""]);

        List<MixedRow> rows = HuntingResultReader.ReadAll<MixedRow>(ResponseBuilder.Utf8(json));
        Assert.Equal(("a", (int?)5), (rows[0].Name, rows[0].Size));
        Assert.True(double.IsNaN(rows[0].Score!.Value));
        Assert.Equal(1.5, rows[1].Score);

        string structJson = ResponseBuilder.Build(true, [("Id", "Int64"), ("Tag", "String")], ["""{"Id":1,"Tag":null}""", """{"Tag":"t","Id":"2"}"""]);
        List<MutableStructRow> structs = HuntingResultReader.ReadAll<MutableStructRow>(ResponseBuilder.Utf8(structJson));
        Assert.Equal([new MutableStructRow { Id = 1 }, new MutableStructRow { Id = 2, Tag = "t" }], structs);
    }

    [Fact]
    public void Dynamic_values_keep_raw_json_and_unwrap_strings_that_hold_json()
    {
        string json = ResponseBuilder.Build(false, [("Dyn", "Object"), ("DynText", "Object"), ("Je", "Object"), ("S", "String")],
        [
            """{"Dyn":{"a":[1,2]},"DynText":{"b":true},"Je":[1,"x"],"S":""}""",
            """{"Dyn":"{\"a\":[1,2]}","DynText":"{\"b\":true}","Je":"[1,\"x\"]","S":""}""",
            """{"Dyn":"plain","DynText":"plain","Je":"plain","S":""}""",
            """{"Dyn":null,"DynText":null,"Je":null,"S":null}""",
            """{"Dyn":12.5,"DynText":false,"Je":3,"S":"s"}""",
        ]);

        List<AllTypesRow> rows = HuntingResultReader.ReadAll<AllTypesRow>(ResponseBuilder.Utf8(json), new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault });

        Assert.Equal("{\"a\":[1,2]}", rows[0].Dyn.GetRawText());
        Assert.Equal(JsonValueKind.Object, rows[0].Dyn.ValueKind);
        Assert.Equal(rows[0].Dyn, rows[1].Dyn);
        Assert.Equal(2, rows[1].Dyn.ToJsonElement().GetProperty("a")[1].GetInt32());
        Assert.Equal("{\"b\":true}", rows[0].DynText);
        Assert.Equal("{\"b\":true}", rows[1].DynText);
        Assert.Equal("[1,\"x\"]", rows[0].Je!.Value.GetRawText());
        Assert.Equal(JsonValueKind.Array, rows[1].Je!.Value.ValueKind);
        Assert.Equal(JsonValueKind.String, rows[2].Dyn.ValueKind);
        Assert.Equal("plain", rows[2].Dyn.GetString());
        Assert.Equal("plain", rows[2].DynText);
        Assert.Equal("plain", rows[2].Je!.Value.GetString());
        Assert.True(rows[3].Dyn.IsNull);
        Assert.Equal("", rows[3].DynText);
        Assert.Null(rows[3].Je);
        Assert.Equal("", rows[3].S);
        Assert.Equal("12.5", rows[4].Dyn.GetRawText());
        Assert.Equal("false", rows[4].DynText);
    }

    [Fact]
    public void Every_scalar_type_in_the_forms_the_service_sends()
    {
        string json = ResponseBuilder.Build(false, [],
        [
            """{"S":"x","NS":null,"L":"-9223372036854775808","I":2147483647,"R":"-Infinity","Dec":"79228162514264337593543950335","B":"True","Dt":"2020-09-06T14:46:57.29Z","Dto":"2020-09-06T14:46:57.123456789+02:00","G":"6f9619ff-8b86-d011-b42d-00c04fc964ff","Ts":"1.02:03:04.5670000","Dyn":[],"DynText":[],"Je":{}}""",
        ]);

        AllTypesRow row = Assert.Single(HuntingResultReader.ReadAll<AllTypesRow>(ResponseBuilder.Utf8(json), new HuntingReaderOptions { RequireSchema = true, MissingColumns = MissingColumnHandling.UseDefault }));

        Assert.Equal(long.MinValue, row.L);
        Assert.Equal(int.MaxValue, row.I);
        Assert.Equal(double.NegativeInfinity, row.R);
        Assert.Equal(decimal.MaxValue, row.Dec);
        Assert.True(row.B);
        Assert.Equal(new DateTime(2020, 9, 6, 14, 46, 57, 290, DateTimeKind.Utc), row.Dt);
        Assert.Equal(new DateTimeOffset(2020, 9, 6, 14, 46, 57, TimeSpan.FromHours(2)).AddTicks(1234567), row.Dto);
        Assert.Equal(TimeSpan.FromHours(2), row.Dto!.Value.Offset);
        Assert.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), row.G);
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 567), row.Ts);
        Assert.Equal("[]", row.DynText);
    }

    [Fact]
    public void Interned_columns_share_one_instance_per_value()
    {
        byte[] payload = ProcessEventsPayload.Build(2000);
        List<ProcessKey> keys = HuntingResultReader.ReadAll<ProcessKey>(payload);
        Dictionary<string, string> first = [];
        foreach (ProcessKey key in keys)
        {
            if (first.TryGetValue(key.DeviceName, out string? seen))
            {
                Assert.Same(seen, key.DeviceName);
            }
            else
            {
                first[key.DeviceName] = key.DeviceName;
            }
        }

        Assert.InRange(first.Count, 150, ProcessEventsPayload.Devices);

        List<ProcessEventRow> rows = HuntingResultReader.ReadAll<ProcessEventRow>(payload, new HuntingReaderOptions { Interning = StringInterning.AllStrings, MaxInternedPerColumn = 100 });
        Assert.Same(rows[0].ActionType, rows.First(r => r != rows[0] && r.ActionType == rows[0].ActionType).ActionType);
        List<ProcessEventRow> plain = HuntingResultReader.ReadAll<ProcessEventRow>(payload, new HuntingReaderOptions { Interning = StringInterning.None });
        Assert.Equal(plain, rows);
    }

    [Fact]
    public void Generated_reader_agrees_with_system_text_json_on_the_synthetic_payload()
    {
        byte[] payload = ProcessEventsPayload.Build(500, ResponseShape.Legacy);
        List<ProcessEventRow> ours = HuntingResultReader.ReadAll<ProcessEventRow>(payload);
        using JsonDocument document = JsonDocument.Parse(payload);
        List<ProcessEventRow> theirs = document.RootElement.GetProperty("Results").EnumerateArray()
            .Select(e => e.Deserialize<ProcessEventRow>(JsonSerializerOptions.Default)!)
            .ToList();
        Assert.Equal(500, ours.Count);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Sequence_stream_and_pipe_give_the_same_rows_as_a_span()
    {
        byte[] payload = ProcessEventsPayload.Build(3000);
        List<ProcessEventRow> expected = HuntingResultReader.ReadAll<ProcessEventRow>(payload);

        Assert.Equal(expected, HuntingResultReader.ReadAll<ProcessEventRow>(Segmented(payload, 37)));

        var small = new HuntingReaderOptions { StreamBufferSize = 256 };
        Assert.Equal(expected, Collect(HuntingResultReader.StreamAsync<ProcessEventRow>(new TrickleStream(payload, 1000), small)));
        Assert.Equal(expected, Collect(HuntingResultReader.StreamAsync<ProcessEventRow>(ProcessEventsPayload.OpenStream(3000))));

        var pipe = PipeReader.Create(new TrickleStream(payload, 333), new StreamPipeReaderOptions(bufferSize: 512, minimumReadSize: 128));
        Assert.Equal(expected, Collect(HuntingResultReader.StreamAsync<ProcessEventRow>(pipe)));
    }

    [Fact]
    public void Enumerate_and_visit_read_rows_one_at_a_time()
    {
        byte[] payload = ProcessEventsPayload.Build(100);
        int count = 0;
        foreach (ProcessKey key in HuntingResultReader.Enumerate<ProcessKey>(payload))
        {
            Assert.StartsWith("ws-", key.DeviceName, StringComparison.Ordinal);
            count++;
        }

        Assert.Equal(100, count);
        var visitor = new StopAfter { Limit = 10 };
        Assert.Equal(10, HuntingResultReader.Visit<ProcessKey, StopAfter>(payload, ref visitor));
        Assert.Equal(10, visitor.Seen);
    }

    internal static List<T> Collect<T>(IAsyncEnumerable<T> rows) => Task.Run(async () =>
    {
        var list = new List<T>();
        await foreach (T row in rows)
        {
            list.Add(row);
        }

        return list;
    }).GetAwaiter().GetResult();

    internal static ReadOnlySequence<byte> Segmented(byte[] data, int segmentSize)
    {
        Segment? first = null, last = null;
        for (int i = 0; i < data.Length; i += segmentSize)
        {
            var memory = data.AsMemory(i, Math.Min(segmentSize, data.Length - i));
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private struct StopAfter : IHuntingRowVisitor<ProcessKey>
    {
        public int Limit;
        public int Seen;

        public bool Visit(in ProcessKey row, long rowIndex)
        {
            Seen++;
            return Seen < Limit;
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>A stream that returns at most a few bytes per read (chunk sizes vary with a fixed seed).</summary>
internal sealed class TrickleStream(byte[] data, int maxChunk, int seed = 7) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, 1 + _random.Next(maxChunk)), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
