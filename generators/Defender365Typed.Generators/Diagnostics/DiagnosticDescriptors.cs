using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Diagnostics;

/// <summary>
/// The declaration diagnostics. Each one names a reason the generator skips a type (or, for the
/// warnings, a likely mistake); keep docs/diagnostics/DTQ00N.md and AnalyzerReleases.Unshipped.md in sync.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Defender365Typed.Declaration";
    /// <summary>Where every DTQ diagnostic's page lives (docs/diagnostics/DTQnnn.md); the raw-KQL diagnostics use it too.</summary>
    internal const string HelpLink = "https://github.com/defender365typed/defender365typed/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor NotPartial = new(
        "DTQ001",
        "Hunting shape types must be partial",
        "'{0}' must be declared partial because the generator adds members to [{1}] type '{2}'; add the 'partial' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ001.md");

    public static readonly DiagnosticDescriptor UnsupportedColumnType = new(
        "DTQ002",
        "Column property type is not supported",
        "Property '{0}' of '{1}' has type '{2}', which no KQL column maps to; use string, DateTime, DateTimeOffset, long, int, bool, double, decimal, Guid, TimeSpan, KqlDynamicValue, JsonElement, or a nullable of one of these value types",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ002.md");

    public static readonly DiagnosticDescriptor DuplicateColumnName = new(
        "DTQ003",
        "Duplicate column name",
        "Column '{0}' is mapped by both '{1}' and '{2}' in '{3}'; give each property its own column name",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ003.md");

    public static readonly DiagnosticDescriptor InvalidName = new(
        "DTQ004",
        "Invalid table or column name",
        "The {0} name {1} of '{2}' is not valid in KQL; use non-empty text without leading or trailing whitespace, control characters or surrogate pairs",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ004.md");

    public static readonly DiagnosticDescriptor PinnedTypeNotHeld = new(
        "DTQ005",
        "Pinned column type does not fit the property",
        "Property '{0}' of '{1}' has type '{2}', which cannot hold a {3} column; change the property type or the [HuntingColumn(Type = ...)] pin",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ005.md");

    public static readonly DiagnosticDescriptor ResultTypeMismatch = new(
        "DTQ006",
        "Result property type does not match the table columns of that name",
        "Result property '{0}' is {1} but every table column named '{2}' is {3}; change the property type, or map the property to another column with [HuntingColumn]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ006.md");

    public static readonly DiagnosticDescriptor ReservedName = new(
        "DTQ007",
        "Property name is reserved for a generated member",
        "Property '{0}' of '{1}' clashes with the generated member '{0}' (Shape, Table and Columns are reserved); rename the property and keep the column name with [HuntingColumn(\"{0}\")]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ007.md");

    /// <summary>DTQ007 for the type itself: a type named Shape, Table or Columns would get a member of its own name.</summary>
    public static readonly DiagnosticDescriptor ReservedTypeName = new(
        "DTQ007",
        "Type name is reserved for a generated member",
        "Type '{0}' has the name of a member the generator adds to it (Shape, Table and Columns are reserved); rename the type",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ007.md");

    public static readonly DiagnosticDescriptor UnsupportedKind = new(
        "DTQ008",
        "Generic, static, abstract and ref struct types cannot be hunting shapes",
        "'{0}' cannot be a [{1}] type because it is {2}; declare a non-generic, non-static, non-abstract class, record or struct (not a ref struct)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ008.md");

    public static readonly DiagnosticDescriptor TableAndResult = new(
        "DTQ009",
        "Type is both a table and a result",
        "'{0}' has both [HuntingTable] and [HuntingResult]; it is generated as a table, whose Shape also serves as a result, so remove [HuntingResult]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink + "DTQ009.md");

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        NotPartial, UnsupportedColumnType, DuplicateColumnName, InvalidName, PinnedTypeNotHeld,
        ResultTypeMismatch, ReservedName, ReservedTypeName, UnsupportedKind, TableAndResult);
}
