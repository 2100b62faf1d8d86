using Defender365Typed.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>Diagnostics on hunting schema files (DTQ130); keep docs/diagnostics/DTQ130.md and AnalyzerReleases.Unshipped.md in sync.</summary>
internal static class SchemaFileDiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor InvalidSchemaFile = new DiagnosticDescriptor(
        "DTQ130", "Invalid hunting schema file", "{0}", "HuntingSchema", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A *.hunting-schema.json file passed as AdditionalFiles is not valid JSON or not a valid schema; nothing is generated from it and raw KQL is checked without it.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ130.md");
}
