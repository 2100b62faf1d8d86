using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Defender365Typed.KqlEngine;

/// <summary>The documented advanced hunting schema (66 tables), embedded from <c>src/Defender365Typed/Schema/hunting-schema.json</c>.</summary>
public static class HuntingSchema
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>>> Loaded = new(Load);

    /// <summary>Every documented table with its columns in documented order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>> Tables => Loaded.Value;

    /// <summary>The columns of a documented table.</summary>
    /// <exception cref="ArgumentException">The table is not documented.</exception>
    public static IReadOnlyList<KqlResultColumn> Columns(string table) =>
        Tables.TryGetValue(table, out IReadOnlyList<KqlResultColumn>? columns)
            ? columns
            : throw new ArgumentException($"'{table}' is not a documented advanced hunting table.", nameof(table));

    /// <summary>An empty table with the documented columns.</summary>
    public static KqlResultTable EmptyTable(string table) => new(table, Columns(table), []);

    /// <summary>Reads a schema file of the same layout (<c>{"tables":[{"name","columns":[{"name","type"}]}]}</c>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>> Read(Stream json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var tables = new Dictionary<string, IReadOnlyList<KqlResultColumn>>(StringComparer.Ordinal);
        foreach (JsonElement t in doc.RootElement.GetProperty("tables").EnumerateArray())
        {
            string name = t.GetProperty("name").GetString()!;
            tables[name] = t.GetProperty("columns").EnumerateArray().Select(c =>
            {
                string type = c.GetProperty("type").GetString()!;
                return KqlColumnTypes.TryParse(type, out KqlColumnType kind)
                    ? new KqlResultColumn(c.GetProperty("name").GetString()!, kind)
                    : throw new InvalidDataException($"Table {name}: unknown column type '{type}'.");
            }).ToArray();
        }

        return tables;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>> Load()
    {
        using Stream stream = typeof(HuntingSchema).Assembly.GetManifestResourceStream("Defender365Typed.KqlEngine.hunting-schema.json")
            ?? throw new InvalidOperationException("The embedded hunting schema is missing.");
        return Read(stream);
    }
}
