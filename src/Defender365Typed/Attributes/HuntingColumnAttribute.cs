using System;

namespace Defender365Typed;

/// <summary>
/// Maps a property to a column whose KQL name differs from the property name, or pins the column's
/// KQL type where the CLR type alone does not say it (for example a <see cref="string"/> holding a
/// <c>guid</c> column).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class HuntingColumnAttribute : Attribute
{
    /// <summary>Keeps the property name as the column name.</summary>
    public HuntingColumnAttribute() { }

    /// <summary>Maps the property to the column <paramref name="name"/> (case-sensitive).</summary>
    public HuntingColumnAttribute(string name) => Name = name;

    /// <summary>The column's KQL name, or <see langword="null"/> for the property name.</summary>
    public string? Name { get; }

    /// <summary>The column's KQL type; <see cref="KqlType.Unspecified"/> infers it from the property type.</summary>
    public KqlType Type { get; set; }

    /// <summary>
    /// Whether the generated result reader shares one string instance per distinct value of this column (a bounded
    /// pool per read): worth it for low-cardinality columns such as <c>DeviceName</c> or <c>ActionType</c>.
    /// </summary>
    public bool Intern { get; set; }
}
