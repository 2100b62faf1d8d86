using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Turns a type carrying [HuntingTable] or [HuntingResult] into a <see cref="ShapeSpec"/>, or null when
/// the declaration is invalid: the generator then emits nothing and the analyzer explains why.
/// </summary>
internal static class ShapeParser
{
    public static ShapeSpec? Parse(GeneratorAttributeSyntaxContext context, bool isTable, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax)
        {
            return null;
        }

        if (!IsPartialChain(type) || type.IsGenericType || type.IsStatic || type.IsAbstract)
        {
            return null;
        }

        string? tableName = null;
        if (isTable)
        {
            tableName = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string;
            if (!NameRules.IsValidName(tableName))
            {
                return null;
            }
        }

        var columns = new List<ColumnSpec>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (IPropertySymbol property in ShapeMembers.ColumnProperties(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            (string? columnName, int pinned, _) = ShapeMembers.ReadColumnAttribute(property);
            string name = columnName ?? property.Name;
            KqlTypeName inferred = KqlTypeMapper.Infer(property.Type);
            KqlTypeName pinnedType = (KqlTypeName)pinned;
            if (inferred == KqlTypeName.Unspecified
                || !KqlTypeMapper.CanHold(inferred, pinnedType)
                || !NameRules.IsValidName(name)
                || KnownNames.ReservedMemberNames.Contains(property.Name)
                || !seen.Add(name))
            {
                return null;
            }

            KqlTypeName columnType = pinnedType == KqlTypeName.Unspecified ? inferred : pinnedType;
            columns.Add(new ColumnSpec(property.Name, name, columnType, ShapeMembers.Summary(property)));
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        return new ShapeSpec(ns, type.Name, Keyword(type), containing.ToEquatableArray(), tableName, columns.ToEquatableArray());
    }

    /// <summary>The type and every type around it must be partial, or generated members cannot be added.</summary>
    public static bool IsPartialChain(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            bool isPartial = current.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Any(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                return false;
            }
        }

        return true;
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        (false, TypeKind.Interface) => "interface",
        _ => "class",
    };
}
