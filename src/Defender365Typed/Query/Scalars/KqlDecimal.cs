using System;
using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>decimal</c> expression: comparisons, arithmetic, <c>between</c> and <c>in</c>.</summary>
public readonly struct KqlDecimal : IKqlScalar, IEquatable<KqlDecimal>
{
    private readonly KqlNode? _node;

    internal KqlDecimal(KqlNode node) => _node = node;

    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlDecimal));

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);

#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>decimal</c> literal.</summary>
    public static implicit operator KqlDecimal(decimal value) => new(new KqlTextNode(KqlLiteral.Decimal(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlDecimal left, KqlDecimal right) => Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlDecimal left, KqlDecimal right) => Compare(left, "!=", right);

    /// <summary>KQL <c>&lt;</c>.</summary>
    public static KqlBool operator <(KqlDecimal left, KqlDecimal right) => Compare(left, "<", right);

    /// <summary>KQL <c>&lt;=</c>.</summary>
    public static KqlBool operator <=(KqlDecimal left, KqlDecimal right) => Compare(left, "<=", right);

    /// <summary>KQL <c>&gt;</c>.</summary>
    public static KqlBool operator >(KqlDecimal left, KqlDecimal right) => Compare(left, ">", right);

    /// <summary>KQL <c>&gt;=</c>.</summary>
    public static KqlBool operator >=(KqlDecimal left, KqlDecimal right) => Compare(left, ">=", right);

    /// <summary>KQL <c>+</c>.</summary>
    public static KqlDecimal operator +(KqlDecimal left, KqlDecimal right) => new(KqlNodes.Binary(left.Node, "+", right.Node));

    /// <summary>KQL <c>-</c>.</summary>
    public static KqlDecimal operator -(KqlDecimal left, KqlDecimal right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>KQL <c>*</c>.</summary>
    public static KqlDecimal operator *(KqlDecimal left, KqlDecimal right) => new(KqlNodes.Binary(left.Node, "*", right.Node));

    /// <summary>KQL <c>/</c>.</summary>
    public static KqlDecimal operator /(KqlDecimal left, KqlDecimal right) => new(KqlNodes.Binary(left.Node, "/", right.Node));

    /// <summary>KQL <c>%</c>.</summary>
    public static KqlDecimal operator %(KqlDecimal left, KqlDecimal right) => new(KqlNodes.Binary(left.Node, "%", right.Node));

    /// <summary>Negation.</summary>
    public static KqlDecimal operator -(KqlDecimal value) => new(new KqlUnaryNode("-", value.Node));
#pragma warning restore CA2225

    /// <summary><c>value between (low .. high)</c>, both ends included.</summary>
    public KqlBool Between(KqlDecimal low, KqlDecimal high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: false));

    /// <summary><c>value !between (low .. high)</c>.</summary>
    public KqlBool NotBetween(KqlDecimal low, KqlDecimal high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: true));

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params decimal[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<decimal>)values, KqlLiteral.Decimal, nameof(values)));

    /// <summary><c>!in (...)</c>.</summary>
    public KqlBool NotIn(params decimal[] values) => new(KqlNodes.InList(Node, "!in", (IReadOnlyList<decimal>)values, KqlLiteral.Decimal, nameof(values)));

    /// <summary><c>in (subquery)</c>.</summary>
    public KqlBool In(KqlSet<KqlDecimal> values) => new(KqlNodes.Binary(Node, "in", values.Node));

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));

    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));

    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));

    /// <summary>Names the expression in a column list: <c>alias = value</c>.</summary>
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);

    /// <summary>Fills this result column with <paramref name="value"/> in <c>summarize</c> or <c>project</c>.</summary>
    public KqlAssignment Assign(KqlDecimal value) => KqlScalar.Assign(Node, value.Node, nameof(KqlDecimal));

    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlDecimal other) => ReferenceEquals(_node, other._node);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlDecimal other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    private static KqlBool Compare(KqlDecimal left, string op, KqlDecimal right) => new(KqlNodes.Binary(left.Node, op, right.Node));
}
