using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Defender365Typed.Client;

/// <summary><see cref="HuntingRowFormat.Ndjson"/>: each row's JSON object on one line (non-ASCII text as it is).</summary>
internal sealed class NdjsonRowWriter(TextWriter output) : HuntingRowWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public override void Write(HuntingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            row.Element.WriteTo(json);
        }

        output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        output.Write('\n');
    }
}
