using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Helpers;

namespace Defender365Typed.Generators.Model;

/// <summary>
/// Everything both emitters need about one [HuntingTable] or [HuntingResult] type, parsed once: its identity, its
/// kind, its columns (KQL name and type, and how the reader decodes each value) and how a row is constructed.
/// Equatable and free of symbols, so unchanged declarations stay cached.
/// </summary>
/// <param name="TableName">The KQL table name of a table; null for a result type.</param>
/// <param name="ConstructorArity">
/// The arity of the constructor the reader builds rows with, or null when some column can be neither passed to a
/// constructor nor set: the type then gets its shape but no row reader.
/// </param>
/// <param name="HidesInheritedShape">A base type is a shape too, so the generated <c>Shape</c> and <c>Columns</c> are declared <c>new</c>.</param>
/// <param name="HidesInheritedTable">A base type is a table too, so the generated <c>Table</c> is declared <c>new</c>.</param>
internal sealed record HuntingTypeSpec(
    string? Namespace,
    string TypeName,
    string TypeKeyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string? TableName,
    EquatableArray<ColumnSpec> Columns,
    int? ConstructorArity,
    bool HidesInheritedShape,
    bool HidesInheritedTable)
{
    public HuntingTypeKind Kind => TableName is null ? HuntingTypeKind.Result : HuntingTypeKind.Table;

    /// <summary>File of the shape and column set (a namespace like <c>@class</c> is displayed with '@', which hint names reject).</summary>
    public string ShapeHintName => HintNames.For(Namespace, ContainingTypes, TypeName, ".g.cs");

    /// <summary>File of the row reader.</summary>
    public string ReaderHintName => HintNames.For(Namespace, ContainingTypes, TypeName, ".Reader.g.cs");
}

/// <summary>Which attribute declared the type; a type with both is a table.</summary>
internal enum HuntingTypeKind
{
    Table,
    Result,
}

/// <summary>
/// A column: the property that holds it, its KQL name and type, how the reader decodes its value (and whether the
/// property takes null), whether values are interned, the constructor parameter that receives it (-1: set through an
/// object initializer) and the property's documentation.
/// </summary>
internal sealed record ColumnSpec(
    string PropertyName,
    string ColumnName,
    KqlScalarType Type,
    ReaderValueKind ValueKind,
    bool Nullable,
    bool Intern,
    int ConstructorParameter,
    string? Summary);

/// <summary>A type enclosing the declared one, re-opened as <c>partial</c> around the generated members.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
