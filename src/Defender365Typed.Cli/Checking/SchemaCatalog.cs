using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Checking;

/// <summary>A column as the schema JSON describes it.</summary>
internal sealed record SchemaColumn(string Name, string Type, string? Description);

/// <summary>A table as the schema JSON describes it, and which file declared it.</summary>
internal sealed record SchemaTable(string Name, string? Description, IReadOnlyList<SchemaColumn> Columns, string Origin);

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
        Schema = new KqlSchema(tables.Values.Select(t => new KqlTable(t.Name,
            t.Columns.Select(c => new KqlColumn(c.Name, KqlScalarTypes.Parse(c.Type))).ToArray())));
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

    internal static IReadOnlyList<SchemaTable> Parse(string json, string origin)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("tables", out JsonElement tables)
                || tables.ValueKind != JsonValueKind.Array)
            {
                throw CliException.Usage($"The schema file {origin} must be an object with a \"tables\" array.");
            }

            var result = new List<SchemaTable>();
            int index = 0;
            foreach (JsonElement table in tables.EnumerateArray())
            {
                string name = Text(table, "name") ?? throw CliException.Usage($"{origin}: table #{index + 1} has no \"name\".");
                if (!table.TryGetProperty("columns", out JsonElement columns) || columns.ValueKind != JsonValueKind.Array)
                {
                    throw CliException.Usage($"{origin}: table {name} has no \"columns\" array.");
                }

                var cols = new List<SchemaColumn>();
                foreach (JsonElement column in columns.EnumerateArray())
                {
                    string colName = Text(column, "name") ?? throw CliException.Usage($"{origin}: a column of table {name} has no \"name\".");
                    string type = Text(column, "type") ?? throw CliException.Usage($"{origin}: column {name}.{colName} has no \"type\".");
                    if (KqlScalarTypes.Parse(type) == KqlScalarType.Unknown)
                    {
                        throw CliException.Usage($"{origin}: column {name}.{colName} has type '{type}', which is not a KQL type (string, long, int, real, bool, datetime, timespan, guid, decimal, dynamic).");
                    }

                    cols.Add(new SchemaColumn(colName, type, Text(column, "description")));
                }

                result.Add(new SchemaTable(name, Text(table, "description"), cols, origin));
                index++;
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"The schema file {origin} is not valid JSON: {ex.Message}");
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<SchemaTable> LoadBuiltIn()
    {
        using Stream stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The built-in schema resource is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), BuiltInOrigin);
    }
}
