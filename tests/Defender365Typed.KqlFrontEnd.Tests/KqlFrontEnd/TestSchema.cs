using System;
using System.IO;
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

    /// <summary>Reads src/Defender365Typed/Schema/hunting-schema.json with the one schema reader.</summary>
    private static KqlSchema Load()
    {
        var path = Path.Combine(RepositoryRoot, "src", "Defender365Typed", "Schema", "hunting-schema.json");
        return HuntingSchemaJson.Parse(File.ReadAllText(path), path).ToKqlSchema();
    }
}
