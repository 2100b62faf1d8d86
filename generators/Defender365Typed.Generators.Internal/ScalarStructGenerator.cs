using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators.Internal;

/// <summary>
/// Writes, for every <c>[KqlScalarStruct]</c> struct of the runtime library, the members all typed scalars share
/// (the wrapped node, the <c>IKqlScalar&lt;TSelf&gt;</c> members, identity equality, null checks): they must be
/// declared on each public struct (operators and instance members cannot come from an interface), so they are
/// written once here instead of once per type. One ForAttributeWithMetadataName → one equatable
/// <see cref="ScalarStructSpec"/> per struct → <see cref="ScalarStructEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ScalarStructGenerator : IIncrementalGenerator
{
    internal const string AttributeMetadataName = "Defender365Typed.KqlScalarStructAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ScalarStructSpec?> structs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeMetadataName,
                static (node, _) => node is StructDeclarationSyntax,
                static (ctx, _) => Parse(ctx))
            .WithTrackingName("ScalarStructs");

        context.RegisterSourceOutput(structs, static (spc, spec) =>
        {
            if (spec is not null)
            {
                spc.AddSource($"{spec.Name}.Shared.g.cs", ScalarStructEmitter.Emit(spec));
            }
        });
    }

    private static ScalarStructSpec? Parse(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
        {
            return null;
        }

        AttributeData attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string kqlTypeName)
        {
            return null;
        }

        bool hasNullChecks = false;
        bool hasNoEqualityOperator = false;
        foreach (var argument in attribute.NamedArguments)
        {
            bool value = argument.Value.Value is true;
            switch (argument.Key)
            {
                case "HasNullChecks":
                    hasNullChecks = value;
                    break;
                case "HasNoEqualityOperator":
                    hasNoEqualityOperator = value;
                    break;
            }
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        return new ScalarStructSpec(ns, type.Name, kqlTypeName, hasNullChecks, hasNoEqualityOperator);
    }
}
