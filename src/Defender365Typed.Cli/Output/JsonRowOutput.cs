using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Defender365Typed.Client;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// <c>hunt -o json</c>: one JSON array of row objects, written as rows are read. The writer's UTF-8 output is decoded to
/// the text output in chunks, so no more than about <see cref="ChunkBytes"/> of it is held at once.
/// </summary>
internal sealed class JsonRowOutput : RowOutput
{
    private const int ChunkBytes = 16 * 1024;
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes);
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly Utf8JsonWriter _json;
    private char[] _chars = [];

    public JsonRowOutput(TextWriter output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, Options);
        _json.WriteStartArray();
    }

    public override bool Streams => true;

    protected override void Write(HuntingRow row, bool first)
    {
        row.Element.WriteTo(_json);
        if (_json.BytesPending + _buffer.WrittenCount >= ChunkBytes)
        {
            Drain();
        }
    }

    public override void Complete(long rows)
    {
        _json.WriteEndArray();
        Drain();
        _output.WriteLine();
    }

    public override void Dispose()
    {
        _json.Dispose();
        base.Dispose();
    }

    private void Drain()
    {
        _json.Flush();
        ReadOnlySpan<byte> bytes = _buffer.WrittenSpan;
        int needed = _decoder.GetCharCount(bytes, flush: false);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, ChunkBytes)];
        }

        int count = _decoder.GetChars(bytes, _chars, flush: false);
        _output.Write(_chars, 0, count);
        _buffer.ResetWrittenCount();
    }
}
