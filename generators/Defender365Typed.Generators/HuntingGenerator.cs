using System;
using System.Collections.Immutable;
using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.HuntingQueries;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.Generators.SchemaFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Defender365Typed.Generators;

/// <summary>
/// Generates, for every <c>[HuntingTable]</c> and <c>[HuntingResult]</c> type, its KQL shape, its typed column set,
/// (for tables) its query root, and its row reader. As in System.Text.Json's generator: one
/// ForAttributeWithMetadataName per attribute → <see cref="HuntingTypeParser"/> → one equatable
/// <see cref="HuntingTypeSpec"/> per type → <see cref="ShapeEmitter"/> and <see cref="ReaderEmitter"/>.
/// Invalid declarations produce nothing here and a diagnostic from the declaration analyzer. Hunting schema files among
/// AdditionalFiles (*.hunting-schema.json) add typed tables and saved functions in <c>Defender365Typed.Tenant</c>
/// (<see cref="TenantModel"/>); a bad file is DTQ130 and generates nothing. A <c>[HuntingQuery("Name")]</c> constant
/// gets a row record typed from its output columns and a typed query property (<see cref="HuntingQueryModel"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HuntingGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<HuntingTypeSpec?> tables = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingTableAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => HuntingTypeParser.Parse(ctx, HuntingTypeKind.Table, ct))
            .WithTrackingName(TrackingNames.Tables);

        IncrementalValuesProvider<HuntingTypeSpec?> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingResultAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => HuntingTypeParser.Parse(ctx, HuntingTypeKind.Result, ct))
            .WithTrackingName(TrackingNames.Results);

        context.RegisterSourceOutput(tables, Emit);
        context.RegisterSourceOutput(results, Emit);

        // Schema files: AdditionalFiles named *.hunting-schema.json → SchemaFileSpec per file → one TenantTypeSpec per
        // generated type (equatable, so editing one table re-emits only that type) and the TenantHunting roots.
        IncrementalValuesProvider<SchemaFileSpec> files = context.AdditionalTextsProvider
            .Where(static file => SchemaFileReader.IsSchemaFile(file.Path))
            .Select(static (file, ct) => SchemaFileReader.Read(file, ct))
            .WithTrackingName(TrackingNames.SchemaFiles);
        IncrementalValueProvider<ImmutableArray<SchemaFileSpec>> allFiles = files.Collect();
        IncrementalValueProvider<EquatableArray<TenantTableSpec>> builtIns = allFiles
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => pair.Left.IsEmpty ? EquatableArray<TenantTableSpec>.Empty : BuiltInTables.Read(pair.Right))
            .WithTrackingName(TrackingNames.BuiltInTables);
        IncrementalValueProvider<(ImmutableArray<SchemaFileSpec> Files, EquatableArray<TenantTableSpec> BuiltIns)> schema = allFiles.Combine(builtIns);

        context.RegisterSourceOutput(files, static (spc, file) => ReportProblem(spc, file.Problem));
        context.RegisterSourceOutput(
            schema.SelectMany(static (s, _) => TenantModel.Types(s.Files, s.BuiltIns)).WithTrackingName(TrackingNames.TenantTypes),
            static (spc, type) => EmitTenantType(spc, type));
        context.RegisterSourceOutput(
            schema.Select(static (s, _) => s.Files.IsEmpty ? null : TenantModel.Container(s.Files, s.BuiltIns)).WithTrackingName(TrackingNames.TenantHunting),
            static (spc, container) =>
            {
                if (container is not null)
                {
                    spc.AddSource(TenantEmitter.ContainerHintName, TenantEmitter.EmitContainer(container));
                }
            });

        // [HuntingQuery("Name")] constants: declaration (equatable) → the schema they bind against (equal by content, so
        // an edit that changes no table keeps it) → one row model per constant → the row record and the typed query.
        IncrementalValuesProvider<HuntingQueryDeclaration> queries = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingQueryAttribute,
                static (node, _) => node is VariableDeclaratorSyntax,
                static (ctx, _) => HuntingQueryDeclaration.Parse(ctx))
            .Where(static declaration => declaration is not null)
            .Select(static (declaration, _) => declaration!)
            .WithTrackingName(TrackingNames.HuntingQueries);
        IncrementalValueProvider<QuerySchema?> querySchema = queries.Collect()
            .Combine(context.AdditionalTextsProvider.Where(static file => SchemaFileReader.IsSchemaFile(file.Path)).Collect())
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => input.Left.Left.IsEmpty ? null : QuerySchema.Read(input.Right, input.Left.Right, ct))
            .WithTrackingName(TrackingNames.HuntingQuerySchema);
        context.RegisterSourceOutput(
            queries.Combine(querySchema).Select(static (pair, _) => HuntingQueryModel.Build(pair.Left, pair.Right)).WithTrackingName(TrackingNames.HuntingQueryRows),
            static (spc, spec) => EmitHuntingQuery(spc, spec));
    }

    private static void EmitHuntingQuery(SourceProductionContext context, HuntingQueryRowSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        context.AddSource(spec.RowHintName, RecordEmitter.Emit(spec.Row, HuntingQueryEmitter.RowSummary(spec)));
        Emit(context, spec.Row);
        context.AddSource(spec.QueryHintName, HuntingQueryEmitter.EmitQuery(spec));
    }

    private static void ReportProblem(SourceProductionContext context, SchemaFileProblem? problem)
    {
        if (problem is null)
        {
            return;
        }

        var position = new LinePosition(Math.Max(problem.Line - 1, 0), Math.Max(problem.LinePosition - 1, 0));
        var location = Location.Create(problem.Path, default, new LinePositionSpan(position, position));
        context.ReportDiagnostic(Diagnostic.Create(SchemaFileDiagnosticDescriptors.InvalidSchemaFile, location, problem.Message));
    }

    private static void EmitTenantType(SourceProductionContext context, TenantTypeSpec type)
    {
        context.AddSource(TenantEmitter.HintName(type), TenantEmitter.EmitDeclaration(type));
        Emit(context, type.Shape);
    }

    private static void Emit(SourceProductionContext context, HuntingTypeSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        context.AddSource(spec.ShapeHintName, ShapeEmitter.Emit(spec));
        if (spec.ConstructorArity is not null)
        {
            context.AddSource(spec.ReaderHintName, ReaderEmitter.Emit(spec));
        }
    }
}
