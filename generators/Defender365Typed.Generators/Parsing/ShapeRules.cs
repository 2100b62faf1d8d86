using System;
using System.Linq;
using Defender365Typed.Generators.Model;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators.Parsing;

/// <summary>What a column declaration can get wrong; one property can have several problems.</summary>
[Flags]
internal enum ColumnProblems
{
    None = 0,
    UnsupportedType = 1,
    PinnedTypeNotHeld = 2,
    InvalidName = 4,
    ReservedName = 8,
}

/// <summary>Why a type cannot be a shape at all.</summary>
internal enum UnsupportedKind
{
    None,
    Generic,
    NestedInGeneric,
    RefStruct,
    Static,
    Abstract,
}

/// <summary>
/// The validity rules of a shape declaration. <see cref="HuntingTypeParser"/> skips a type that breaks any of
/// them and the declaration analyzer reports each one, so the two cannot disagree.
/// </summary>
internal static class ShapeRules
{
    /// <summary>The type itself or the first enclosing type that is not declared partial, or null when all are.</summary>
    public static INamedTypeSymbol? FirstNonPartial(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            bool isPartial = current.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Any(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Generic, static and abstract types have no single row type the generated members could describe.</summary>
    public static UnsupportedKind Unsupported(INamedTypeSymbol type)
    {
        if (type.TypeParameters.Length > 0)
        {
            return UnsupportedKind.Generic;
        }

        // IsGenericType is also true inside a generic type, which the emitter cannot re-open.
        if (type.IsGenericType)
        {
            return UnsupportedKind.NestedInGeneric;
        }

        // A ref struct cannot be the row type argument of HuntingShape<TRow, TColumns>.
        if (type.IsRefLikeType)
        {
            return UnsupportedKind.RefStruct;
        }

        return type.IsStatic ? UnsupportedKind.Static : type.IsAbstract ? UnsupportedKind.Abstract : UnsupportedKind.None;
    }

    /// <summary>A type named like a generated member would contain a member of its own name (CS0542).</summary>
    public static bool HasReservedName(INamedTypeSymbol type) => KnownNames.ReservedMemberNames.Contains(type.Name);

    /// <summary>Which generated members of the type hide inherited ones, because a base type is a shape too.</summary>
    public static (bool Shape, bool Table) InheritedMembers(INamedTypeSymbol type)
    {
        bool shape = false;
        bool table = false;
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (AttributeData attribute in current.GetAttributes())
            {
                bool isTable = IsAttribute(attribute, KnownNames.HuntingTableAttribute);
                shape |= isTable || IsAttribute(attribute, KnownNames.HuntingResultAttribute);
                table |= isTable;
            }
        }

        return (shape, table);
    }

    /// <summary>The problems of one column, apart from duplicates (which need the whole type).</summary>
    public static ColumnProblems Check(ColumnDeclaration column)
    {
        ColumnProblems problems = ColumnProblems.None;
        if (column.Inferred == KqlScalarType.Unknown)
        {
            problems |= ColumnProblems.UnsupportedType;
        }
        else if (!KqlTypeMapper.CanHold(column.Inferred, column.Pinned))
        {
            problems |= ColumnProblems.PinnedTypeNotHeld;
        }

        if (!NameRules.IsValidName(column.Name))
        {
            problems |= ColumnProblems.InvalidName;
        }

        if (KnownNames.ReservedMemberNames.Contains(column.Property.Name))
        {
            problems |= ColumnProblems.ReservedName;
        }

        return problems;
    }

    /// <summary>Whether the type also carries [HuntingTable]: it is then generated as a table and its [HuntingResult] is ignored.</summary>
    public static bool IsTable(INamedTypeSymbol type) =>
        type.GetAttributes().Any(attribute => IsAttribute(attribute, KnownNames.HuntingTableAttribute));

    /// <summary>Matches an attribute by full name, as ForAttributeWithMetadataName does (cheap name test first).</summary>
    public static bool IsAttribute(AttributeData attribute, string fullName)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        return type is not null
            && fullName.EndsWith(type.Name, StringComparison.Ordinal)
            && type.ToDisplayString() == fullName;
    }
}
