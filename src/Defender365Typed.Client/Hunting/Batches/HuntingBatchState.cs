using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>
/// The state file of a batch (docs/hunting-batches.md): the fixed range and format, and per query the hash of its text,
/// the end of its completed time prefix and the committed length of its output. Written whole and atomically after every
/// committed slice; read back, checked and compared with the batch being resumed.
/// </summary>
internal sealed class HuntingBatchState
{
    private const int Version = 1;

    public HuntingBatchState(DateTime start, DateTime end, HuntingRowFormat format, List<HuntingBatchQueryState> queries)
    {
        Start = start;
        End = end;
        Format = format;
        Queries = queries;
    }

    public DateTime Start { get; }

    public DateTime End { get; }

    public HuntingRowFormat Format { get; }

    public List<HuntingBatchQueryState> Queries { get; }

    public static HuntingBatchState New(DateTime start, DateTime end, HuntingRowFormat format, IEnumerable<HuntingBatchQuery> queries) =>
        new(start, end, format, [.. queries.Select(q => new HuntingBatchQueryState(q.Name, Hash(q.Kql)) { Done = start })]);

    /// <summary>The SHA-256 of a query's text (UTF-8), in hex.</summary>
    public static string Hash(string kql) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(kql)));

    public Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("start", Text(Start));
            json.WriteString("end", Text(End));
            json.WriteString("format", HuntingRowWriter.Extension(Format));
            json.WriteStartArray("queries");
            foreach (HuntingBatchQueryState query in Queries)
            {
                query.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);

        // Not cancelled half-way: a state file either is written or is not.
        return AtomicFile.WriteAsync(path, buffer.WrittenMemory, CancellationToken.None);
    }

    /// <exception cref="HuntingBatchStateException">The file is not a batch state file of this version.</exception>
    public static HuntingBatchState Load(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            int version = Required(root, "version", JsonValueKind.Number).GetInt32();
            if (version != Version)
            {
                throw new FormatException($"its version is {version}, not {Version}");
            }

            var state = new HuntingBatchState(
                Time(root, "start"),
                Time(root, "end"),
                Required(root, "format", JsonValueKind.String).GetString() switch
                {
                    "ndjson" => HuntingRowFormat.Ndjson,
                    "csv" => HuntingRowFormat.Csv,
                    string other => throw new FormatException($"its format '{other}' is not ndjson or csv"),
                    null => throw new FormatException("its format is missing"),
                },
                [.. Required(root, "queries", JsonValueKind.Array).EnumerateArray().Select(HuntingBatchQueryState.Read)]);
            if (state.End <= state.Start)
            {
                throw new FormatException("its end is not after its start");
            }

            foreach (HuntingBatchQueryState query in state.Queries)
            {
                if (query.Done < state.Start || query.Done > state.End)
                {
                    throw new FormatException($"query '{query.Name}' is done up to {Text(query.Done)}, outside the range");
                }
            }

            return state;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new HuntingBatchStateException(
                $"The batch state file {path} is corrupt ({ex.Message}); nothing was run. It is written atomically, so it was changed by something else: start the batch over (the outputs are rewritten).",
                path,
                ex);
        }
    }

    /// <summary>The first difference between this (recorded) batch and the one being resumed, or null when they are the same batch.</summary>
    public string? Difference(IReadOnlyList<HuntingBatchQuery> queries, HuntingRowFormat format, DateTime? start, DateTime? end)
    {
        if (format != Format)
        {
            return $"the format is {HuntingRowWriter.Extension(format)}, the batch's is {HuntingRowWriter.Extension(Format)}";
        }

        if ((start is DateTime s && s != Start) || (end is DateTime e && e != End))
        {
            return $"the range is [{Text(start ?? Start)}, {Text(end ?? End)}), the batch's is [{Text(Start)}, {Text(End)})";
        }

        foreach (HuntingBatchQueryState recorded in Queries)
        {
            HuntingBatchQuery? now = queries.FirstOrDefault(q => q.Name == recorded.Name);
            if (now is null)
            {
                return $"query '{recorded.Name}' of the batch is missing";
            }

            if (Hash(now.Kql) != recorded.Hash)
            {
                return $"the text of query '{recorded.Name}' changed";
            }
        }

        HuntingBatchQuery? added = queries.FirstOrDefault(q => Queries.All(r => r.Name != q.Name));
        return added is null ? null : $"query '{added.Name}' is not in the batch";
    }

    internal static string Text(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    internal static JsonElement Required(JsonElement parent, string name, JsonValueKind kind) =>
        parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"'{name}' is missing or not a JSON {kind}");

    internal static DateTime Time(JsonElement parent, string name)
    {
        string text = Required(parent, name, JsonValueKind.String).GetString()!;
        return DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime value)
            ? value
            : throw new FormatException($"'{name}' ({text}) is not a UTC time");
    }
}
