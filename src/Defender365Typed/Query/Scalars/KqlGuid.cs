using System;
using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>guid</c> expression: equality and <c>in</c> only.</summary>
[KqlScalarStruct("guid", HasNullChecks = true)]
public readonly partial struct KqlGuid
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>guid(...)</c> literal.</summary>
    public static implicit operator KqlGuid(Guid value) => new(new KqlTextNode(KqlLiteral.Guid(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlGuid left, KqlGuid right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlGuid left, KqlGuid right) => KqlScalar.Compare(left, "!=", right);
#pragma warning restore CA2225

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params Guid[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<Guid>)values, KqlLiteral.Guid, nameof(values)));
}
