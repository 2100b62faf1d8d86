using Defender365Typed.Generators.Helpers;

namespace Defender365Typed.Generators.Model;

/// <summary>
/// Everything the emitter needs about one [HuntingTable] or [HuntingResult] type; equatable, with no symbols.
/// <c>HidesInherited*</c>: a base type is a shape too, so the generated members are declared <c>new</c>.
/// </summary>
internal sealed record ShapeSpec(
    string? Namespace,
    string TypeName,
    string TypeKeyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string? TableName,
    EquatableArray<ColumnSpec> Columns,
    bool HidesInheritedShape = false,
    bool HidesInheritedTable = false)
{
    /// <summary>File name for the generated source, unique per type (a namespace like <c>@class</c> is displayed with '@', which hint names reject).</summary>
    public string HintName => HintNames.For(Namespace, ContainingTypes, TypeName, ".g.cs");
}

/// <summary>A column: the property that holds it, its KQL name and type, and its documentation.</summary>
internal sealed record ColumnSpec(string PropertyName, string ColumnName, KqlTypeName Type, string? Summary);

/// <summary>A type enclosing the declared one, re-opened as <c>partial</c> around the generated members.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
