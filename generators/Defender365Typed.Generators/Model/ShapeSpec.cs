using Defender365Typed.Generators.Helpers;

namespace Defender365Typed.Generators.Model;

/// <summary>Everything the emitter needs about one [HuntingTable] or [HuntingResult] type; equatable, with no symbols.</summary>
internal sealed record ShapeSpec(
    string? Namespace,
    string TypeName,
    string TypeKeyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string? TableName,
    EquatableArray<ColumnSpec> Columns)
{
    /// <summary>File name for the generated source, unique per type.</summary>
    public string HintName =>
        (Namespace is null ? string.Empty : Namespace + ".") +
        string.Concat(System.Linq.Enumerable.Select(ContainingTypes, t => t.Name + ".")) +
        TypeName + ".g.cs";
}

/// <summary>A column: the property that holds it, its KQL name and type, and its documentation.</summary>
internal sealed record ColumnSpec(string PropertyName, string ColumnName, KqlTypeName Type, string? Summary);

/// <summary>A type enclosing the declared one, re-opened as <c>partial</c> around the generated members.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
