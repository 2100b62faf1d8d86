using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Defender365Typed.Client;

/// <summary>
/// One query in a batch's state file: its rows from the range's start up to <see cref="Done"/> are the first
/// <see cref="Bytes"/> bytes (<see cref="Rows"/> rows) of its output; <see cref="Finished"/> once the whole range ran.
/// </summary>
internal sealed class HuntingBatchQueryState(string name, string hash)
{
    public string Name { get; } = name;

    public string Hash { get; } = hash;

    public DateTime Done { get; set; }

    public long Bytes { get; set; }

    public long Rows { get; set; }

    public bool Finished { get; set; }

    /// <summary>The ranges of failed slices a lenient batch went past.</summary>
    public List<(DateTime Start, DateTime End)> Gaps { get; } = [];

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("name", Name);
        json.WriteString("sha256", Hash);
        json.WriteString("done", HuntingBatchState.Text(Done));
        json.WriteNumber("bytes", Bytes);
        json.WriteNumber("rows", Rows);
        json.WriteBoolean("finished", Finished);
        json.WriteStartArray("gaps");
        foreach ((DateTime start, DateTime end) in Gaps)
        {
            json.WriteStartObject();
            json.WriteString("start", HuntingBatchState.Text(start));
            json.WriteString("end", HuntingBatchState.Text(end));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static HuntingBatchQueryState Read(JsonElement element)
    {
        var query = new HuntingBatchQueryState(
            HuntingBatchState.Required(element, "name", JsonValueKind.String).GetString()!,
            HuntingBatchState.Required(element, "sha256", JsonValueKind.String).GetString()!)
        {
            Done = HuntingBatchState.Time(element, "done"),
            Bytes = HuntingBatchState.Required(element, "bytes", JsonValueKind.Number).GetInt64(),
            Rows = HuntingBatchState.Required(element, "rows", JsonValueKind.Number).GetInt64(),
            Finished = element.TryGetProperty("finished", out JsonElement finished) && finished.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? finished.GetBoolean()
                : throw new FormatException("'finished' is missing or not a boolean"),
        };
        query.Gaps.AddRange(HuntingBatchState.Required(element, "gaps", JsonValueKind.Array).EnumerateArray()
            .Select(g => (HuntingBatchState.Time(g, "start"), HuntingBatchState.Time(g, "end"))));
        if (query.Bytes < 0 || query.Rows < 0)
        {
            throw new FormatException($"query '{query.Name}' has a negative length");
        }

        return query;
    }
}
