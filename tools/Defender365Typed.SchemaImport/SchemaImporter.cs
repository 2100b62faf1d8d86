using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.SchemaImport;

/// <summary>A file the importer produces.</summary>
/// <param name="RelativePath">Path from the repository root, with forward slashes.</param>
/// <param name="Content">The file's full text (LF line endings; UTF-8 without BOM on disk).</param>
public sealed record GeneratedFile(string RelativePath, string Content);

/// <summary>How a file on disk differs from what the importer generates.</summary>
public enum DifferenceKind
{
    /// <summary>The file is generated but does not exist.</summary>
    Missing,
    /// <summary>The file exists with different content.</summary>
    Changed,
    /// <summary>The file is in the output folder but is no longer generated.</summary>
    Stale,
}

/// <summary>A file on disk that is not as the importer would write it.</summary>
/// <param name="Kind">How it differs.</param>
/// <param name="RelativePath">Path from the repository root, with forward slashes.</param>
public sealed record OutputDifference(DifferenceKind Kind, string RelativePath);

/// <summary>Turns the schema JSON into the C# declarations of the built-in tables.</summary>
public static class SchemaImporter
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "Defender365Typed.sln";

    /// <summary>The schema, relative to the repository root.</summary>
    public const string SchemaPath = "src/Defender365Typed/Schema/hunting-schema.json";

    /// <summary>The folder the importer owns, relative to the repository root.</summary>
    public const string OutputDirectory = "src/Defender365Typed/Tables";

    /// <summary>The file holding the typed query roots, relative to the repository root.</summary>
    public const string HuntingPath = OutputDirectory + "/Hunting.cs";

    /// <summary>The encoding of generated files: UTF-8 without a byte order mark.</summary>
    public static Encoding FileEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Generates one file per table plus <c>Hunting.cs</c>, ordered by path (ordinal). The output
    /// depends only on <paramref name="schemaJson"/>.
    /// </summary>
    /// <exception cref="SchemaException">The schema is malformed or breaks a rule.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(string schemaJson)
    {
        HuntingSchemaDocument schema = HuntingSchema.Parse(schemaJson);
        return Generate(schema);
    }

    /// <summary>Generates the files for an already parsed schema (validated again here).</summary>
    /// <exception cref="SchemaException">The schema breaks a rule.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(HuntingSchemaDocument schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        HuntingSchema.Validate(schema);

        var files = new List<GeneratedFile>(schema.Tables.Count + 1);
        foreach (HuntingSchemaTable table in schema.Tables)
        {
            files.Add(new GeneratedFile(OutputDirectory + "/" + table.Name + ".cs", TableSourceWriter.Write(table)));
        }

        files.Add(new GeneratedFile(HuntingPath, HuntingSourceWriter.Write(schema.Tables)));
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> to the folder holding
    /// <see cref="SolutionFileName"/>; <see langword="null"/> when there is none.
    /// </summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(startDirectory);

        for (DirectoryInfo? dir = new(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Compares <paramref name="files"/> with the repository at <paramref name="repositoryRoot"/>:
    /// generated files that are missing or differ byte for byte, and <c>*.cs</c> files in
    /// <see cref="OutputDirectory"/> that are no longer generated. Ordered by path (ordinal).
    /// </summary>
    public static IReadOnlyList<OutputDifference> Compare(string repositoryRoot, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        ArgumentNullException.ThrowIfNull(files);

        var differences = new List<OutputDifference>();
        var generated = new HashSet<string>(StringComparer.Ordinal);
        foreach (GeneratedFile file in files)
        {
            generated.Add(file.RelativePath);
            string fullPath = FullPath(repositoryRoot, file.RelativePath);
            if (!File.Exists(fullPath))
            {
                differences.Add(new OutputDifference(DifferenceKind.Missing, file.RelativePath));
            }
            else if (!File.ReadAllBytes(fullPath).AsSpan().SequenceEqual(FileEncoding.GetBytes(file.Content)))
            {
                differences.Add(new OutputDifference(DifferenceKind.Changed, file.RelativePath));
            }
        }

        foreach (string relativePath in ExistingOutputFiles(repositoryRoot))
        {
            if (!generated.Contains(relativePath))
            {
                differences.Add(new OutputDifference(DifferenceKind.Stale, relativePath));
            }
        }

        differences.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return differences;
    }

    /// <summary>
    /// Brings the repository up to date: writes missing and changed files (others are left
    /// untouched) and deletes stale ones. Returns what it changed.
    /// </summary>
    public static IReadOnlyList<OutputDifference> Apply(string repositoryRoot, IReadOnlyList<GeneratedFile> files)
    {
        IReadOnlyList<OutputDifference> differences = Compare(repositoryRoot, files);
        Dictionary<string, GeneratedFile> byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        foreach (OutputDifference difference in differences)
        {
            string fullPath = FullPath(repositoryRoot, difference.RelativePath);
            if (difference.Kind == DifferenceKind.Stale)
            {
                File.Delete(fullPath);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                File.WriteAllBytes(fullPath, FileEncoding.GetBytes(byPath[difference.RelativePath].Content));
            }
        }

        return differences;
    }

    /// <summary>The <c>*.cs</c> files directly in <see cref="OutputDirectory"/>, as repository-relative paths.</summary>
    public static IReadOnlyList<string> ExistingOutputFiles(string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);

        string directory = FullPath(repositoryRoot, OutputDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var paths = new List<string>();
        foreach (string path in Directory.EnumerateFiles(directory, "*.cs", SearchOption.TopDirectoryOnly))
        {
            paths.Add(OutputDirectory + "/" + Path.GetFileName(path));
        }

        paths.Sort(string.CompareOrdinal);
        return paths;
    }

    /// <summary>The absolute path of a repository-relative path.</summary>
    public static string FullPath(string repositoryRoot, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return Path.Combine(repositoryRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));
    }
}
