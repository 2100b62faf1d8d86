using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Checking;

/// <summary>A table of the schema JSON (read by the front end's <see cref="HuntingSchemaJson"/>), and which file declared it.</summary>
internal sealed record SchemaTable(HuntingSchemaTable Definition, string Origin)
{
    public string Name => Definition.Name;

    public string? Description => Definition.Description;

    public IReadOnlyList<HuntingSchemaColumn> Columns => Definition.Columns;
}

/// <summary>
/// The tables <c>check</c> and <c>schema</c> know: the built-in Defender XDR schema (<see cref="DocumentedHuntingSchema"/>,
/// src/Defender365Typed/Schema/hunting-schema.json) plus tables from <c>--schema</c> files of the same shape
/// (<c>{"tables": [{"name": ..., "columns": [{"name": ..., "type": ...}]}]}</c>); a later file's table replaces an
/// earlier one of the same name.
/// </summary>
internal sealed class SchemaCatalog
{
    public const string BuiltInOrigin = "built-in";
    private static readonly Lazy<IReadOnlyList<SchemaTable>> BuiltInTables = new(() => DocumentedHuntingSchema.Document.Tables.Select(t => new SchemaTable(t, BuiltInOrigin)).ToArray());

    private readonly SortedDictionary<string, SchemaTable> _tables;

    private SchemaCatalog(SortedDictionary<string, SchemaTable> tables)
    {
        _tables = tables;
        Schema = new KqlSchema(tables.Values.Select(t => t.Definition.ToKqlTable()));
    }

    public KqlSchema Schema { get; }

    public IEnumerable<SchemaTable> Tables => _tables.Values;

    /// <summary>The built-in tables plus those in <paramref name="schemaFiles"/>.</summary>
    /// <exception cref="CliException">A schema file is missing or malformed (exit 2).</exception>
    public static SchemaCatalog Load(IEnumerable<string> schemaFiles)
    {
        var tables = new SortedDictionary<string, SchemaTable>(StringComparer.Ordinal);
        foreach (SchemaTable t in BuiltInTables.Value)
        {
            tables[t.Name] = t;
        }

        foreach (string file in schemaFiles)
        {
            foreach (HuntingSchemaTable t in LoadFile(file).Tables)
            {
                tables[t.Name] = new SchemaTable(t, file);
            }
        }

        return new SchemaCatalog(tables);
    }

    /// <summary>The documented schema (<see cref="DocumentedHuntingSchema"/>).</summary>
    public static HuntingSchemaDocument BuiltInDocument => DocumentedHuntingSchema.Document;

    /// <summary>Reads a schema file (tables and functions; <c>schema pull</c> writes them).</summary>
    /// <exception cref="CliException">The file is missing, unreadable or malformed; the message names the file, table and column (exit 2).</exception>
    public static HuntingSchemaDocument LoadFile(string file)
    {
        if (!File.Exists(file))
        {
            throw CliException.Usage($"The schema file {file} does not exist.");
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"The schema file {file} cannot be read: {ex.Message}");
        }

        return ParseDocument(text, file);
    }

    public SchemaTable? Find(string name) => _tables.TryGetValue(name, out SchemaTable? t) ? t : null;

    /// <summary>The closest table name (case-insensitive match first), for "did you mean".</summary>
    public string? Suggest(string name) =>
        _tables.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
        ?? NameSuggester.Suggest(name, _tables.Keys);

    /// <exception cref="CliException">The JSON is malformed; the message names the file, table and column (exit 2).</exception>
    private static HuntingSchemaDocument ParseDocument(string json, string origin)
    {
        try
        {
            return HuntingSchemaJson.Parse(json, $"The schema file {origin}");
        }
        catch (HuntingSchemaFormatException ex)
        {
            throw CliException.Usage(ex.Message);
        }
    }
}
