using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.QueryAnalysis;

/// <summary>Diagnostics on raw KQL strings (DTQ100 and up); keep docs/diagnostics/DTQ1nn.md and AnalyzerReleases.Unshipped.md in sync.</summary>
internal static class QueryDiagnosticDescriptors
{
    private const string Category = "KqlQuery";

    public static readonly DiagnosticDescriptor SyntaxError = new DiagnosticDescriptor(
        "DTQ100", "KQL syntax error", "KQL syntax error: {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The query text is not valid KQL.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ100.md");

    public static readonly DiagnosticDescriptor UnknownTable = new DiagnosticDescriptor(
        "DTQ101", "Unknown table in KQL query", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The query names a table that no [HuntingTable] type in the compilation or its references declares.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ101.md");

    public static readonly DiagnosticDescriptor UnknownColumn = new DiagnosticDescriptor(
        "DTQ102", "Unknown column in KQL query", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The query names a column its input does not have. KQL names are case-sensitive.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ102.md");

    public static readonly DiagnosticDescriptor TypeMismatch = new DiagnosticDescriptor(
        "DTQ103", "KQL operator applied to incompatible types", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The operands of a comparison, arithmetic, string operator or in~ have types Microsoft's KQL analyzer rejects for that operator.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ103.md");

    public static readonly DiagnosticDescriptor ArgumentTypeMismatch = new DiagnosticDescriptor(
        "DTQ104", "KQL function argument of the wrong type", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A KQL function or aggregate is given an argument of a type none of its signatures accepts.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ104.md");

    public static readonly DiagnosticDescriptor UnknownFunction = new DiagnosticDescriptor(
        "DTQ105", "Unknown KQL function", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The query calls a function that is neither built into KQL nor defined with let.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ105.md");

    public static readonly DiagnosticDescriptor WrongArgumentCount = new DiagnosticDescriptor(
        "DTQ106", "Wrong number of arguments to a KQL function", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A KQL function is called with too few or too many arguments.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ106.md");

    public static readonly DiagnosticDescriptor ResultPropertyNotProduced = new DiagnosticDescriptor(
        "DTQ107", "Result property not produced by the query", "'{0}' of {1} is not produced by the query{2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A property of the declared result type has no column of that name in the query's output.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ107.md");

    public static readonly DiagnosticDescriptor ResultPropertyTypeMismatch = new DiagnosticDescriptor(
        "DTQ108", "Result property cannot hold the query's column", "'{0}' of {1} is {2}, but the query produces a {3} column", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The column the query produces has a KQL type the result property's CLR type cannot hold.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ108.md");

    public static readonly DiagnosticDescriptor ImpreciseOutputColumn = new DiagnosticDescriptor(
        "DTQ114", "Generated row column read as dynamic", "Column '{0}' of {1} is read as KqlDynamicValue: {2}", Category, DiagnosticSeverity.Info, isEnabledByDefault: true,
        description: "The binder cannot type this output column of a [HuntingQuery(\"Name\")] constant precisely, so its generated row property is a KqlDynamicValue; convert the column in the query (tostring(), tolong()...) to get a typed property.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ114.md");

    public static readonly DiagnosticDescriptor UnknowableOutput = new DiagnosticDescriptor(
        "DTQ115", "Query output cannot be known", "The output columns of '{0}' cannot be known, so no {1} row type is generated: {2}; end the query with a project of the columns, or declare a [HuntingResult] type", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The generator types a [HuntingQuery(\"Name\")] constant's rows from the query's output columns, and an operator, plugin or function of this query produces columns the binder cannot know.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ115.md");

    public static readonly DiagnosticDescriptor InvalidHuntingQueryDeclaration = new DiagnosticDescriptor(
        "DTQ116", "Typed hunting query cannot be generated here", "No typed query is generated for '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "[HuntingQuery(\"Name\")] generates a property and a row record beside a const string field; the name must be a C# name and the field's containing types partial, non-generic classes or structs.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ116.md");

    public static readonly DiagnosticDescriptor TableNotVisible = new DiagnosticDescriptor(
        "DTQ131", "Table not in the project's hunting schema files", "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The query names a table the library knows but the project's *.hunting-schema.json files (the caller's effective schema) leave out: the signed-in caller may not be able to query it.",
        helpLinkUri: DiagnosticDescriptors.HelpLink + "DTQ131.md");

    public static DiagnosticDescriptor For(KqlDiagnosticKind kind) => kind switch
    {
        KqlDiagnosticKind.SyntaxError => SyntaxError,
        KqlDiagnosticKind.UnknownTable => UnknownTable,
        KqlDiagnosticKind.UnknownColumn => UnknownColumn,
        KqlDiagnosticKind.TypeMismatch => TypeMismatch,
        KqlDiagnosticKind.ArgumentTypeMismatch => ArgumentTypeMismatch,
        KqlDiagnosticKind.UnknownFunction => UnknownFunction,
        KqlDiagnosticKind.TableNotVisible => TableNotVisible,
        _ => WrongArgumentCount,
    };
}
