using Defender365Typed.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>Diagnostics on typed builder chains (DTQ110 and up); keep docs/diagnostics/DTQ11n.md and AnalyzerReleases.Unshipped.md in sync.</summary>
internal static class ChainDiagnosticDescriptors
{
    private const string Category = "KqlQuery";

    public static readonly DiagnosticDescriptor ColumnNotAvailable = new DiagnosticDescriptor(
        "DTQ110", "Column not available at this point of the query", "'{0}' is not a column here: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "An earlier operator of the typed query removed or renamed the column (project, project-away, project-rename, distinct, summarize, join), so KQL would reject the reference.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ110.md");

    public static readonly DiagnosticDescriptor ColumnRetyped = new DiagnosticDescriptor(
        "DTQ111", "Typed column accessor of the wrong type", "'{0}' is {1} here{2}, but this accessor reads it as {3}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "An earlier operator replaced the column with a value of another KQL type (extend or mv-expand of the same name), so the typed accessor no longer describes it.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ111.md");

    public static readonly DiagnosticDescriptor RowPropertyNotProduced = new DiagnosticDescriptor(
        "DTQ112", "Row property not produced by the typed query", "'{0}' of {1} is not produced by the query{2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The typed query is run into its row type, and a property of that type has no column in the query's output, so reading the rows would fail.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ112.md");

    public static readonly DiagnosticDescriptor RowPropertyTypeMismatch = new DiagnosticDescriptor(
        "DTQ113", "Row property cannot hold the typed query's column", "'{0}' of {1} is {2}, but the query produces a {3} column{4}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The typed query is run into its row type, and a column it produces has a KQL type the row property cannot hold.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ113.md");
}
