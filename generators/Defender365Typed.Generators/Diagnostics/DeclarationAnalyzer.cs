using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Diagnostics;

/// <summary>
/// Explains every [HuntingTable] / [HuntingResult] declaration the generator skips (it emits nothing for
/// them), using the same <see cref="ShapeRules"/>, and warns about result properties whose type fits no
/// table column of that name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    private static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the runtime's attributes there is nothing to check.
            INamedTypeSymbol? tableAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute);
            if (tableAttribute is null)
            {
                return;
            }

            Compilation compilation = start.Compilation;
            CancellationToken startToken = start.CancellationToken;
            var tables = new Lazy<TableColumnIndex>(
                () => TableColumnIndex.Build(compilation, tableAttribute.ContainingAssembly, startToken),
                LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, tables), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, Lazy<TableColumnIndex> tables)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? table = null;
        AttributeData? result = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (ShapeRules.IsAttribute(attribute, KnownNames.HuntingTableAttribute))
            {
                table = attribute;
            }
            else if (ShapeRules.IsAttribute(attribute, KnownNames.HuntingResultAttribute))
            {
                result = attribute;
            }
        }

        AttributeData? declaring = table ?? result;
        if (declaring is null)
        {
            return;
        }

        CancellationToken ct = context.CancellationToken;
        string typeName = type.ToDisplayString(Display);
        string kind = table is not null ? "HuntingTable" : "HuntingResult";
        Location typeLocation = TypeIdentifier(declaring, type, ct);
        void Report(DiagnosticDescriptor descriptor, Location location, params object[] args) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));

        if (table is not null && result is not null)
        {
            Report(DiagnosticDescriptors.TableAndResult, AttributeLocation(result, ct) ?? typeLocation, typeName);
        }

        if (ShapeRules.FirstNonPartial(type) is { } nonPartial)
        {
            Location location = SymbolEqualityComparer.Default.Equals(nonPartial, type) ? typeLocation : nonPartial.Locations.FirstOrDefault() ?? typeLocation;
            Report(DiagnosticDescriptors.NotPartial, location, nonPartial.ToDisplayString(Display), kind, typeName);
        }

        if (ShapeRules.HasReservedName(type))
        {
            Report(DiagnosticDescriptors.ReservedTypeName, typeLocation, typeName);
        }

        UnsupportedKind unsupported = ShapeRules.Unsupported(type);
        if (unsupported != UnsupportedKind.None)
        {
            Report(DiagnosticDescriptors.UnsupportedKind, typeLocation, typeName, kind, Describe(unsupported, type));
        }

        if (table is not null)
        {
            string? tableName = table.ConstructorArguments.FirstOrDefault().Value as string;
            if (!NameRules.IsValidName(tableName))
            {
                Location location = ArgumentLocation(table, null, ct) ?? AttributeLocation(table, ct) ?? typeLocation;
                Report(DiagnosticDescriptors.InvalidName, location, "table", Quote(tableName), typeName);
            }
        }

        var seen = new Dictionary<string, IPropertySymbol>(StringComparer.Ordinal);
        foreach (ColumnDeclaration column in ShapeMembers.Columns(type))
        {
            ct.ThrowIfCancellationRequested();
            IPropertySymbol property = column.Property;
            Location propertyLocation = PropertyLocation(property, type, typeLocation);
            Location nameLocation = column.Attribute is { } named && named.ConstructorArguments.Length == 1
                ? ArgumentLocation(named, null, ct) ?? propertyLocation
                : propertyLocation;
            ColumnProblems problems = ShapeRules.Check(column);

            if ((problems & ColumnProblems.UnsupportedType) != 0)
            {
                Report(DiagnosticDescriptors.UnsupportedColumnType, propertyLocation, property.Name, typeName, property.Type.ToDisplayString(Display));
            }

            if ((problems & ColumnProblems.PinnedTypeNotHeld) != 0)
            {
                Location location = ArgumentLocation(column.Attribute!, "Type", ct) ?? propertyLocation;
                Report(DiagnosticDescriptors.PinnedTypeNotHeld, location, property.Name, typeName, property.Type.ToDisplayString(Display), KqlName(column.Pinned));
            }

            if ((problems & ColumnProblems.InvalidName) != 0)
            {
                Report(DiagnosticDescriptors.InvalidName, nameLocation, "column", Quote(column.Name), typeName + "." + property.Name);
            }

            if ((problems & ColumnProblems.ReservedName) != 0)
            {
                Report(DiagnosticDescriptors.ReservedName, propertyLocation, property.Name, typeName);
            }

            if (seen.TryGetValue(column.Name, out IPropertySymbol? first))
            {
                Report(DiagnosticDescriptors.DuplicateColumnName, nameLocation, column.Name, first.Name, property.Name, typeName);
            }
            else
            {
                seen.Add(column.Name, property);
            }

            if (table is null && problems == ColumnProblems.None)
            {
                CheckAgainstTables(column, tables.Value, propertyLocation, context);
            }
        }
    }

    /// <summary>DTQ006: warn when table columns of that name exist but none of them fits the result property.</summary>
    private static void CheckAgainstTables(ColumnDeclaration column, TableColumnIndex tables, Location location, SymbolAnalysisContext context)
    {
        IReadOnlyList<KqlScalarType> columnTypes = tables.TypesOf(column.Name);
        if (columnTypes.Count == 0 || columnTypes.Any(type => KqlTypeMapper.CanHold(column.Inferred, type)))
        {
            return;
        }

        string described = string.Join(" or ", columnTypes.Select(KqlScalarTypes.Name));
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ResultTypeMismatch, location, column.Property.Name, KqlScalarTypes.Name(column.Inferred), column.Name, described));
    }

    private static string Describe(UnsupportedKind kind, INamedTypeSymbol type) => kind switch
    {
        UnsupportedKind.Generic => "generic",
        UnsupportedKind.NestedInGeneric => $"nested in the generic type '{OuterGeneric(type)}'",
        UnsupportedKind.RefStruct => "a ref struct",
        UnsupportedKind.Static => "static",
        _ => "abstract",
    };

    private static string OuterGeneric(INamedTypeSymbol type)
    {
        INamedTypeSymbol? outer = type.ContainingType;
        while (outer is not null && outer.TypeParameters.Length == 0)
        {
            outer = outer.ContainingType;
        }

        return (outer ?? type).ToDisplayString(Display);
    }

    private static string KqlName(KqlScalarType type) =>
        KqlScalarTypes.IsDefined(type) ? KqlScalarTypes.Name(type) : $"(KqlType){(int)type} (not a KQL type)";

    /// <summary>A name as a C# string literal, so empty names, spaces and control characters are visible.</summary>
    private static string Quote(string? name) => name is null ? "null" : SymbolDisplay.FormatLiteral(name, quote: true);

    /// <summary>The identifier of the declaration that carries the attribute (a partial type can have several).</summary>
    private static Location TypeIdentifier(AttributeData attribute, INamedTypeSymbol type, CancellationToken ct) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(ct).Parent?.Parent is TypeDeclarationSyntax declaration
            ? declaration.Identifier.GetLocation()
            : type.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The property's identifier when this type declares it; inherited columns point at the type.</summary>
    private static Location PropertyLocation(IPropertySymbol property, INamedTypeSymbol type, Location typeLocation) =>
        SymbolEqualityComparer.Default.Equals(property.ContainingType, type) && property.Locations.FirstOrDefault(l => l.IsInSource) is { } location
            ? location
            : typeLocation;

    private static Location? AttributeLocation(AttributeData attribute, CancellationToken ct) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation();

    /// <summary>The positional argument (<paramref name="name"/> null) or the named argument <c>Name = ...</c> of an attribute.</summary>
    private static Location? ArgumentLocation(AttributeData attribute, string? name, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax { ArgumentList: { } arguments })
        {
            return null;
        }

        AttributeArgumentSyntax? match = arguments.Arguments.FirstOrDefault(argument => name is null
            ? argument.NameEquals is null
            : argument.NameEquals?.Name.Identifier.ValueText == name);
        return match?.GetLocation();
    }
}
