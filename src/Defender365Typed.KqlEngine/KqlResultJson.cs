using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Writes a <see cref="KqlResultTable"/> as the hunting APIs do: the Graph <c>runHuntingQuery</c> shape
/// (<c>schema</c> [{name, type}] and <c>results</c> [{column: value}]) or the legacy shape (<c>Stats</c>, <c>Schema</c>,
/// <c>Results</c>). Values: datetime as ISO 8601 UTC with 7 fractional digits and <c>Z</c>; int and long as JSON
/// numbers; real as a number, or the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>; decimal as a string
/// (exact); bool; guid, timespan (<c>[-][d.]hh:mm:ss[.fffffff]</c>) as strings; dynamic as nested JSON.
/// </summary>
public static class KqlResultJson
{
    /// <summary>The Graph <c>@odata.context</c> of hunting results.</summary>
    public const string GraphContext = "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults";

    /// <summary>The Graph <c>runHuntingQuery</c> response body.</summary>
    public static string ToGraphJson(KqlResultTable table) => Write(w => WriteGraph(w, table));

    /// <summary>The legacy <c>api/advancedhunting/run</c> response body.</summary>
    public static string ToLegacyJson(KqlResultTable table, TimeSpan? executionTime = null) => Write(w => WriteLegacy(w, table, executionTime));

    /// <summary>Writes the Graph response object.</summary>
    public static void WriteGraph(Utf8JsonWriter writer, KqlResultTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", GraphContext);
        WriteSchemaAndResults(writer, table, "schema", "name", "type", "results");
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the legacy response object with a small <c>Stats</c> object: <paramref name="executionTime"/> as
    /// <c>ExecutionTime</c> (seconds) and as the <c>resource_usage.cpu["total cpu"]</c> a client's CPU accounting reads.
    /// </summary>
    public static void WriteLegacy(Utf8JsonWriter writer, KqlResultTable table, TimeSpan? executionTime = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        TimeSpan time = executionTime ?? TimeSpan.Zero;
        writer.WriteStartObject();
        writer.WriteStartObject("Stats");
        writer.WriteNumber("ExecutionTime", time.TotalSeconds);
        writer.WriteStartObject("resource_usage");
        writer.WriteStartObject("cpu");
        writer.WriteString("total cpu", time.ToString("c", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("dataset_statistics");
        writer.WriteStartObject();
        writer.WriteNumber("table_row_count", table.Rows.Count);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        WriteSchemaAndResults(writer, table, "Schema", "Name", "Type", "Results");
        writer.WriteEndObject();
    }

    private static void WriteSchemaAndResults(Utf8JsonWriter writer, KqlResultTable table, string schema, string name, string type, string results)
    {
        writer.WriteStartArray(schema);
        foreach (KqlResultColumn c in table.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString(name, c.Name);
            writer.WriteString(type, c.ApiType);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(results);
        foreach (object?[] row in table.Rows)
        {
            writer.WriteStartObject();
            for (int i = 0; i < table.Columns.Count; i++)
            {
                writer.WritePropertyName(table.Columns[i].Name);
                WriteValue(writer, row[i]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one cell value (see the class remarks for the encodings).</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteStringValue(Values.RealText(d));
                }

                break;
            case decimal m:
                writer.WriteStringValue(m.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                writer.WriteStringValue(Values.DateTimeText(dt));
                break;
            case TimeSpan ts:
                writer.WriteStringValue(Values.TimeSpanText(ts));
                break;
            case Guid g:
                writer.WriteStringValue(g.ToString("D"));
                break;
            case DynamicArray a:
                writer.WriteStartArray();
                foreach (object? item in a)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case DynamicBag bag:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> p in bag)
                {
                    writer.WritePropertyName(p.Key);
                    WriteValue(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(Values.ToText(value));
                break;
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
