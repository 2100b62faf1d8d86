using System;
using System.Collections.Generic;
using System.Linq;
using nietras.SeparatedValues;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Reads a table for a declared schema from CSV (RFC 4180: a header row of column names, commas, double-quoted cells
/// with <c>""</c> escapes and line breaks). Empty cells are null (empty for strings); the header may list a subset of
/// the columns in any order. Unknown header names and bad values are errors naming the file, the line and the column.
/// </summary>
/// <remarks>Sep splits records and unescapes quoted cells; this class maps the cells to the schema and reports errors.</remarks>
public static class CsvTableLoader
{
    /// <summary>Reads <paramref name="path"/> as the documented table <paramref name="table"/>.</summary>
    public static KqlResultTable Load(string path, string table) => Load(path, table, HuntingSchema.Columns(table));

    /// <summary>Reads <paramref name="path"/> as a table with <paramref name="columns"/>.</summary>
    public static KqlResultTable Load(string path, string table, IReadOnlyList<KqlResultColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(System.IO.File.ReadAllText(path), table, columns, System.IO.Path.GetFileName(path));
    }

    /// <summary>Reads CSV text as a table with <paramref name="columns"/>; <paramref name="source"/> names it in errors.</summary>
    public static KqlResultTable Parse(string csv, string table, IReadOnlyList<KqlResultColumn> columns, string source = "<csv>")
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);

        // The header is read as a plain row (HasHeader = false) so that its names are checked against the schema here,
        // with the file and line, and the separator is fixed: Sep would otherwise guess it from the first line.
        using SepReader reader = new Sep(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .FromText(csv);
        var index = columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        int[]? map = null;
        var rows = new List<object?[]>();
        foreach (SepReader.Row record in reader)
        {
            // The first record starts at line 1; Sep 0.18 reports the line after it for the first row it reads when
            // HasHeader is false (later rows are right).
            int line = map is null ? 1 : record.LineNumberFrom;

            // Balanced quoting always has an even number of quotes; an odd count means Sep read an open quoted cell
            // to the end of the text. Checked on the raw record, before cells are unescaped in place.
            if (record.Span.Count('"') % 2 != 0)
            {
                throw new TableLoadException(source, line, null, "a quoted cell is not closed");
            }

            if (map is null)
            {
                map = Header(record, line, index, columns, table, source);
                continue;
            }

            if (record.ColCount == 1 && record[0].Span.IsEmpty)
            {
                continue;
            }

            if (record.ColCount != map.Length)
            {
                throw new TableLoadException(source, line, null, $"the row has {record.ColCount} cells but the header has {map.Length}");
            }

            object?[] row = columns.Select(c => Values.Coerce(null, c.Type)).ToArray();
            for (int h = 0; h < map.Length; h++)
            {
                KqlResultColumn column = columns[map[h]];
                row[map[h]] = CellConverter.FromText(record[h].ToString(), column.Type, out string? problem);
                if (problem is not null)
                {
                    throw new TableLoadException(source, line, column.Name, problem);
                }
            }

            rows.Add(row);
        }

        if (map is null)
        {
            throw new TableLoadException(source, 1, null, "the file is empty; expected a header row of column names");
        }

        return new KqlResultTable(table, columns, rows);
    }

    /// <summary>Maps each header cell to its column's index in <paramref name="columns"/>.</summary>
    private static int[] Header(
        SepReader.Row header, int line, Dictionary<string, int> index, IReadOnlyList<KqlResultColumn> columns, string table, string source)
    {
        int[] map = new int[header.ColCount];
        for (int h = 0; h < map.Length; h++)
        {
            string name = header[h].ToString().Trim();
            if (h == 0)
            {
                name = name.TrimStart('\uFEFF');
            }

            if (!index.TryGetValue(name, out map[h]))
            {
                throw new TableLoadException(source, line, name, $"{table} has no column '{name}'" + Evaluator.Suggest(name, columns.Select(c => c.Name)));
            }
        }

        return map;
    }
}
