using System;
using System.Collections.Generic;
using System.IO;
using Defender365Typed.SchemaImport;

// Thin command line over SchemaImporter; see README.md beside this file.
//   dotnet run --project tools/Defender365Typed.SchemaImport            regenerate src/Defender365Typed/Tables
//   dotnet run --project tools/Defender365Typed.SchemaImport -- --check write nothing; exit 1 when out of date
// Exit codes: 0 done / up to date, 1 out of date (--check), 2 bad usage, 3 failed (bad schema, no repository, I/O).

const string Usage =
    "Usage: dotnet run --project tools/Defender365Typed.SchemaImport [-- --check]\n" +
    "  (no option)  regenerate " + SchemaImporter.OutputDirectory + " from " + SchemaImporter.SchemaPath + "\n" +
    "  --check      write nothing; exit 1 and list the files that are out of date, missing or stale\n" +
    "  --help       show this text";

bool check = false;
foreach (string arg in args)
{
    switch (arg)
    {
        case "--check":
            check = true;
            break;
        case "-h":
        case "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"error: unknown argument '{arg}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

string? root = SchemaImporter.FindRepositoryRoot(Environment.CurrentDirectory);
if (root is null)
{
    Console.Error.WriteLine(
        $"error: no {SchemaImporter.SolutionFileName} found in '{Environment.CurrentDirectory}' or any parent; run the tool inside the repository.");
    return 3;
}

try
{
    string schemaFile = SchemaImporter.FullPath(root, SchemaImporter.SchemaPath);
    if (!File.Exists(schemaFile))
    {
        Console.Error.WriteLine($"error: schema not found: {schemaFile}");
        return 3;
    }

    IReadOnlyList<GeneratedFile> files = SchemaImporter.Generate(File.ReadAllText(schemaFile, SchemaImporter.FileEncoding));

    if (check)
    {
        IReadOnlyList<OutputDifference> differences = SchemaImporter.Compare(root, files);
        if (differences.Count == 0)
        {
            Console.WriteLine($"{SchemaImporter.OutputDirectory} is up to date ({files.Count} files).");
            return 0;
        }

        foreach (OutputDifference difference in differences)
        {
            Console.WriteLine($"{Describe(difference.Kind)}: {difference.RelativePath}");
        }

        Console.WriteLine(
            $"{differences.Count} file(s) out of date; run 'dotnet run --project tools/Defender365Typed.SchemaImport' to update.");
        return 1;
    }

    IReadOnlyList<OutputDifference> applied = SchemaImporter.Apply(root, files);
    foreach (OutputDifference difference in applied)
    {
        string verb = difference.Kind switch
        {
            DifferenceKind.Missing => "created",
            DifferenceKind.Changed => "updated",
            _ => "deleted",
        };
        Console.WriteLine($"{verb}: {difference.RelativePath}");
    }

    Console.WriteLine($"{SchemaImporter.OutputDirectory}: {files.Count} files generated, {applied.Count} changed.");
    return 0;
}
catch (SchemaException ex)
{
    Console.Error.WriteLine($"error: {SchemaImporter.SchemaPath}: {ex.Message}");
    return 3;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 3;
}

static string Describe(DifferenceKind kind) => kind switch
{
    DifferenceKind.Missing => "missing",
    DifferenceKind.Changed => "differs",
    _ => "stale",
};
