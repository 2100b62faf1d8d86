using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>One column property as declared, read once: the generator builds its model from it and the analyzer checks it.</summary>
internal readonly struct ColumnDeclaration
{
    public ColumnDeclaration(IPropertySymbol property, ClrColumnType clr, HuntingColumnSettings settings)
    {
        Property = property;
        Clr = clr;
        Settings = settings;
    }

    public IPropertySymbol Property { get; }

    /// <summary>What the property's CLR type is as a column (<see cref="ClrColumnType.IsSupported"/> false when unsupported).</summary>
    public ClrColumnType Clr { get; }

    /// <summary>What [HuntingColumn] says, when there is one.</summary>
    public HuntingColumnSettings Settings { get; }

    /// <summary>The KQL column name: [HuntingColumn("...")] or else the property name.</summary>
    public string Name => Settings.Name ?? Property.Name;

    /// <summary>The KQL type the CLR property type maps to (Unspecified when unsupported).</summary>
    public KqlScalarType Inferred => Clr.Kql;

    /// <summary>The type pinned with [HuntingColumn(Type = ...)], or Unspecified.</summary>
    public KqlScalarType Pinned => (KqlScalarType)Settings.PinnedType;

    /// <summary>The [HuntingColumn] attribute, when there is one.</summary>
    public AttributeData? Attribute => Settings.Attribute;

    /// <summary>The column's KQL type: the pinned one, else the inferred one.</summary>
    public KqlScalarType Type => Pinned == KqlScalarType.Unknown ? Inferred : Pinned;

    /// <summary>How the reader decodes the column's values.</summary>
    public ReaderValueKind ValueKind => Clr.ValueKindFor(Type);
}

/// <summary>The arguments of a property's [HuntingColumn] (all default when it has none).</summary>
/// <param name="Name">The KQL column name given as the constructor argument, or null.</param>
/// <param name="PinnedType">The <c>Type</c> named argument as its integer value (0: not pinned; casts may hold any value).</param>
/// <param name="Intern">The <c>Intern</c> named argument.</param>
/// <param name="Attribute">The attribute itself, for diagnostic locations.</param>
internal readonly record struct HuntingColumnSettings(string? Name, int PinnedType, bool Intern, AttributeData? Attribute)
{
    /// <summary>The name, pinned type and attribute (what the raw-KQL analyzer reads).</summary>
    public void Deconstruct(out string? name, out int pinnedType, out AttributeData? attribute)
    {
        name = Name;
        pinnedType = PinnedType;
        attribute = Attribute;
    }
}
