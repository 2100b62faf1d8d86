using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Turns a type carrying [HuntingTable] or [HuntingResult] into a <see cref="ShapeSpec"/>, or null when
/// the declaration breaks a <see cref="ShapeRules"/> rule: the generator then emits nothing and the
/// analyzer explains why.
/// </summary>
internal static class ShapeParser
{
    public static ShapeSpec? Parse(GeneratorAttributeSyntaxContext context, bool isTable, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax)
        {
            return null;
        }

        if (ShapeRules.FirstNonPartial(type) is not null || ShapeRules.Unsupported(type) != UnsupportedKind.None || ShapeRules.HasReservedName(type))
        {
            return null;
        }

        // A type with both attributes is generated once, as a table (a table's shape also serves as a result).
        if (!isTable && ShapeRules.IsTable(type))
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
        foreach (ColumnDeclaration column in ShapeMembers.Columns(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ShapeRules.Check(column) != ColumnProblems.None || !seen.Add(column.Name))
            {
                return null;
            }

            columns.Add(new ColumnSpec(column.Property.Name, column.Name, column.Type, ShapeMembers.Summary(column.Property)));
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        (bool hidesShape, bool hidesTable) = ShapeRules.InheritedMembers(type);
        return new ShapeSpec(ns, type.Name, Keyword(type), containing.ToEquatableArray(), tableName, columns.ToEquatableArray(), hidesShape, hidesTable && isTable);
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
