using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.HuntingQueries;

/// <summary>
/// A <c>[HuntingQuery("Name")]</c> constant the generator can declare a typed query for: where it lives, the name
/// asked for and the query text. Equatable and free of symbols, so an unrelated edit leaves it cached.
/// </summary>
internal sealed record HuntingQueryDeclaration(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string FieldName,
    string Name,
    string Text)
{
    /// <summary>The declaration on the attributed field; null when it asks for no typed query or breaks a <see cref="HuntingQueryRules"/> rule (DTQ116).</summary>
    public static HuntingQueryDeclaration? Parse(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol is not IFieldSymbol field
            || context.Attributes.Length != 1
            || HuntingQueryRules.GeneratedName(context.Attributes[0]) is not { } name
            || HuntingQueryRules.Problem(field, name) is not null
            || field.ConstantValue is not string text)
        {
            return null;
        }

        INamedTypeSymbol type = field.ContainingType;
        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        return new HuntingQueryDeclaration(ns, HuntingTypeParser.Enclosing(type), field.Name, name, text);
    }
}
