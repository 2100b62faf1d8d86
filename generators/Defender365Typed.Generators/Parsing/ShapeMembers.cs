using System.Collections.Generic;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>Finds the properties that are columns and reads their [HuntingColumn] settings.</summary>
internal static class ShapeMembers
{
    /// <summary>
    /// Public instance properties with a getter, in declaration order, base types first. An override
    /// takes the place of the property it overrides, so one column is never listed twice.
    /// </summary>
    public static IEnumerable<IPropertySymbol> ColumnProperties(INamedTypeSymbol type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Push(current);
        }

        var properties = new List<IPropertySymbol>();
        foreach (INamedTypeSymbol declaring in chain)
        {
            foreach (ISymbol member in declaring.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    && !property.IsImplicitlyDeclared
                    && property.Name != "EqualityContract")
                {
                    int overridden = property.OverriddenProperty is { } baseProperty
                        ? properties.FindIndex(p => SymbolEqualityComparer.Default.Equals(p, baseProperty))
                        : -1;
                    if (overridden >= 0)
                    {
                        properties[overridden] = property;
                    }
                    else
                    {
                        properties.Add(property);
                    }
                }
            }
        }

        return properties;
    }

    /// <summary>Every column property with its KQL name, types and settings, read once for the generator and the analyzer.</summary>
    public static IEnumerable<ColumnDeclaration> Columns(INamedTypeSymbol type)
    {
        foreach (IPropertySymbol property in ColumnProperties(type))
        {
            yield return new ColumnDeclaration(property, ClrTypeClassifier.Classify(property.Type), ReadColumnAttribute(property));
        }
    }

    /// <summary>The settings of the property's [HuntingColumn], all default when it has none.</summary>
    public static HuntingColumnSettings ReadColumnAttribute(IPropertySymbol property)
    {
        foreach (AttributeData attribute in property.GetAttributes())
        {
            if (!ShapeRules.IsAttribute(attribute, KnownNames.HuntingColumnAttribute))
            {
                continue;
            }

            string? name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            int pinned = 0;
            bool intern = false;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                switch (named.Key, named.Value.Value)
                {
                    case ("Type", int value): pinned = value; break;
                    case ("Intern", bool value): intern = value; break;
                }
            }

            return new HuntingColumnSettings(name, pinned, intern, attribute);
        }

        return default;
    }

    /// <summary>The text of the property's <c>&lt;summary&gt;</c> documentation, whitespace collapsed.</summary>
    public static string? Summary(ISymbol symbol)
    {
        string? xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrEmpty(xml))
        {
            return null;
        }

        int start = xml!.IndexOf("<summary>", System.StringComparison.Ordinal);
        int end = xml.IndexOf("</summary>", System.StringComparison.Ordinal);
        if (start < 0 || end <= start)
        {
            return null;
        }

        string inner = xml.Substring(start + 9, end - start - 9);
        return string.Join(" ", inner.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries));
    }
}
