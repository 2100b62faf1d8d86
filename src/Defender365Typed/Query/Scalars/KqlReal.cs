using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>real</c> expression: comparisons, arithmetic, <c>between</c> and <c>in</c>.</summary>
[KqlScalarStruct("real", HasNullChecks = true)]
public readonly partial struct KqlReal
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>real</c> literal.</summary>
    public static implicit operator KqlReal(double value) => new(new KqlTextNode(KqlLiteral.Real(value)));

    /// <summary>A <c>long</c> expression widens to <c>real</c>, as in KQL arithmetic.</summary>
    public static implicit operator KqlReal(KqlLong value) => new(value.Node);

    /// <summary>An <c>int</c> expression widens to <c>real</c>, as in KQL arithmetic.</summary>
    public static implicit operator KqlReal(KqlInt value) => new(value.Node);

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlReal left, KqlReal right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlReal left, KqlReal right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>KQL <c>&lt;</c>.</summary>
    public static KqlBool operator <(KqlReal left, KqlReal right) => KqlScalar.Compare(left, "<", right);

    /// <summary>KQL <c>&lt;=</c>.</summary>
    public static KqlBool operator <=(KqlReal left, KqlReal right) => KqlScalar.Compare(left, "<=", right);

    /// <summary>KQL <c>&gt;</c>.</summary>
    public static KqlBool operator >(KqlReal left, KqlReal right) => KqlScalar.Compare(left, ">", right);

    /// <summary>KQL <c>&gt;=</c>.</summary>
    public static KqlBool operator >=(KqlReal left, KqlReal right) => KqlScalar.Compare(left, ">=", right);

    /// <summary>KQL <c>+</c>.</summary>
    public static KqlReal operator +(KqlReal left, KqlReal right) => new(KqlNodes.Binary(left.Node, "+", right.Node));

    /// <summary>KQL <c>-</c>.</summary>
    public static KqlReal operator -(KqlReal left, KqlReal right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>KQL <c>*</c>.</summary>
    public static KqlReal operator *(KqlReal left, KqlReal right) => new(KqlNodes.Binary(left.Node, "*", right.Node));

    /// <summary>KQL <c>/</c>.</summary>
    public static KqlReal operator /(KqlReal left, KqlReal right) => new(KqlNodes.Binary(left.Node, "/", right.Node));

    /// <summary>KQL <c>%</c>.</summary>
    public static KqlReal operator %(KqlReal left, KqlReal right) => new(KqlNodes.Binary(left.Node, "%", right.Node));

    /// <summary>Negation.</summary>
    public static KqlReal operator -(KqlReal value) => new(new KqlUnaryNode("-", value.Node));
#pragma warning restore CA2225

    /// <summary><c>value between (low .. high)</c>, both ends included.</summary>
    public KqlBool Between(KqlReal low, KqlReal high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: false));

    /// <summary><c>value !between (low .. high)</c>.</summary>
    public KqlBool NotBetween(KqlReal low, KqlReal high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: true));

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params double[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<double>)values, KqlLiteral.Real, nameof(values)));

    /// <summary><c>!in (...)</c>.</summary>
    public KqlBool NotIn(params double[] values) => new(KqlNodes.InList(Node, "!in", (IReadOnlyList<double>)values, KqlLiteral.Real, nameof(values)));

    /// <summary><c>in (subquery)</c>.</summary>
    public KqlBool In(KqlSet<KqlReal> values) => new(KqlNodes.Binary(Node, "in", values.Node));

    /// <summary><c>round(value, digits)</c>.</summary>
    public KqlReal Round(int digits = 0) => new(KqlNodes.Call("round", Node, new KqlTextNode(KqlLiteral.Long(digits))));

    /// <summary><c>bin(value, size)</c>: rounds down to a multiple of <paramref name="size"/>.</summary>
    public KqlReal Bin(KqlReal size) => new(KqlNodes.Call("bin", Node, size.Node));

    /// <summary><c>isnan(value)</c>.</summary>
    public KqlBool IsNaN() => new(KqlNodes.Call("isnan", Node));

    /// <summary><c>todecimal(value)</c>.</summary>
    public KqlDecimal AsDecimal() => new(KqlNodes.Call("todecimal", Node));
}
