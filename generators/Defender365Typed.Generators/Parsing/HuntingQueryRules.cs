using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// When a <c>[HuntingQuery("Name")]</c> field can get its generated typed query: the generator skips a field that
/// breaks a rule and the raw-KQL analyzer reports the rule as DTQ116, so the two cannot disagree.
/// </summary>
internal static class HuntingQueryRules
{
    /// <summary>The generated row type is the query's name followed by this.</summary>
    public const string RowSuffix = "Row";

    /// <summary>The name the attribute asks the generator to declare; null for <c>[HuntingQuery]</c> or <c>[HuntingQuery(typeof(T))]</c>.</summary>
    public static string? GeneratedName(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name ? name : null;

    /// <summary>Why <paramref name="field"/> cannot get the typed query <paramref name="name"/>, or null when it can.</summary>
    public static string? Problem(IFieldSymbol field, string name)
    {
        if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
        {
            return $"'{name}' is not a valid C# name for the generated query";
        }

        if (!field.IsConst || field.Type.SpecialType != SpecialType.System_String)
        {
            return $"'{field.Name}' must be a const string: the generated query reads its text at compile time";
        }

        if (name == field.Name)
        {
            return $"the generated query '{name}' would have the name of the field itself; name the constant differently (for example '{name}Kql')";
        }

        for (INamedTypeSymbol? type = field.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.TypeParameters.Length > 0)
            {
                return $"'{type.Name}' must be a non-generic class, struct or record to receive the generated query";
            }
        }

        if (ShapeRules.FirstNonPartial(field.ContainingType) is { } notPartial)
        {
            return $"'{notPartial.Name}' must be declared partial to receive the generated query '{name}' and its row type '{name}{RowSuffix}'";
        }

        if (name + RowSuffix == field.ContainingType.Name || name == field.ContainingType.Name)
        {
            return $"the generated '{name}' or '{name}{RowSuffix}' would have the name of its containing type '{field.ContainingType.Name}'";
        }

        // A second field asking for the same name: the first one declared gets it (two would generate the same files).
        foreach (ISymbol member in field.ContainingType.GetMembers())
        {
            if (SymbolEqualityComparer.Default.Equals(member, field))
            {
                break;
            }

            if (member is IFieldSymbol other && GeneratedNameOf(other) == name)
            {
                return $"'{other.Name}' already generates '{name}' in '{field.ContainingType.Name}'";
            }
        }

        return null;
    }

    private static string? GeneratedNameOf(IFieldSymbol field)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.HuntingQueryAttribute && GeneratedName(attribute) is { } name)
            {
                return name;
            }
        }

        return null;
    }
}
