using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.KqlEngine;

/// <summary>A table file that cannot be read: names the file, the line and (for bad values) the column.</summary>
public sealed class TableLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TableLoadException()
        : this("The table file cannot be read.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TableLoadException(string file, int line, string? column, string problem, Exception? inner = null)
        : base($"{file}, line {line.ToString(CultureInfo.InvariantCulture)}" + (column is null ? "" : $", column '{column}'") + ": " + problem, inner)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file name (or the name given for text).</summary>
    public string? File { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }

    /// <summary>The column whose value is bad, if any.</summary>
    public string? Column { get; }
}

/// <summary>Converts a cell's text or JSON value to the representation of a column type.</summary>
internal static class CellConverter
{
    public static object? FromText(string text, KqlColumnType type, out string? problem)
    {
        problem = null;
        if (type == KqlColumnType.String)
        {
            return text;
        }

        if (text.Length == 0)
        {
            return null;
        }

        object? value = type == KqlColumnType.Dynamic
            ? (DynamicJson.TryParse(text, out object? d) ? d : text)
            : Values.ParseLiteral(type, text);
        if (value is null && text.Trim() != "null")
        {
            problem = $"'{Shorten(text)}' is not a {KqlColumnTypes.KqlName(type)}";
        }

        return Values.Coerce(value, type);
    }

    public static object? FromJson(JsonElement e, KqlColumnType type, out string? problem)
    {
        problem = null;
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return Values.Coerce(null, type);
            case JsonValueKind.String:
                return FromText(e.GetString()!, type, out problem);
        }

        if (type == KqlColumnType.Dynamic)
        {
            return DynamicJson.TryParse(e.GetRawText(), out object? d) ? d : null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Number when type is KqlColumnType.Int or KqlColumnType.Long or KqlColumnType.Real or KqlColumnType.Decimal or KqlColumnType.String:
            case JsonValueKind.True when type is KqlColumnType.Bool or KqlColumnType.String:
            case JsonValueKind.False when type is KqlColumnType.Bool or KqlColumnType.String:
                return FromText(e.GetRawText(), type, out problem);
            default:
                problem = $"a JSON {e.ValueKind.ToString().ToLowerInvariant()} ({Shorten(e.GetRawText())}) is not a {KqlColumnTypes.KqlName(type)}";
                return null;
        }
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;
}

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

/// <summary>
/// Reads a table for a declared schema from CSV (RFC 4180: a header row of column names, commas, double-quoted cells
/// with <c>""</c> escapes and line breaks). Empty cells are null (empty for strings); the header may list a subset of
/// the columns in any order. Unknown header names and bad values are errors naming the file, the line and the column.
/// </summary>
public static class CsvTableLoader
{
    /// <summary>Reads <paramref name="path"/> as the documented table <paramref name="table"/>.</summary>
    public static KqlResultTable Load(string path, string table) => Load(path, table, HuntingSchema.Columns(table));

    /// <summary>Reads <paramref name="path"/> as a table with <paramref name="columns"/>.</summary>
    public static KqlResultTable Load(string path, string table, IReadOnlyList<KqlResultColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(System.IO.File.ReadAllText(path), table, columns, Path.GetFileName(path));
    }

    /// <summary>Reads CSV text as a table with <paramref name="columns"/>; <paramref name="source"/> names it in errors.</summary>
    public static KqlResultTable Parse(string csv, string table, IReadOnlyList<KqlResultColumn> columns, string source = "<csv>")
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        List<(int Line, List<string> Cells)> records = Records(csv, source);
        if (records.Count == 0)
        {
            throw new TableLoadException(source, 1, null, "the file is empty; expected a header row of column names");
        }

        var index = columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        (int headerLine, List<string> header) = records[0];
        int[] map = new int[header.Count];
        for (int h = 0; h < header.Count; h++)
        {
            string name = header[h].Trim();
            if (h == 0)
            {
                name = name.TrimStart('\uFEFF');
            }

            if (!index.TryGetValue(name, out map[h]))
            {
                throw new TableLoadException(source, headerLine, name, $"{table} has no column '{name}'" + Evaluator.Suggest(name, columns.Select(c => c.Name)));
            }
        }

        var rows = new List<object?[]>();
        foreach ((int line, List<string> cells) in records.Skip(1))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue;
            }

            if (cells.Count != header.Count)
            {
                throw new TableLoadException(source, line, null, $"the row has {cells.Count} cells but the header has {header.Count}");
            }

            object?[] row = columns.Select(c => Values.Coerce(null, c.Type)).ToArray();
            for (int h = 0; h < cells.Count; h++)
            {
                KqlResultColumn column = columns[map[h]];
                row[map[h]] = CellConverter.FromText(cells[h], column.Type, out string? problem);
                if (problem is not null)
                {
                    throw new TableLoadException(source, line, column.Name, problem);
                }
            }

            rows.Add(row);
        }

        return new KqlResultTable(table, columns, rows);
    }

    private static List<(int Line, List<string> Cells)> Records(string csv, string source)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        int line = 1, recordLine = 1;
        bool quoted = false, any = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < csv.Length && csv[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    records.Add((recordLine, cells));
                    cells = [];
                    cell.Clear();
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    cell.Append(c);
                    any = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new TableLoadException(source, recordLine, null, "a quoted cell is not closed");
        }

        if (any || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            records.Add((recordLine, cells));
        }

        return records;
    }
}
