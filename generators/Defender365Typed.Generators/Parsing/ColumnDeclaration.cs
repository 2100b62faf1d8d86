using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>One column property as declared: the generator builds its model from it and the analyzer checks it.</summary>
internal readonly struct ColumnDeclaration
{
    public ColumnDeclaration(IPropertySymbol property, string name, KqlTypeName inferred, KqlTypeName pinned, AttributeData? attribute)
    {
        Property = property;
        Name = name;
        Inferred = inferred;
        Pinned = pinned;
        Attribute = attribute;
    }

    public IPropertySymbol Property { get; }

    /// <summary>The KQL column name: [HuntingColumn("...")] or else the property name.</summary>
    public string Name { get; }

    /// <summary>The KQL type the CLR property type maps to (Unspecified when unsupported).</summary>
    public KqlTypeName Inferred { get; }

    /// <summary>The type pinned with [HuntingColumn(Type = ...)], or Unspecified.</summary>
    public KqlTypeName Pinned { get; }

    /// <summary>The [HuntingColumn] attribute, when there is one.</summary>
    public AttributeData? Attribute { get; }

    /// <summary>The column's KQL type: the pinned one, else the inferred one.</summary>
    public KqlTypeName Type => Pinned == KqlTypeName.Unspecified ? Inferred : Pinned;
}
