using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>int</c> expression: comparisons, arithmetic, <c>between</c> and <c>in</c>.</summary>
[KqlScalarStruct("int", HasNullChecks = true)]
public readonly partial struct KqlInt
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>int</c> literal.</summary>
    public static implicit operator KqlInt(int value) => new(new KqlTextNode(KqlLiteral.Int(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlInt left, KqlInt right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlInt left, KqlInt right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>KQL <c>&lt;</c>.</summary>
    public static KqlBool operator <(KqlInt left, KqlInt right) => KqlScalar.Compare(left, "<", right);

    /// <summary>KQL <c>&lt;=</c>.</summary>
    public static KqlBool operator <=(KqlInt left, KqlInt right) => KqlScalar.Compare(left, "<=", right);

    /// <summary>KQL <c>&gt;</c>.</summary>
    public static KqlBool operator >(KqlInt left, KqlInt right) => KqlScalar.Compare(left, ">", right);

    /// <summary>KQL <c>&gt;=</c>.</summary>
    public static KqlBool operator >=(KqlInt left, KqlInt right) => KqlScalar.Compare(left, ">=", right);

    /// <summary>KQL <c>+</c>; like KQL, int arithmetic yields a long.</summary>
    public static KqlLong operator +(KqlInt left, KqlInt right) => new(KqlNodes.Binary(left.Node, "+", right.Node));

    /// <summary>KQL <c>-</c>.</summary>
    public static KqlLong operator -(KqlInt left, KqlInt right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>KQL <c>*</c>.</summary>
    public static KqlLong operator *(KqlInt left, KqlInt right) => new(KqlNodes.Binary(left.Node, "*", right.Node));

    /// <summary>KQL <c>/</c>.</summary>
    public static KqlLong operator /(KqlInt left, KqlInt right) => new(KqlNodes.Binary(left.Node, "/", right.Node));

    /// <summary>KQL <c>%</c>.</summary>
    public static KqlLong operator %(KqlInt left, KqlInt right) => new(KqlNodes.Binary(left.Node, "%", right.Node));

    /// <summary>Negation.</summary>
    public static KqlInt operator -(KqlInt value) => new(new KqlUnaryNode("-", value.Node));
#pragma warning restore CA2225

    /// <summary><c>value between (low .. high)</c>, both ends included.</summary>
    public KqlBool Between(KqlInt low, KqlInt high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: false));

    /// <summary><c>value !between (low .. high)</c>.</summary>
    public KqlBool NotBetween(KqlInt low, KqlInt high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: true));

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params int[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<int>)values, BareNumber, nameof(values)));

    /// <summary><c>!in (...)</c>.</summary>
    public KqlBool NotIn(params int[] values) => new(KqlNodes.InList(Node, "!in", (IReadOnlyList<int>)values, BareNumber, nameof(values)));

    /// <summary><c>in (subquery)</c>.</summary>
    public KqlBool In(KqlSet<KqlInt> values) => new(KqlNodes.Binary(Node, "in", values.Node));

    /// <summary><c>tolong(value)</c>.</summary>
    public KqlLong AsLong() => new(KqlNodes.Call("tolong", Node));

    /// <summary><c>toreal(value)</c>.</summary>
    public KqlReal AsReal() => new(KqlNodes.Call("toreal", Node));

    /// <summary><c>bin(value, size)</c>: rounds down to a multiple of <paramref name="size"/>.</summary>
    public KqlReal Bin(KqlReal size) => new(KqlNodes.Call("bin", Node, size.Node));

    // A list compared with an int column needs no int() wrappers: KQL compares numbers across widths.
    private static string BareNumber(int value) => KqlLiteral.Long(value);
}
