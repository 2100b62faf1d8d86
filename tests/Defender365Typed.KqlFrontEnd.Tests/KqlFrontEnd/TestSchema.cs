using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>The documented advanced-hunting schema (66 tables) as the front end sees it, and repository paths.</summary>
internal static class TestSchema
{
    private static readonly Lazy<KqlSchema> Hunting = new Lazy<KqlSchema>(Load);

    public static KqlSchema BuiltIn => Hunting.Value;

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Defender365Typed.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Defender365Typed.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string CorpusDirectory => Path.Combine(RepositoryRoot, "tests", "Defender365Typed.KqlFrontEnd.Tests", "Corpus", "hunting-queries");

    /// <summary>Reads src/Defender365Typed/Schema/hunting-schema.json, mapping documented type spellings as the corpus labeler did.</summary>
    private static KqlSchema Load()
    {
        var path = Path.Combine(RepositoryRoot, "src", "Defender365Typed", "Schema", "hunting-schema.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var tables = new List<KqlTable>();
        foreach (var t in doc.RootElement.GetProperty("tables").EnumerateArray())
        {
            var columns = new List<KqlColumn>();
            foreach (var c in t.GetProperty("columns").EnumerateArray())
            {
                var type = c.GetProperty("type").GetString();
                var mapped = type switch
                {
                    "boolean" or "nullable bool" => "bool",
                    "integer" => "int",
                    "object" or "array" => "dynamic",
                    "enum" => "string",
                    _ => type,
                };
                columns.Add(new KqlColumn(c.GetProperty("name").GetString()!, KqlScalarTypes.Parse(mapped)));
            }

            tables.Add(new KqlTable(t.GetProperty("name").GetString()!, columns));
        }

        return new KqlSchema(tables);
    }
}
