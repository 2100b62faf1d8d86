using Defender365Typed.Generators.Helpers;

namespace Defender365Typed.Generators.Model;

/// <summary>Everything the reader emitter needs about one shape type: its columns, how each value is read, and how the row is built.</summary>
internal sealed record ReaderSpec(
    string? Namespace,
    string TypeName,
    string TypeKeyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<ReaderColumnSpec> Columns,
    int ConstructorArity)
{
    /// <summary>File name for the generated reader, unique per type and distinct from the shape's file.</summary>
    public string HintName => HintNames.For(Namespace, ContainingTypes, TypeName, ".Reader.g.cs");
}

/// <summary>
/// A column for the reader: property, KQL name and type, how its value is decoded, whether the property takes null,
/// whether it is interned, and its constructor parameter position (-1: set through an object initializer).
/// </summary>
internal sealed record ReaderColumnSpec(
    string PropertyName,
    string ColumnName,
    KqlTypeName Type,
    ReaderValueKind Kind,
    bool Nullable,
    bool Intern,
    int ConstructorParameter);

/// <summary>How a value is decoded, from the property's CLR type (and, for strings, a pinned dynamic type).</summary>
internal enum ReaderValueKind
{
    String,
    JsonText,
    Int64,
    Int32,
    Double,
    Decimal,
    Boolean,
    DateTime,
    DateTimeOffset,
    Guid,
    TimeSpan,
    JsonElement,
    Dynamic,
}
