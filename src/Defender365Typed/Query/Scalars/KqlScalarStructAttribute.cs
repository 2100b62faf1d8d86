using System;
using System.Diagnostics;

namespace Defender365Typed;

/// <summary>
/// Marks a typed scalar struct whose shared members (the wrapped node, the <see cref="IKqlScalar{TSelf}"/> members,
/// <c>Expression</c>, <c>As</c>, <c>Assign</c>, identity equality and, with <see cref="HasNullChecks"/>,
/// <c>IsNull</c>/<c>IsNotNull</c>/<c>AsString</c>) the internal generator
/// (generators/Defender365Typed.Generators.Internal) writes. Build-time only: not kept in the assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
[Conditional("DEFENDER365TYPED_GENERATOR")]
internal sealed class KqlScalarStructAttribute : Attribute
{
    /// <param name="kqlTypeName">The KQL type the struct stands for (<c>IKqlScalar.KqlTypeName</c>), e.g. <c>datetime</c>.</param>
    public KqlScalarStructAttribute(string kqlTypeName) => KqlTypeName = kqlTypeName;

    /// <summary>The KQL type the struct stands for.</summary>
    public string KqlTypeName { get; }

    /// <summary><c>isnull</c>, <c>isnotnull</c> and <c>tostring</c>: every type but string (a KQL string is never null).</summary>
    public bool HasNullChecks { get; set; }

    /// <summary>The type has no <c>==</c> (dynamic): <c>Equals</c> is documented as identity only.</summary>
    public bool HasNoEqualityOperator { get; set; }
}
