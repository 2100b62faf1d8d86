using System;

namespace Defender365Typed;

/// <summary>
/// Declares an advanced hunting table. Put it on a <c>partial</c> record or class whose public
/// properties are the table's columns; the source generator adds a typed query root
/// (<c>Table</c>), a typed column set (<c>Columns</c>) and the row shape (<c>Shape</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class HuntingTableAttribute : Attribute
{
    /// <summary>Declares the table <paramref name="name"/> (case-sensitive, as KQL spells it).</summary>
    public HuntingTableAttribute(string name) => Name = name;

    /// <summary>The table's name in KQL.</summary>
    public string Name { get; }
}
