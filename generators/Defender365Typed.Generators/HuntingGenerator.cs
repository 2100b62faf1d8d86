using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators;

/// <summary>
/// Generates, for every <c>[HuntingTable]</c> and <c>[HuntingResult]</c> type, its KQL shape, its typed
/// column set and (for tables) its query root. Parser → equatable <see cref="ShapeSpec"/> → Emitter;
/// invalid declarations produce nothing here and a diagnostic from the declaration analyzer.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HuntingGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ShapeSpec?> tables = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingTableAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, ct) => ShapeParser.Parse(ctx, isTable: true, ct))
            .WithTrackingName(TrackingNames.Tables);

        IncrementalValuesProvider<ShapeSpec?> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingResultAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, ct) => ShapeParser.Parse(ctx, isTable: false, ct))
            .WithTrackingName(TrackingNames.Results);

        IncrementalValuesProvider<ShapeSpec> shapes = tables.Collect()
            .Combine(results.Collect())
            .SelectMany(static (pair, _) => System.Linq.Enumerable.OfType<ShapeSpec>(System.Linq.Enumerable.Concat(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.Shapes);

        context.RegisterSourceOutput(shapes, static (spc, spec) => spc.AddSource(spec.HintName, ShapeEmitter.Emit(spec)));

        // Result readers (issue 3): a separate pipeline with its own equatable model, emitted into X.Reader.g.cs.
        RegisterReaders(context);
    }

    private static void RegisterReaders(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ReaderSpec?> tableReaders = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingTableAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, ct) => ReaderParser.Parse(ctx, isTable: true, ct))
            .WithTrackingName(TrackingNames.TableReaders);

        IncrementalValuesProvider<ReaderSpec?> resultReaders = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.HuntingResultAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, ct) => ReaderParser.Parse(ctx, isTable: false, ct))
            .WithTrackingName(TrackingNames.ResultReaders);

        context.RegisterSourceOutput(tableReaders, static (spc, spec) => EmitReader(spc, spec));
        context.RegisterSourceOutput(resultReaders, static (spc, spec) => EmitReader(spc, spec));
    }

    private static void EmitReader(SourceProductionContext context, ReaderSpec? spec)
    {
        if (spec is not null)
        {
            context.AddSource(spec.HintName, ReaderEmitter.Emit(spec));
        }
    }
}
