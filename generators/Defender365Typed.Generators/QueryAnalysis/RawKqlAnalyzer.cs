using System;
using System.Collections.Immutable;
using System.Threading;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.Generators.SchemaFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.QueryAnalysis;

/// <summary>
/// Checks raw KQL string constants passed to <c>[Kql]</c> parameters and held by <c>[HuntingQuery]</c> const
/// fields against the schema declared with <c>[HuntingTable]</c> (DTQ100–DTQ108), overlaid with the project's hunting
/// schema files (*.hunting-schema.json among AdditionalFiles: their tables, columns and functions; DTQ131 for a table
/// they leave out).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RawKqlAnalyzer : DiagnosticAnalyzer
{
    private const string KqlAttributeName = "Defender365Typed.KqlAttribute";
    private const string HuntingQueryAttributeName = "Defender365Typed.HuntingQueryAttribute";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        QueryDiagnosticDescriptors.SyntaxError,
        QueryDiagnosticDescriptors.UnknownTable,
        QueryDiagnosticDescriptors.UnknownColumn,
        QueryDiagnosticDescriptors.TypeMismatch,
        QueryDiagnosticDescriptors.ArgumentTypeMismatch,
        QueryDiagnosticDescriptors.UnknownFunction,
        QueryDiagnosticDescriptors.WrongArgumentCount,
        QueryDiagnosticDescriptors.ResultPropertyNotProduced,
        QueryDiagnosticDescriptors.ResultPropertyTypeMismatch,
        QueryDiagnosticDescriptors.TableNotVisible);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var compilation = context.Compilation;
        var kqlAttribute = compilation.GetTypeByMetadataName(KqlAttributeName);
        var queryAttribute = compilation.GetTypeByMetadataName(HuntingQueryAttributeName);
        var tableAttribute = compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute);
        var resultAttribute = compilation.GetTypeByMetadataName(KnownNames.HuntingResultAttribute);
        if ((kqlAttribute == null && queryAttribute == null) || tableAttribute == null)
        {
            return;
        }

        var schemaFiles = SchemaFileDocuments.Read(context.Options.AdditionalFiles, context.CancellationToken);
        var schema = new Lazy<KqlSchema>(
            () => QueryAnalysisCache.Intern(SchemaFileOverlay.Apply(SchemaReader.Read(compilation, tableAttribute), schemaFiles)),
            LazyThreadSafetyMode.ExecutionAndPublication);

        if (kqlAttribute != null)
        {
            context.RegisterOperationAction(c => AnalyzeArgument(c, kqlAttribute, resultAttribute, schema), OperationKind.Argument);
        }

        if (queryAttribute != null)
        {
            context.RegisterOperationAction(c => AnalyzeFieldInitializer(c, queryAttribute, schema), OperationKind.FieldInitializer);
        }
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
    {
        foreach (var a in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol kqlAttribute, INamedTypeSymbol? resultAttribute, Lazy<KqlSchema> schema)
    {
        var argument = (IArgumentOperation)context.Operation;
        var parameter = argument.Parameter;
        if (parameter == null || argument.IsImplicit || parameter.Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        if (!HasAttribute(parameter, kqlAttribute) && !HasAttribute(parameter.OriginalDefinition, kqlAttribute))
        {
            return;
        }

        var value = argument.Value;
        if (!value.ConstantValue.HasValue || value.ConstantValue.Value is not string text)
        {
            return;
        }

        var syntax = Unwrap(value).Syntax;
        var result = QueryAnalysisCache.Analyze(text, schema.Value);
        Report(context.ReportDiagnostic, result, syntax, text, context.Operation.SemanticModel);

        // RunAsync<TResult>(kql): a [HuntingResult] type argument is the expected row.
        if (resultAttribute != null && argument.Parent is IInvocationOperation invocation && invocation.TargetMethod.IsGenericMethod)
        {
            foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
            {
                if (typeArgument is INamedTypeSymbol named && HasAttribute(named, resultAttribute))
                {
                    CheckResult(context.ReportDiagnostic, result.Output, named, syntax.GetLocation());
                }
            }
        }
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static void AnalyzeFieldInitializer(OperationAnalysisContext context, INamedTypeSymbol queryAttribute, Lazy<KqlSchema> schema)
    {
        var initializer = (IFieldInitializerOperation)context.Operation;
        foreach (var field in initializer.InitializedFields)
        {
            if (!field.HasConstantValue || field.ConstantValue is not string text)
            {
                continue;
            }

            AttributeData? attribute = null;
            foreach (var a in field.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, queryAttribute))
                {
                    attribute = a;
                }
            }

            if (attribute == null)
            {
                continue;
            }

            var syntax = Unwrap(initializer.Value).Syntax;
            var result = QueryAnalysisCache.Analyze(text, schema.Value);
            Report(context.ReportDiagnostic, result, syntax, text, context.Operation.SemanticModel);
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol resultType)
            {
                CheckResult(context.ReportDiagnostic, result.Output, resultType, syntax.GetLocation());
            }
        }
    }

    private static void Report(Action<Diagnostic> report, KqlAnalysisResult result, SyntaxNode syntax, string text, SemanticModel? model)
    {
        if (result.Diagnostics.Count == 0)
        {
            return;
        }

        var map = CSharpStringMap.Create(syntax, text, model);
        foreach (var d in result.Diagnostics)
        {
            var location = map != null
                ? Location.Create(syntax.SyntaxTree, map.ToSource(d.Start, d.Length))
                : syntax.GetLocation();
            var properties = d.Suggestion != null
                ? ImmutableDictionary<string, string?>.Empty.Add("Suggestion", d.Suggestion)
                : ImmutableDictionary<string, string?>.Empty;
            report(Diagnostic.Create(QueryDiagnosticDescriptors.For(d.Kind), location, properties, d.Message));
        }
    }

    private static void CheckResult(Action<Diagnostic> report, RowShape? output, INamedTypeSymbol resultType, Location location)
    {
        if (output == null)
        {
            return;
        }

        foreach (var property in ShapeMembers.ColumnProperties(resultType))
        {
            if (Array.IndexOf(KnownNames.ReservedMemberNames, property.Name) >= 0)
            {
                continue;
            }

            var (name, pinned, _) = ShapeMembers.ReadColumnAttribute(property);
            var columnName = name ?? property.Name;
            var column = output.Find(columnName);
            if (column == null)
            {
                if (!output.IsOpen)
                {
                    string? suggestion = null;
                    foreach (var c in output.Columns)
                    {
                        if (string.Equals(c.Name, columnName, StringComparison.OrdinalIgnoreCase))
                        {
                            suggestion = c.Name;
                        }
                    }

                    report(Diagnostic.Create(QueryDiagnosticDescriptors.ResultPropertyNotProduced, location,
                        property.Name, resultType.Name, suggestion == null ? "" : "; it produces '" + suggestion + "' (KQL names are case-sensitive)"));
                }

                continue;
            }

            if (!KqlScalarTypes.IsJudged(column.Type))
            {
                continue;
            }

            var clr = pinned != 0 ? (KqlScalarType)pinned : KqlTypeMapper.Infer(property.Type);
            if (clr == KqlScalarType.Unknown)
            {
                continue;
            }

            var produced = column.Type;
            if (!KqlTypeMapper.CanHold(clr, produced))
            {
                report(Diagnostic.Create(QueryDiagnosticDescriptors.ResultPropertyTypeMismatch, location,
                    property.Name, resultType.Name, KqlScalarTypes.Name(clr), KqlScalarTypes.Name(produced)));
            }
        }
    }
}
