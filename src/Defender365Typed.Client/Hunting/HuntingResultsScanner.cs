using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;

namespace Defender365Typed.Client;

/// <summary>
/// Streams the row objects of a hunting response (<c>results</c> in Graph, <c>Results</c> in the legacy
/// API, any order of properties) as they arrive, holding only one buffer of the body in memory.
/// Throws <see cref="JsonException"/> on malformed JSON and on a body that ends early.
/// </summary>
public static class HuntingResultsScanner
{
    private enum Phase
    {
        Start,
        Root,
        Rows,
        Done,
    }

    /// <summary>Yields every row object of the response in <paramref name="utf8Json"/>.</summary>
    public static async IAsyncEnumerable<JsonElement> ReadRowsAsync(Stream utf8Json, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        var rows = new List<JsonElement>();
        var state = new JsonReaderState();
        Phase phase = Phase.Start;
        int start = 0, end = 0;
        bool final = false;
        try
        {
            while (phase != Phase.Done)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await utf8Json.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                final = read == 0;
                end += read;
                int consumed = Scan(buffer.AsSpan(start, end - start), final, ref state, ref phase, rows);
                start += consumed;
                foreach (JsonElement row in rows)
                {
                    yield return row;
                }

                rows.Clear();
                if (final && phase != Phase.Done)
                {
                    throw new JsonException($"The hunting response ended before its results were complete ({end - start} bytes left unread).");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Scan(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ref Phase phase, List<JsonElement> rows)
    {
        var reader = new Utf8JsonReader(data, final, state);
        int checkpoint = 0;
        while (phase != Phase.Done)
        {
            if (!Step(ref reader, ref phase, rows))
            {
                return checkpoint; // incomplete: resume from the last whole unit with the saved state
            }

            checkpoint = (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }

        return checkpoint;
    }

    /// <summary>Consumes one whole unit (a token, a skipped property, a row); false if the data ends inside it.</summary>
    private static bool Step(ref Utf8JsonReader reader, ref Phase phase, List<JsonElement> rows)
    {
        switch (phase)
        {
            case Phase.Start:
                if (!reader.Read())
                {
                    return false;
                }

                phase = reader.TokenType == JsonTokenType.StartObject ? Phase.Root : throw new JsonException("A hunting response is a JSON object.");
                return true;

            case Phase.Root:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    phase = Phase.Done;
                    return true;
                }

                bool isResults = string.Equals(reader.GetString(), "results", StringComparison.OrdinalIgnoreCase);
                if (!reader.Read())
                {
                    return false;
                }

                if (isResults)
                {
                    phase = reader.TokenType == JsonTokenType.StartArray ? Phase.Rows : throw new JsonException("'results' is not an array.");
                    return true;
                }

                return reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();

            case Phase.Rows:
                Utf8JsonReader probe = reader;
                if (!probe.Read())
                {
                    return false;
                }

                if (probe.TokenType == JsonTokenType.EndArray)
                {
                    reader = probe;
                    phase = Phase.Root;
                    return true;
                }

                if (probe.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException("A hunting result row is not a JSON object.");
                }

                Utf8JsonReader skip = probe;
                if (!skip.TrySkip())
                {
                    return false;
                }

                reader = probe;
                rows.Add(JsonElement.ParseValue(ref reader));
                return true;

            default:
                return true;
        }
    }
}
