using System;
using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>guid</c> expression: equality and <c>in</c> only.</summary>
public readonly struct KqlGuid : IKqlScalar, IEquatable<KqlGuid>
{
    private readonly KqlNode? _node;

    internal KqlGuid(KqlNode node) => _node = node;

    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlGuid));

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);

#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>guid(...)</c> literal.</summary>
    public static implicit operator KqlGuid(Guid value) => new(new KqlTextNode(KqlLiteral.Guid(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlGuid left, KqlGuid right) => new(KqlNodes.Binary(left.Node, "==", right.Node));

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlGuid left, KqlGuid right) => new(KqlNodes.Binary(left.Node, "!=", right.Node));
#pragma warning restore CA2225

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params Guid[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<Guid>)values, KqlLiteral.Guid, nameof(values)));

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));

    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));

    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));

    /// <summary>Names the expression in a column list: <c>alias = value</c>.</summary>
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);

    /// <summary>Fills this result column with <paramref name="value"/> in <c>summarize</c> or <c>project</c>.</summary>
    public KqlAssignment Assign(KqlGuid value) => KqlScalar.Assign(Node, value.Node, nameof(KqlGuid));

    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlGuid other) => ReferenceEquals(_node, other._node);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlGuid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;
}
