using System;
using System.Collections.Generic;
using System.Threading;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// Which AdditionalFiles are hunting-schema files, and reading one through the front end's one schema reader
/// (<see cref="HuntingSchemaJson"/>). Never throws: a bad file becomes a <see cref="SchemaFileProblem"/>, so neither
/// the generator nor the analyzers crash and the rest of the build goes on.
/// </summary>
internal static class SchemaFileReader
{
    /// <summary>The file name ending that marks a schema file among AdditionalFiles (docs/schema-files-in-builds.md).</summary>
    public const string Suffix = ".hunting-schema.json";

    public static bool IsSchemaFile(string path) => path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the file into the front end's model, or says what is wrong with it.</summary>
    public static (HuntingSchemaDocument? Document, SchemaFileProblem? Problem) ReadDocument(AdditionalText file, CancellationToken cancellationToken)
    {
        SourceText? text;
        try
        {
            text = file.GetText(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, new SchemaFileProblem(file.Path, 0, 0, file.Path + " could not be read: " + ex.Message));
        }

        return text is null
            ? (null, new SchemaFileProblem(file.Path, 0, 0, file.Path + " could not be read."))
            : ReadDocument(file.Path, text);
    }

    /// <summary>Reads the text of <paramref name="path"/>; never throws.</summary>
    public static (HuntingSchemaDocument? Document, SchemaFileProblem? Problem) ReadDocument(string path, SourceText text)
    {
        try
        {
            // Messages start with the file name; the diagnostic's location carries the full path.
            return (HuntingSchemaJson.Parse(text.ToString(), System.IO.Path.GetFileName(path)), null);
        }
        catch (HuntingSchemaFormatException ex)
        {
            return (null, new SchemaFileProblem(path, ex.Line, ex.LinePosition, ex.Message));
        }
        catch (Exception ex)
        {
            // The pipeline boundary: whatever goes wrong in reading, the build reports it and goes on.
            return (null, new SchemaFileProblem(path, 0, 0, path + " could not be read: " + ex.GetType().Name + ": " + ex.Message));
        }
    }

    /// <summary>The generator's step: the file as equatable data.</summary>
    public static SchemaFileSpec Read(AdditionalText file, CancellationToken cancellationToken)
    {
        var (document, problem) = ReadDocument(file, cancellationToken);
        if (document is null)
        {
            return new SchemaFileSpec(file.Path, EquatableArray<TenantTableSpec>.Empty, EquatableArray<TenantFunctionSpec>.Empty, problem);
        }

        var tables = new List<TenantTableSpec>(document.Tables.Count);
        foreach (var table in document.Tables)
        {
            tables.Add(new TenantTableSpec(table.Name, table.Description, Columns(table.Columns)));
        }

        var functions = new List<TenantFunctionSpec>(document.Functions.Count);
        foreach (var function in document.Functions)
        {
            var parameters = new List<TenantParameterSpec>(function.Parameters.Count);
            foreach (var p in function.Parameters)
            {
                parameters.Add(new TenantParameterSpec(p.Name, p.ScalarType, p.IsTabular, p.IsOptional));
            }

            functions.Add(new TenantFunctionSpec(
                function.Name,
                function.Kind == HuntingSchemaFunctionKind.Saved,
                function.Description,
                parameters.ToEquatableArray(),
                Columns(function.OutputColumns)));
        }

        return new SchemaFileSpec(file.Path, tables.ToEquatableArray(), functions.ToEquatableArray(), null);
    }

    private static EquatableArray<TenantColumnSpec> Columns(IReadOnlyList<HuntingSchemaColumn> columns)
    {
        var result = new List<TenantColumnSpec>(columns.Count);
        foreach (var c in columns)
        {
            result.Add(new TenantColumnSpec(c.Name, c.ScalarType, c.Description));
        }

        return result.ToEquatableArray();
    }
}
