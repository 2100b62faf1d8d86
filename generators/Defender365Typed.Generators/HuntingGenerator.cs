using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators;

/// <summary>
/// Generates, for every <c>[HuntingTable]</c> and <c>[HuntingResult]</c> type, its KQL shape, its typed column set,
/// (for tables) its query root, and its row reader. As in System.Text.Json's generator: one
/// ForAttributeWithMetadataName per attribute → <see cref="HuntingTypeParser"/> → one equatable
/// <see cref="HuntingTypeSpec"/> per type → <see cref="ShapeEmitter"/> and <see cref="ReaderEmitter"/>.
/// Invalid declarations produce nothing here and a diagnostic from the declaration analyzer.
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
