using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.SchemaImport;

/// <summary>The documented advanced hunting schema, as stored in <c>hunting-schema.json</c>.</summary>
/// <param name="Tables">The tables, in schema order.</param>
/// <param name="Source">Where the schema was taken from (informational).</param>
/// <param name="Note">Free-form remarks about the schema file (informational).</param>
public sealed record HuntingSchema(
    [property: JsonPropertyName("tables")] IReadOnlyList<SchemaTable> Tables,
    [property: JsonPropertyName("source")] string? Source = null,
    [property: JsonPropertyName("note")] string? Note = null)
{
    /// <summary>The canonical KQL column types the importer maps to CLR types.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } =
        ["string", "datetime", "long", "int", "bool", "real", "guid", "dynamic"];

    /// <summary>
    /// Column names that the source generator adds to every table (<c>Table</c>, <c>Shape</c>,
    /// <c>Columns</c>) or that every record already has, so a column cannot use them.
    /// </summary>
    public static IReadOnlyList<string> ReservedColumnNames { get; } =
    [
        "Table", "Shape", "Columns",
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct",
        "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize",
    ];

    /// <summary>Table names that would collide with other files the importer writes.</summary>
    public static IReadOnlyList<string> ReservedTableNames { get; } = ["Hunting"];

    private static readonly JsonSerializerOptions s_options = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Reads and validates the schema JSON.</summary>
    /// <exception cref="SchemaException">The JSON is malformed or breaks a schema rule; the message names the table and column.</exception>
    public static HuntingSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        HuntingSchema? schema;
        try
        {
            schema = JsonSerializer.Deserialize<HuntingSchema>(json, s_options);
        }
        catch (JsonException ex)
        {
            string where = ex.Path is null ? "" : $" at {ex.Path}";
            throw new SchemaException($"The schema JSON is not valid{where}: {ex.Message}", ex);
        }

        if (schema is null)
        {
            throw new SchemaException("The schema JSON is null.");
        }

        schema.Validate();
        return schema;
    }

    /// <summary>Checks the rules that the generated C# depends on.</summary>
    /// <exception cref="SchemaException">A rule is broken; the message names the table and column.</exception>
    public void Validate()
    {
        if (Tables.Count == 0)
        {
            throw new SchemaException("The schema declares no tables.");
        }

        var tableNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int t = 0; t < Tables.Count; t++)
        {
            SchemaTable table = Tables[t];
            if (table is null)
            {
                throw new SchemaException($"Table #{t + 1} is null.");
            }

            if (!CSharpText.IsValidIdentifier(table.Name))
            {
                throw new SchemaException(
                    $"Table #{t + 1} '{table.Name}': the name is not a valid C# identifier.", table.Name, null);
            }

            if (Contains(ReservedTableNames, table.Name))
            {
                throw new SchemaException(
                    $"Table '{table.Name}': the name is reserved for a generated file.", table.Name, null);
            }

            if (tableNames.TryGetValue(table.Name, out int first))
            {
                throw new SchemaException(
                    $"Table '{table.Name}' is declared twice (tables #{first + 1} and #{t + 1}; names are compared ignoring case because they become file names).",
                    table.Name,
                    null);
            }

            tableNames.Add(table.Name, t);
            table.Validate();
        }
    }

    internal static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One documented table.</summary>
/// <param name="Name">The table name in KQL (case-sensitive).</param>
/// <param name="Description">What the table holds.</param>
/// <param name="Columns">The columns, in documentation order.</param>
/// <param name="Notes">Caveats about the table or its documentation, if any.</param>
/// <param name="Source">Where the table was taken from, if recorded (informational).</param>
public sealed record SchemaTable(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("columns")] IReadOnlyList<SchemaColumn> Columns,
    [property: JsonPropertyName("notes")] string? Notes = null,
    [property: JsonPropertyName("source")] string? Source = null)
{
    /// <summary>Checks this table's rules.</summary>
    /// <exception cref="SchemaException">A rule is broken; the message names the table and column.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Description))
        {
            throw new SchemaException($"Table '{Name}': the description is empty.", Name, null);
        }

        if (Columns.Count == 0)
        {
            throw new SchemaException($"Table '{Name}': no columns are declared.", Name, null);
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0; c < Columns.Count; c++)
        {
            SchemaColumn column = Columns[c];
            if (column is null)
            {
                throw new SchemaException($"Table '{Name}', column #{c + 1}: the column is null.", Name, null);
            }

            string where = $"Table '{Name}', column '{column.Name}'";
            if (!CSharpText.IsValidIdentifier(column.Name))
            {
                throw new SchemaException(
                    $"{where} (#{(c + 1).ToString(CultureInfo.InvariantCulture)}): the name is not a valid C# identifier.",
                    Name,
                    column.Name);
            }

            if (string.Equals(column.Name, Name, StringComparison.Ordinal))
            {
                throw new SchemaException(
                    $"{where}: a column cannot have the name of its table (C# members cannot be named like their type).",
                    Name,
                    column.Name);
            }

            if (HuntingSchema.Contains(HuntingSchema.ReservedColumnNames, column.Name))
            {
                throw new SchemaException(
                    $"{where}: the name is reserved for a generated or record member ({string.Join(", ", HuntingSchema.ReservedColumnNames)}).",
                    Name,
                    column.Name);
            }

            if (seen.TryGetValue(column.Name, out string? previous))
            {
                string detail = string.Equals(previous, column.Name, StringComparison.Ordinal)
                    ? "is declared twice"
                    : $"differs only in case from column '{previous}'";
                throw new SchemaException($"{where}: the column {detail}.", Name, column.Name);
            }

            seen.Add(column.Name, column.Name);

            if (!HuntingSchema.Contains(HuntingSchema.KnownTypes, column.Type))
            {
                throw new SchemaException(
                    $"{where}: unknown type '{column.Type}' (expected one of: {string.Join(", ", HuntingSchema.KnownTypes)}).",
                    Name,
                    column.Name);
            }

            if (string.IsNullOrWhiteSpace(column.Description))
            {
                throw new SchemaException($"{where}: the description is empty.", Name, column.Name);
            }
        }
    }
}

/// <summary>One documented column.</summary>
/// <param name="Name">The column name in KQL (case-sensitive).</param>
/// <param name="Type">The canonical KQL type: string, datetime, long, int, bool, real, guid or dynamic.</param>
/// <param name="Description">What the column holds.</param>
/// <param name="DocType">The type as spelled on the documentation page, where it differs from <paramref name="Type"/>.</param>
public sealed record SchemaColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("docType")] string? DocType = null);

/// <summary>The schema JSON is malformed or breaks a rule the generated C# depends on.</summary>
public sealed class SchemaException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaException()
        : base("The hunting schema is not valid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a table and, optionally, one of its columns.</summary>
    public SchemaException(string message, string? table, string? column)
        : base(message)
    {
        Table = table;
        Column = column;
    }

    /// <summary>The offending table, when known.</summary>
    public string? Table { get; }

    /// <summary>The offending column, when known.</summary>
    public string? Column { get; }
}
