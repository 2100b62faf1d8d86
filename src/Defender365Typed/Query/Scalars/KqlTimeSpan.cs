using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>timespan</c> expression: comparisons, arithmetic and <c>between</c>.</summary>
[KqlScalarStruct("timespan", HasNullChecks = true)]
public readonly partial struct KqlTimeSpan
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>timespan</c> literal such as <c>7d</c> or <c>30m</c>.</summary>
    public static implicit operator KqlTimeSpan(TimeSpan value) => new(new KqlTextNode(KqlLiteral.TimeSpan(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlTimeSpan left, KqlTimeSpan right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlTimeSpan left, KqlTimeSpan right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>Shorter than.</summary>
    public static KqlBool operator <(KqlTimeSpan left, KqlTimeSpan right) => KqlScalar.Compare(left, "<", right);

    /// <summary>Shorter than or equal.</summary>
    public static KqlBool operator <=(KqlTimeSpan left, KqlTimeSpan right) => KqlScalar.Compare(left, "<=", right);

    /// <summary>Longer than.</summary>
    public static KqlBool operator >(KqlTimeSpan left, KqlTimeSpan right) => KqlScalar.Compare(left, ">", right);

    /// <summary>Longer than or equal.</summary>
    public static KqlBool operator >=(KqlTimeSpan left, KqlTimeSpan right) => KqlScalar.Compare(left, ">=", right);

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
}
