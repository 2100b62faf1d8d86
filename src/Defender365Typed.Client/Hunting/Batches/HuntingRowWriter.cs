using System;
using System.IO;
using System.Text.Json;

namespace Defender365Typed.Client;

/// <summary>
/// Writes untyped hunting rows as text, one at a time, in a <see cref="HuntingRowFormat"/>: the one writer of each format
/// that batches (<see cref="HuntingClient.RunBatchAsync"/>) and the CLI use. Nothing is held beyond the text writer's buffer.
/// </summary>
public abstract class HuntingRowWriter
{
    private protected HuntingRowWriter()
    {
    }

    /// <summary>A writer of <paramref name="format"/> on <paramref name="output"/>.</summary>
    /// <param name="output">Where the text goes; not closed by the writer.</param>
    /// <param name="format">The format.</param>
    /// <param name="continuation">
    /// The output already holds rows of the same result (a resumed batch appending to its file): a CSV header is not
    /// written again.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined format.</exception>
    public static HuntingRowWriter Create(TextWriter output, HuntingRowFormat format, bool continuation = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        return format switch
        {
            HuntingRowFormat.Ndjson => new NdjsonRowWriter(output),
            HuntingRowFormat.Csv => new CsvRowWriter(output, continuation),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a row format; use Ndjson or Csv."),
        };
    }

    /// <summary>The file name extension of a format, without the dot: <c>ndjson</c> or <c>csv</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined format.</exception>
    public static string Extension(HuntingRowFormat format) => format switch
    {
        HuntingRowFormat.Ndjson => "ndjson",
        HuntingRowFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a row format; use Ndjson or Csv."),
    };

    /// <summary>Writes one row.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public abstract void Write(HuntingRow row);

    /// <summary>A cell as text: strings as they are, null (or a missing column) as null, numbers, booleans and dynamic values as JSON.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public static string? CellText(HuntingRow row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return !row.TryGetValue(column, out JsonElement value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }
}
