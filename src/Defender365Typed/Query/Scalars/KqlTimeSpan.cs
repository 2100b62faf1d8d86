using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>timespan</c> expression: comparisons, arithmetic and <c>between</c>.</summary>
public readonly struct KqlTimeSpan : IKqlScalar, IEquatable<KqlTimeSpan>
{
    private readonly KqlNode? _node;

    internal KqlTimeSpan(KqlNode node) => _node = node;

    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlTimeSpan));

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);

#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>timespan</c> literal such as <c>7d</c> or <c>30m</c>.</summary>
    public static implicit operator KqlTimeSpan(TimeSpan value) => new(new KqlTextNode(KqlLiteral.TimeSpan(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlTimeSpan left, KqlTimeSpan right) => Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlTimeSpan left, KqlTimeSpan right) => Compare(left, "!=", right);

    /// <summary>Shorter than.</summary>
    public static KqlBool operator <(KqlTimeSpan left, KqlTimeSpan right) => Compare(left, "<", right);

    /// <summary>Shorter than or equal.</summary>
    public static KqlBool operator <=(KqlTimeSpan left, KqlTimeSpan right) => Compare(left, "<=", right);

    /// <summary>Longer than.</summary>
    public static KqlBool operator >(KqlTimeSpan left, KqlTimeSpan right) => Compare(left, ">", right);

    /// <summary>Longer than or equal.</summary>
    public static KqlBool operator >=(KqlTimeSpan left, KqlTimeSpan right) => Compare(left, ">=", right);

    /// <summary>Sum of two timespans.</summary>
    public static KqlTimeSpan operator +(KqlTimeSpan left, KqlTimeSpan right) => new(KqlNodes.Binary(left.Node, "+", right.Node));

    /// <summary>Difference of two timespans.</summary>
    public static KqlTimeSpan operator -(KqlTimeSpan left, KqlTimeSpan right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>A timespan scaled by a number.</summary>
    public static KqlTimeSpan operator *(KqlTimeSpan left, KqlReal right) => new(KqlNodes.Binary(left.Node, "*", right.Node));

    /// <summary>The ratio of two timespans, as a real.</summary>
    public static KqlReal operator /(KqlTimeSpan left, KqlTimeSpan right) => new(KqlNodes.Binary(left.Node, "/", right.Node));

    /// <summary>Negation.</summary>
    public static KqlTimeSpan operator -(KqlTimeSpan value) => new(new KqlUnaryNode("-", value.Node));
#pragma warning restore CA2225

    /// <summary><c>value between (low .. high)</c>, both ends included.</summary>
    public KqlBool Between(KqlTimeSpan low, KqlTimeSpan high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: false));

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));

    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));

    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));

    /// <summary>Names the expression in a column list: <c>alias = value</c>.</summary>
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);

    /// <summary>Fills this result column with <paramref name="value"/> in <c>summarize</c> or <c>project</c>.</summary>
    public KqlAssignment Assign(KqlTimeSpan value) => KqlScalar.Assign(Node, value.Node, nameof(KqlTimeSpan));

    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlTimeSpan other) => ReferenceEquals(_node, other._node);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlTimeSpan other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    private static KqlBool Compare(KqlTimeSpan left, string op, KqlTimeSpan right) => new(KqlNodes.Binary(left.Node, op, right.Node));
}
