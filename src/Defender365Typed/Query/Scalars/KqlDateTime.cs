using System;
using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>datetime</c> expression: comparisons, <c>between</c>, timespan arithmetic, <c>bin</c> and calendar functions.</summary>
[KqlScalarStruct("datetime", HasNullChecks = true)]
public readonly partial struct KqlDateTime
{
#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>A <c>datetime</c> literal (UTC; see <see cref="KqlLiteral.DateTime(System.DateTime)"/>).</summary>
    public static implicit operator KqlDateTime(DateTime value) => new(new KqlTextNode(KqlLiteral.DateTime(value)));

    /// <summary>A <c>datetime</c> literal, converted to UTC.</summary>
    public static implicit operator KqlDateTime(DateTimeOffset value) => new(new KqlTextNode(KqlLiteral.DateTime(value)));

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlDateTime left, KqlDateTime right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlDateTime left, KqlDateTime right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>Earlier than.</summary>
    public static KqlBool operator <(KqlDateTime left, KqlDateTime right) => KqlScalar.Compare(left, "<", right);

    /// <summary>Earlier than or equal.</summary>
    public static KqlBool operator <=(KqlDateTime left, KqlDateTime right) => KqlScalar.Compare(left, "<=", right);

    /// <summary>Later than.</summary>
    public static KqlBool operator >(KqlDateTime left, KqlDateTime right) => KqlScalar.Compare(left, ">", right);

    /// <summary>Later than or equal.</summary>
    public static KqlBool operator >=(KqlDateTime left, KqlDateTime right) => KqlScalar.Compare(left, ">=", right);

    /// <summary>The time between two datetimes.</summary>
    public static KqlTimeSpan operator -(KqlDateTime left, KqlDateTime right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>A datetime moved back by a timespan.</summary>
    public static KqlDateTime operator -(KqlDateTime left, KqlTimeSpan right) => new(KqlNodes.Binary(left.Node, "-", right.Node));

    /// <summary>A datetime moved forward by a timespan.</summary>
    public static KqlDateTime operator +(KqlDateTime left, KqlTimeSpan right) => new(KqlNodes.Binary(left.Node, "+", right.Node));
#pragma warning restore CA2225

    /// <summary><c>value between (low .. high)</c>, both ends included.</summary>
    public KqlBool Between(KqlDateTime low, KqlDateTime high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: false));

    /// <summary><c>value !between (low .. high)</c>.</summary>
    public KqlBool NotBetween(KqlDateTime low, KqlDateTime high) => new(new KqlBetweenNode(Node, low.Node, high.Node, negated: true));

    /// <summary><c>in (...)</c>.</summary>
    public KqlBool In(params DateTime[] values) => new(KqlNodes.InList(Node, "in", (IReadOnlyList<DateTime>)values, KqlLiteral.DateTime, nameof(values)));

    /// <summary><c>bin(value, size)</c>: rounds down to a multiple of <paramref name="size"/>, e.g. <c>bin(Timestamp, 1h)</c>.</summary>
    public KqlDateTime Bin(KqlTimeSpan size) => new(KqlNodes.Call("bin", Node, size.Node));

    /// <summary><c>startofday(value)</c>.</summary>
    public KqlDateTime StartOfDay() => new(KqlNodes.Call("startofday", Node));

    /// <summary><c>startofweek(value)</c> (Sunday).</summary>
    public KqlDateTime StartOfWeek() => new(KqlNodes.Call("startofweek", Node));

    /// <summary><c>startofmonth(value)</c>.</summary>
    public KqlDateTime StartOfMonth() => new(KqlNodes.Call("startofmonth", Node));

    /// <summary><c>startofyear(value)</c>.</summary>
    public KqlDateTime StartOfYear() => new(KqlNodes.Call("startofyear", Node));

    /// <summary><c>endofday(value)</c>.</summary>
    public KqlDateTime EndOfDay() => new(KqlNodes.Call("endofday", Node));

    /// <summary><c>dayofweek(value)</c>: days since the preceding Sunday, as a timespan.</summary>
    public KqlTimeSpan DayOfWeek() => new(KqlNodes.Call("dayofweek", Node));

    /// <summary><c>hourofday(value)</c>: 0 to 23.</summary>
    public KqlInt HourOfDay() => new(KqlNodes.Call("hourofday", Node));

    /// <summary><c>dayofmonth(value)</c>: 1 to 31.</summary>
    public KqlInt DayOfMonth() => new(KqlNodes.Call("dayofmonth", Node));

    /// <summary><c>format_datetime(value, format)</c>, e.g. <c>"yyyy-MM-dd"</c>.</summary>
    public KqlString Format(string format) => new(KqlNodes.Call("format_datetime", Node, new KqlTextNode(KqlLiteral.String(format))));
}
