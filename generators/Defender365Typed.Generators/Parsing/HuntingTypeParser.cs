using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Turns a type carrying [HuntingTable] or [HuntingResult] into its one <see cref="HuntingTypeSpec"/>, read once for
/// both emitters; null when the declaration breaks a <see cref="ShapeRules"/> rule: the generator then emits nothing
/// and the declaration analyzer explains why.
/// </summary>
internal static class HuntingTypeParser
{
    public static HuntingTypeSpec? Parse(GeneratorAttributeSyntaxContext context, HuntingTypeKind kind, CancellationToken cancellationToken)
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
        bool isTable = kind == HuntingTypeKind.Table;
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

        List<ColumnDeclaration> declarations = ShapeMembers.Columns(type).ToList();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (ColumnDeclaration column in declarations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ShapeRules.Check(column) != ColumnProblems.None || !seen.Add(column.Name))
            {
                return null;
            }
        }

        RowConstructor construction = RowConstructor.Choose(type, declarations);
        var columns = new List<ColumnSpec>(declarations.Count);
        for (int i = 0; i < declarations.Count; i++)
        {
            ColumnDeclaration column = declarations[i];
            columns.Add(new ColumnSpec(
                column.Property.Name,
                column.Name,
                column.Type,
                column.ValueKind,
                column.Clr.Nullable,
                column.Settings.Intern,
                construction.ParameterOf(i),
                ShapeMembers.Summary(column.Property)));
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        (bool hidesShape, bool hidesTable) = ShapeRules.InheritedMembers(type);
        return new HuntingTypeSpec(
            ns,
            type.Name,
            Keyword(type),
            Enclosing(type.ContainingType),
            tableName,
            columns.ToEquatableArray(),
            construction.Arity,
            hidesShape,
            hidesTable && isTable);
    }

    /// <summary><paramref name="innermost"/> and the types around it, outermost first, as generated code re-opens them.</summary>
    internal static EquatableArray<ContainingTypeSpec> Enclosing(INamedTypeSymbol? innermost)
    {
        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = innermost; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
        }

        return containing.ToEquatableArray();
    }

    /// <summary>How a type is re-opened in generated code: <c>record</c>, <c>struct</c>, <c>class</c>...</summary>
    internal static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        (false, TypeKind.Interface) => "interface",
        _ => "class",
    };
}
