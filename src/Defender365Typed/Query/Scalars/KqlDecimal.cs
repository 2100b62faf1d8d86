using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>decimal</c> expression: comparisons, arithmetic, <c>between</c> and <c>in</c>.</summary>
[KqlScalarStruct("decimal", HasNullChecks = true)]
public readonly partial struct KqlDecimal
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>decimal</c> literal.</summary>
    public static implicit operator KqlDecimal(decimal value) => new(new KqlTextNode(KqlLiteral.Decimal(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlDecimal left, KqlDecimal right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlDecimal left, KqlDecimal right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>KQL <c>&lt;</c>.</summary>
    public static KqlBool operator <(KqlDecimal left, KqlDecimal right) => KqlScalar.Compare(left, "<", right);

    /// <summary>KQL <c>&lt;=</c>.</summary>
    public static KqlBool operator <=(KqlDecimal left, KqlDecimal right) => KqlScalar.Compare(left, "<=", right);

    /// <summary>KQL <c>&gt;</c>.</summary>
    public static KqlBool operator >(KqlDecimal left, KqlDecimal right) => KqlScalar.Compare(left, ">", right);

    /// <summary>KQL <c>&gt;=</c>.</summary>
    public static KqlBool operator >=(KqlDecimal left, KqlDecimal right) => KqlScalar.Compare(left, ">=", right);

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
}
