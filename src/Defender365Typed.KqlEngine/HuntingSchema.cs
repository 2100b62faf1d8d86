using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>The documented advanced hunting schema (66 tables), embedded from <c>src/Defender365Typed/Schema/hunting-schema.json</c>.</summary>
public static class HuntingSchema
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>>> Loaded = new(() => ToColumns(Document));

    /// <summary>The documented schema as the schema file's model, with descriptions (what the emulator's getHuntingSchema serves by default).</summary>
    public static HuntingSchemaDocument Document => DocumentedHuntingSchema.Document;

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
    /// <exception cref="FormatException">The JSON is malformed or a column type is not a KQL type; the message names the table and column.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>> Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ToColumns(HuntingSchemaJson.Read(json, "The hunting schema"));
    }

    /// <summary>The tables of <paramref name="document"/> with engine column types (a later table replaces an earlier one of the same name).</summary>
    /// <exception cref="FormatException">A column type is not a KQL type; the message names the table and column.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>> ToColumns(HuntingSchemaDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tables = new Dictionary<string, IReadOnlyList<KqlResultColumn>>(StringComparer.Ordinal);
        foreach (HuntingSchemaTable t in document.Tables)
        {
            // The front end's reader accepts only KQL type names, and every name it accepts is a KqlScalarType; a document
            // built in code may hold anything.
            tables[t.Name] = t.Columns.Select(c => new KqlResultColumn(c.Name, KqlColumnTypes.TryParse(c.Type, out KqlScalarType kind)
                ? kind
                : throw new FormatException($"Table {t.Name}, column {c.Name}: unknown column type '{c.Type}'."))).ToArray();
        }

        return tables;
    }
}
