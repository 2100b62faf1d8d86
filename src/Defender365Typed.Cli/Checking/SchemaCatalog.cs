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
/// The tables <c>check</c> and <c>schema</c> know: the built-in Defender XDR schema (embedded
/// src/Defender365Typed/Schema/hunting-schema.json) plus tables from <c>--schema</c> files of the same shape
/// (<c>{"tables": [{"name": ..., "columns": [{"name": ..., "type": ...}]}]}</c>); a later file's table replaces an
/// earlier one of the same name.
/// </summary>
internal sealed class SchemaCatalog
{
    public const string BuiltInOrigin = "built-in";
    private const string ResourceName = "Defender365Typed.Cli.hunting-schema.json";
    private static readonly Lazy<IReadOnlyList<SchemaTable>> BuiltInTables = new(LoadBuiltIn);

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
            if (!File.Exists(file))
            {
                throw CliException.Usage($"The schema file {file} does not exist.");
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException ex)
            {
                throw CliException.Usage($"The schema file {file} cannot be read: {ex.Message}");
            }

            foreach (SchemaTable t in Parse(text, file))
            {
                tables[t.Name] = t;
            }
        }

        return new SchemaCatalog(tables);
    }

    public SchemaTable? Find(string name) => _tables.TryGetValue(name, out SchemaTable? t) ? t : null;

    /// <summary>The closest table name (case-insensitive match first), for "did you mean".</summary>
    public string? Suggest(string name) =>
        _tables.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
        ?? NameSuggester.Suggest(name, _tables.Keys);

    /// <summary>The tables of one schema file; <paramref name="origin"/> names it in <see cref="SchemaTable.Origin"/>.</summary>
    /// <exception cref="CliException">The JSON is malformed; the message names the file, table and column (exit 2).</exception>
    internal static IReadOnlyList<SchemaTable> Parse(string json, string origin)
    {
        string described = origin == BuiltInOrigin ? "The built-in schema" : $"The schema file {origin}";
        try
        {
            return HuntingSchemaJson.Parse(json, described).Tables.Select(t => new SchemaTable(t, origin)).ToArray();
        }
        catch (HuntingSchemaFormatException ex)
        {
            throw CliException.Usage(ex.Message);
        }
    }

    private static IReadOnlyList<SchemaTable> LoadBuiltIn()
    {
        using Stream stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The built-in schema resource is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), BuiltInOrigin);
    }
}
