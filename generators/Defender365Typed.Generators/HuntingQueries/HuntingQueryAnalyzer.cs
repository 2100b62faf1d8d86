using System;
using System.Collections.Immutable;
using System.Threading;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.Generators.QueryAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.HuntingQueries;

/// <summary>
/// Says what the generator does not do for a <c>[HuntingQuery("Name")]</c> constant, reading the same rules and the
/// same output model as the generator (<see cref="HuntingQueryRules"/>, <see cref="QueryOutputRow"/>, bound against
/// the same <see cref="QuerySchema"/>): DTQ116 when the field cannot get a typed query, DTQ115 when the query's output
/// cannot be known (at the operator that hides it), DTQ114 for each column its row reads as dynamic (at the expression
/// that computes it). Errors in the query itself are the raw-KQL analyzer's (DTQ100–DTQ106).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HuntingQueryAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        QueryDiagnosticDescriptors.ImpreciseOutputColumn,
        QueryDiagnosticDescriptors.UnknowableOutput,
        QueryDiagnosticDescriptors.InvalidHuntingQueryDeclaration);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        INamedTypeSymbol? queryAttribute = context.Compilation.GetTypeByMetadataName(KnownNames.HuntingQueryAttribute);
        if (queryAttribute is null)
        {
            return;
        }

        Compilation compilation = context.Compilation;
        ImmutableArray<AdditionalText> files = context.Options.AdditionalFiles;
        var schema = new Lazy<QuerySchema?>(() => QuerySchema.Read(compilation, files, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        context.RegisterSymbolAction(c => AnalyzeField(c, queryAttribute), SymbolKind.Field);
        context.RegisterOperationAction(c => AnalyzeInitializer(c, queryAttribute, schema), OperationKind.FieldInitializer);
    }

    private static string? GeneratedName(IFieldSymbol field, INamedTypeSymbol queryAttribute, out AttributeData? attribute)
    {
        foreach (AttributeData a in field.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, queryAttribute) && HuntingQueryRules.GeneratedName(a) is { } name)
            {
                attribute = a;
                return name;
            }
        }

        attribute = null;
        return null;
    }

    private static void AnalyzeField(SymbolAnalysisContext context, INamedTypeSymbol queryAttribute)
    {
        var field = (IFieldSymbol)context.Symbol;
        if (GeneratedName(field, queryAttribute, out AttributeData? attribute) is { } name && HuntingQueryRules.Problem(field, name) is { } problem)
        {
            Location location = attribute!.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? field.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(QueryDiagnosticDescriptors.InvalidHuntingQueryDeclaration, location, field.Name, problem));
        }
    }

    private static void AnalyzeInitializer(OperationAnalysisContext context, INamedTypeSymbol queryAttribute, Lazy<QuerySchema?> schema)
    {
        var initializer = (IFieldInitializerOperation)context.Operation;
        foreach (IFieldSymbol field in initializer.InitializedFields)
        {
            if (GeneratedName(field, queryAttribute, out _) is not { } name
                || HuntingQueryRules.Problem(field, name) is not null
                || field.ConstantValue is not string text
                || schema.Value is not { } querySchema
                || QueryOutputRow.Describe(text, querySchema.Schema) is not { } row)
            {
                continue;
            }

            IOperation value = initializer.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            SyntaxNode syntax = value.Syntax;
            CSharpStringMap? map = CSharpStringMap.Create(syntax, text, context.Operation.SemanticModel);
            Location At(int start, int length) => map is not null ? Location.Create(syntax.SyntaxTree, map.ToSource(start, length)) : syntax.GetLocation();
            string rowType = name + HuntingQueryRules.RowSuffix;
            if (row.Unknowable is { } why)
            {
                context.ReportDiagnostic(Diagnostic.Create(QueryDiagnosticDescriptors.UnknowableOutput, At(row.Start, row.Length), field.Name, rowType, why));
                continue;
            }

            foreach (QueryOutputColumn column in row.Columns!)
            {
                if (column.Imprecision is { } reason)
                {
                    context.ReportDiagnostic(Diagnostic.Create(QueryDiagnosticDescriptors.ImpreciseOutputColumn, At(column.Start, column.Length), column.Name, rowType, reason));
                }
            }
        }
    }
}
