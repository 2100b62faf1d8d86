using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.KqlFrontEnd;

/// <content>The writer: the same layout the reader takes, so a written file reads back strictly.</content>
public static partial class HuntingSchemaJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n", // the same bytes on every OS: files are committed and diffed
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable descriptions; still valid JSON
    };

    /// <summary>
    /// Writes <paramref name="document"/> as UTF-8 JSON: properties in a fixed order, absent (null) values left out,
    /// <c>"functions"</c> only when there are any, items in the document's order (normalise the order before writing
    /// where a stable diff matters), two-space indentation, LF line ends and a final newline.
    /// </summary>
    public static void Write(HuntingSchemaDocument document, Stream utf8Json)
    {
        if (document == null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (utf8Json == null)
        {
            throw new ArgumentNullException(nameof(utf8Json));
        }

        using (var writer = new Utf8JsonWriter(utf8Json, WriterOptions))
        {
            writer.WriteStartObject();
            WriteOptional(writer, "source", document.Source);
            WriteOptional(writer, "note", document.Note);
            writer.WriteStartArray("tables");
            foreach (var table in document.Tables)
            {
                WriteTable(writer, table);
            }

            writer.WriteEndArray();
            if (document.Functions.Count > 0)
            {
                writer.WriteStartArray("functions");
                foreach (var function in document.Functions)
                {
                    WriteFunction(writer, function);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        utf8Json.WriteByte((byte)'\n');
    }

    /// <summary>The text <see cref="Write(HuntingSchemaDocument, Stream)"/> writes.</summary>
    public static string ToJson(HuntingSchemaDocument document)
    {
        using var stream = new MemoryStream();
        Write(document, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTable(Utf8JsonWriter writer, HuntingSchemaTable table)
    {
        writer.WriteStartObject();
        writer.WriteString("name", table.Name);
        WriteOptional(writer, "description", table.Description);
        WriteColumns(writer, "columns", table.Columns);
        WriteOptional(writer, "notes", table.Notes);
        WriteOptional(writer, "source", table.Source);
        writer.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter writer, HuntingSchemaFunction function)
    {
        writer.WriteStartObject();
        writer.WriteString("name", function.Name);
        writer.WriteString("kind", function.Kind == HuntingSchemaFunctionKind.Saved ? "saved" : "builtIn");
        WriteOptional(writer, "description", function.Description);
        writer.WriteStartArray("parameters");
        foreach (var parameter in function.Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.Name);
            writer.WriteString("type", parameter.Type);
            WriteOptional(writer, "defaultValue", parameter.DefaultValue);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteColumns(writer, "outputColumns", function.OutputColumns);
        writer.WriteEndObject();
    }

    private static void WriteColumns(Utf8JsonWriter writer, string property, IReadOnlyList<HuntingSchemaColumn> columns)
    {
        writer.WriteStartArray(property);
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            WriteOptional(writer, "description", column.Description);
            WriteOptional(writer, "docType", column.DocType);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string property, string? value)
    {
        if (value != null)
        {
            writer.WriteString(property, value);
        }
    }
}
