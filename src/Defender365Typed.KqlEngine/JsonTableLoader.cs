using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Reads a table for a declared schema from JSON: an array of row objects (<c>[{"Timestamp": "...", "FileName": "..."}]</c>),
/// or an object holding them in <c>results</c>/<c>Results</c> (the hunting API response shape). Columns a row leaves out are
/// null (empty for strings); a property that is not a column, or a value of the wrong type, is an error naming the file,
/// the line and the column.
/// </summary>
public static class JsonTableLoader
{
    /// <summary>Reads <paramref name="path"/> as the documented table <paramref name="table"/>.</summary>
    public static KqlResultTable Load(string path, string table) => Load(path, table, HuntingSchema.Columns(table));

    /// <summary>Reads <paramref name="path"/> as a table with <paramref name="columns"/>.</summary>
    public static KqlResultTable Load(string path, string table, IReadOnlyList<KqlResultColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(System.IO.File.ReadAllBytes(path), table, columns, Path.GetFileName(path));
    }

    /// <summary>Reads JSON text as a table with <paramref name="columns"/>; <paramref name="source"/> names it in errors.</summary>
    public static KqlResultTable Parse(string json, string table, IReadOnlyList<KqlResultColumn> columns, string source = "<json>")
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), table, columns, source);
    }

    private static KqlResultTable Parse(byte[] bytes, string table, IReadOnlyList<KqlResultColumn> columns, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int Line(long offset)
        {
            int i = lineStarts.BinarySearch((int)offset);
            return (i >= 0 ? i : ~i - 1) + 1;
        }

        var index = columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var rows = new List<object?[]>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                throw new TableLoadException(source, 1, null, "the file is empty; expected a JSON array of row objects");
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // {"results": [...]} or {"Results": [...]}: skip to the rows array.
                bool found = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    if (name is "results" or "Results" or "rows")
                    {
                        found = true;
                        break;
                    }

                    reader.Skip();
                }

                if (!found)
                {
                    throw new TableLoadException(source, Line(reader.TokenStartIndex), null, "expected an array of rows, or an object with a 'results' array");
                }
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new TableLoadException(source, Line(reader.TokenStartIndex), null, "expected a JSON array of row objects");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new TableLoadException(source, Line(reader.TokenStartIndex), null, "each row must be a JSON object");
                }

                object?[] row = columns.Select(c => Values.Coerce(null, c.Type)).ToArray();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    int line = Line(reader.TokenStartIndex);
                    if (!index.TryGetValue(name, out int column))
                    {
                        string hint = Evaluator.Suggest(name, columns.Select(c => c.Name));
                        throw new TableLoadException(source, line, name, $"{table} has no column '{name}'{hint}");
                    }

                    reader.Read();
                    using JsonDocument value = JsonDocument.ParseValue(ref reader);
                    row[column] = CellConverter.FromJson(value.RootElement, columns[column].Type, out string? problem);
                    if (problem is not null)
                    {
                        throw new TableLoadException(source, line, name, problem);
                    }
                }

                rows.Add(row);
            }
        }
        catch (JsonException ex)
        {
            throw new TableLoadException(source, (int)(ex.LineNumber ?? 0) + 1, null, "invalid JSON: " + ex.Message, ex);
        }

        return new KqlResultTable(table, columns, rows);
    }
}
