using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>long</c> expression: comparisons, arithmetic, <c>between</c> and <c>in</c>.</summary>
[KqlScalarStruct("long", HasNullChecks = true)]
public readonly partial struct KqlLong
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>long</c> literal.</summary>
    public static implicit operator KqlLong(long value) => new(new KqlTextNode(KqlLiteral.Long(value)));

    /// <summary>An <c>int</c> expression widens to <c>long</c>, as in KQL.</summary>
    public static implicit operator KqlLong(KqlInt value) => new(value.Node);

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlLong left, KqlLong right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlLong left, KqlLong right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>KQL <c>&lt;</c>.</summary>
    public static KqlBool operator <(KqlLong left, KqlLong right) => KqlScalar.Compare(left, "<", right);

    /// <summary>KQL <c>&lt;=</c>.</summary>
    public static KqlBool operator <=(KqlLong left, KqlLong right) => KqlScalar.Compare(left, "<=", right);

    /// <summary>KQL <c>&gt;</c>.</summary>
    public static KqlBool operator >(KqlLong left, KqlLong right) => KqlScalar.Compare(left, ">", right);

    /// <summary>KQL <c>&gt;=</c>.</summary>
    public static KqlBool operator >=(KqlLong left, KqlLong right) => KqlScalar.Compare(left, ">=", right);

    /// <summary>KQL <c>+</c>.</summary>
    public static KqlLong operator +(KqlLong left, KqlLong right) => new(KqlNodes.Binary(left.Node, "+", right.Node));

    /// <summary>KQL <c>-</c>.</summary>
    public static KqlLong operator -(KqlLong left, KqlLong right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>KQL <c>*</c>.</summary>
    public static KqlLong operator *(KqlLong left, KqlLong right) => new(KqlNodes.Binary(left.Node, "*", right.Node));

    /// <summary>KQL <c>/</c>.</summary>
    public static KqlLong operator /(KqlLong left, KqlLong right) => new(KqlNodes.Binary(left.Node, "/", right.Node));

    /// <summary>KQL <c>%</c>.</summary>
    public static KqlLong operator %(KqlLong left, KqlLong right) => new(KqlNodes.Binary(left.Node, "%", right.Node));

    /// <summary>Negation.</summary>
    public static KqlLong operator -(KqlLong value) => new(new KqlUnaryNode("-", value.Node));
#pragma warning restore CA2225

    /// <summary><c>value between (low .. high)</c>, both ends included.</summary>
    public KqlBool Between(KqlLong low, KqlLong high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: false));

    /// <summary><c>value !between (low .. high)</c>.</summary>
    public KqlBool NotBetween(KqlLong low, KqlLong high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: true));

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params long[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<long>)values, KqlLiteral.Long, nameof(values)));

    /// <summary><c>!in (...)</c>.</summary>
    public KqlBool NotIn(params long[] values) => new(KqlNodes.InList(Node, "!in", (IReadOnlyList<long>)values, KqlLiteral.Long, nameof(values)));

    /// <summary><c>in (subquery)</c>.</summary>
    public KqlBool In(KqlSet<KqlLong> values) => new(KqlNodes.Binary(Node, "in", values.Node));

    /// <summary><c>toreal(value)</c>.</summary>
    public KqlReal AsReal() => new(KqlNodes.Call("toreal", Node));

    /// <summary><c>bin(value, size)</c>: rounds down to a multiple of <paramref name="size"/>.</summary>
    public KqlLong Bin(KqlLong size) => new(KqlNodes.Call("bin", Node, size.Node));

    /// <summary><c>bin(value, size)</c> with a real size: rounds down to a multiple of <paramref name="size"/>.</summary>
    public KqlReal Bin(KqlReal size) => new(KqlNodes.Call("bin", Node, size.Node));

    /// <summary><c>todecimal(value)</c>.</summary>
    public KqlDecimal AsDecimal() => new(KqlNodes.Call("todecimal", Node));
}
