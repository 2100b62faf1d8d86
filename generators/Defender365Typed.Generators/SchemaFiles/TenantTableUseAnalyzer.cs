using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Defender365Typed.Generators.QueryAnalysis;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// DTQ131 for typed queries: where code starts a query on a table (<c>Hunting.DeviceEvents</c>, <c>MyTable.Table</c>)
/// that the project's hunting schema files leave out. Raw KQL gets the same diagnostic from <see cref="RawKqlAnalyzer"/>.
/// Only when at least one readable schema file is present.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TenantTableUseAnalyzer : DiagnosticAnalyzer
{
    private const string QueryTypeName = "Defender365Typed.KqlQuery`2";
    private const string HuntingClassName = "Defender365Typed.Hunting";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(QueryDiagnosticDescriptors.TableNotVisible);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var queryType = context.Compilation.GetTypeByMetadataName(QueryTypeName);
        var tableAttribute = context.Compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute);
        if (queryType is null || tableAttribute is null)
        {
            return;
        }

        var files = SchemaFileDocuments.Read(context.Options.AdditionalFiles, context.CancellationToken);
        if (files.Count == 0)
        {
            return;
        }

        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var table in file.Tables)
            {
                visible.Add(table.Name);
            }
        }

        var hunting = context.Compilation.GetTypeByMetadataName(HuntingClassName);
        context.RegisterOperationAction(c => Analyze(c, queryType, tableAttribute, hunting, visible), OperationKind.PropertyReference);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol queryType, INamedTypeSymbol tableAttribute, INamedTypeSymbol? hunting, HashSet<string> visible)
    {
        var property = ((IPropertyReferenceOperation)context.Operation).Property;
        if (!property.IsStatic || property.Type is not INamedTypeSymbol { TypeArguments.Length: 2 } type
            || !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, queryType)
            || type.TypeArguments[0] is not INamedTypeSymbol row)
        {
            return;
        }

        // A query root: the row type's own Table, or a member of the Hunting class.
        var isRoot = (property.Name == "Table" && SymbolEqualityComparer.Default.Equals(property.ContainingType, row))
            || SymbolEqualityComparer.Default.Equals(property.ContainingType, hunting);
        if (!isRoot)
        {
            return;
        }

        foreach (var attribute in row.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tableAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name
                && !visible.Contains(name))
            {
                context.ReportDiagnostic(Diagnostic.Create(QueryDiagnosticDescriptors.TableNotVisible, context.Operation.Syntax.GetLocation(),
                    SchemaFileOverlay.NotVisibleMessage(name)));
            }
        }
    }
}
