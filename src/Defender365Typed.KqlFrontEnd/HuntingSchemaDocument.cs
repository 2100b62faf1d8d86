using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// The contents of a hunting-schema JSON file (the built-in <c>src/Defender365Typed/Schema/hunting-schema.json</c> or a
/// user's file of the same layout), as <see cref="HuntingSchemaJson"/> reads it. Plain data: no System.Text.Json here,
/// so the generator can hold this model without loading the JSON stack in the compiler.
/// </summary>
public sealed class HuntingSchemaDocument
{
    /// <summary>Creates the document.</summary>
    public HuntingSchemaDocument(IReadOnlyList<HuntingSchemaTable> tables, string? source = null, string? note = null)
        : this(tables, Array.Empty<HuntingSchemaFunction>(), source, note)
    {
    }

    /// <summary>Creates the document with functions.</summary>
    public HuntingSchemaDocument(IReadOnlyList<HuntingSchemaTable> tables, IReadOnlyList<HuntingSchemaFunction> functions, string? source = null, string? note = null)
    {
        Tables = tables ?? throw new ArgumentNullException(nameof(tables));
        Functions = functions ?? throw new ArgumentNullException(nameof(functions));
        Source = source;
        Note = note;
    }

    /// <summary>The tables, in file order.</summary>
    public IReadOnlyList<HuntingSchemaTable> Tables { get; }

    /// <summary>The callable functions (built-in and saved), in file order; empty when the file has none.</summary>
    public IReadOnlyList<HuntingSchemaFunction> Functions { get; }

    /// <summary>Where the schema was taken from (informational, <c>"source"</c>).</summary>
    public string? Source { get; }

    /// <summary>Free-form remarks about the file (informational, <c>"note"</c>).</summary>
    public string? Note { get; }

    /// <summary>The tables and functions as the binder sees them (every table visible; see <see cref="SchemaFileOverlay"/>).</summary>
    public KqlSchema ToKqlSchema()
    {
        var tables = new List<KqlTable>(Tables.Count);
        foreach (var table in Tables)
        {
            tables.Add(table.ToKqlTable());
        }

        var functions = new List<KqlTableFunction>(Functions.Count);
        foreach (var function in Functions)
        {
            functions.Add(function.ToKqlFunction());
        }

        return new KqlSchema(tables, functions, visibleTables: null);
    }
}

/// <summary>One table of a hunting-schema file.</summary>
public sealed class HuntingSchemaTable
{
    /// <summary>Creates the table.</summary>
    public HuntingSchemaTable(string name, IReadOnlyList<HuntingSchemaColumn> columns, string? description = null, string? notes = null, string? source = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Description = description;
        Notes = notes;
        Source = source;
    }

    /// <summary>The table name in KQL (case-sensitive).</summary>
    public string Name { get; }

    /// <summary>The columns, in file order.</summary>
    public IReadOnlyList<HuntingSchemaColumn> Columns { get; }

    /// <summary>What the table holds, when the file says.</summary>
    public string? Description { get; }

    /// <summary>Caveats about the table or its documentation, if any.</summary>
    public string? Notes { get; }

    /// <summary>Where the table was taken from, if recorded.</summary>
    public string? Source { get; }

    /// <summary>The table as the binder sees it.</summary>
    public KqlTable ToKqlTable()
    {
        var columns = new KqlColumn[Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new KqlColumn(Columns[i].Name, Columns[i].ScalarType);
        }

        return new KqlTable(Name, columns);
    }
}

/// <summary>One column of a hunting-schema table.</summary>
public sealed class HuntingSchemaColumn
{
    /// <summary>Creates the column; <paramref name="type"/> is the KQL type name as written.</summary>
    public HuntingSchemaColumn(string name, string type, string? description = null, string? docType = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type ?? throw new ArgumentNullException(nameof(type));
        ScalarType = KqlScalarTypes.Parse(type);
        Description = description;
        DocType = docType;
    }

    /// <summary>The column name in KQL (case-sensitive).</summary>
    public string Name { get; }

    /// <summary>The KQL type name as written in the file (<c>string</c>, <c>datetime</c>, <c>boolean</c>...).</summary>
    public string Type { get; }

    /// <summary><see cref="Type"/> as the binder tracks it (<see cref="KqlScalarType.Unknown"/> when it is not a KQL type).</summary>
    public KqlScalarType ScalarType { get; }

    /// <summary>What the column holds, when the file says.</summary>
    public string? Description { get; }

    /// <summary>The type as spelled on the documentation page, where it differs from <see cref="Type"/>.</summary>
    public string? DocType { get; }
}
