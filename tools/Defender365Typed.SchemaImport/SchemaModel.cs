using System;
using System.Collections.Generic;
using System.Globalization;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.SchemaImport;

/// <summary>
/// The rules the generated C# depends on, on top of the schema JSON format. The JSON itself is read by the KQL front
/// end's <see cref="HuntingSchemaJson"/> (strict: every table and column described, no unknown property), the one
/// reader of <c>hunting-schema.json</c> in the repository.
/// </summary>
public static class HuntingSchema
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

    /// <summary>Reads and validates the schema JSON.</summary>
    /// <exception cref="SchemaException">The JSON is malformed or breaks a schema rule; the message names the table and column.</exception>
    public static HuntingSchemaDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        HuntingSchemaDocument schema;
        try
        {
            schema = HuntingSchemaJson.Parse(json, SchemaImporter.SchemaPath, HuntingSchemaStrictness.Strict);
        }
        catch (HuntingSchemaFormatException ex)
        {
            throw new SchemaException($"The schema JSON is not valid: {ex.Message}", ex.Table, ex.Column, ex);
        }

        Validate(schema);
        return schema;
    }

    /// <summary>Checks the rules that the generated C# depends on.</summary>
    /// <exception cref="SchemaException">A rule is broken; the message names the table and column.</exception>
    public static void Validate(HuntingSchemaDocument schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        IReadOnlyList<HuntingSchemaTable> tables = schema.Tables;
        if (tables.Count == 0)
        {
            throw new SchemaException("The schema declares no tables.");
        }

        var tableNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int t = 0; t < tables.Count; t++)
        {
            HuntingSchemaTable table = tables[t];
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
            Validate(table);
        }
    }

    /// <summary>Checks one table's rules.</summary>
    /// <exception cref="SchemaException">A rule is broken; the message names the table and column.</exception>
    private static void Validate(HuntingSchemaTable table)
    {
        string name = table.Name;
        IReadOnlyList<HuntingSchemaColumn> columns = table.Columns;
        if (string.IsNullOrWhiteSpace(table.Description))
        {
            throw new SchemaException($"Table '{name}': the description is empty.", name, null);
        }

        if (columns.Count == 0)
        {
            throw new SchemaException($"Table '{name}': no columns are declared.", name, null);
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0; c < columns.Count; c++)
        {
            HuntingSchemaColumn column = columns[c];
            string where = $"Table '{name}', column '{column.Name}'";
            if (!CSharpText.IsValidIdentifier(column.Name))
            {
                throw new SchemaException(
                    $"{where} (#{(c + 1).ToString(CultureInfo.InvariantCulture)}): the name is not a valid C# identifier.",
                    name,
                    column.Name);
            }

            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                throw new SchemaException(
                    $"{where}: a column cannot have the name of its table (C# members cannot be named like their type).",
                    name,
                    column.Name);
            }

            if (Contains(ReservedColumnNames, column.Name))
            {
                throw new SchemaException(
                    $"{where}: the name is reserved for a generated or record member ({string.Join(", ", HuntingSchema.ReservedColumnNames)}).",
                    name,
                    column.Name);
            }

            if (seen.TryGetValue(column.Name, out string? previous))
            {
                string detail = string.Equals(previous, column.Name, StringComparison.Ordinal)
                    ? "is declared twice"
                    : $"differs only in case from column '{previous}'";
                throw new SchemaException($"{where}: the column {detail}.", name, column.Name);
            }

            seen.Add(column.Name, column.Name);

            if (!Contains(KnownTypes, column.Type))
            {
                throw new SchemaException(
                    $"{where}: unknown type '{column.Type}' (expected one of: {string.Join(", ", HuntingSchema.KnownTypes)}).",
                    name,
                    column.Name);
            }

            if (string.IsNullOrWhiteSpace(column.Description))
            {
                throw new SchemaException($"{where}: the description is empty.", name, column.Name);
            }
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
    public SchemaException(string message, string? table, string? column, Exception? innerException = null)
        : base(message, innerException)
    {
        Table = table;
        Column = column;
    }

    /// <summary>The offending table, when known.</summary>
    public string? Table { get; }

    /// <summary>The offending column, when known.</summary>
    public string? Column { get; }
}
