using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>KQL scalar functions that do not belong to one column type, and the aggregation functions of <c>summarize</c>.</summary>
public static class Kql
{
    private static readonly KqlDateTime NowValue = new(new KqlTextNode("now()"));
    private static readonly KqlLong CountValue = new(new KqlTextNode("count()"));

    /// <summary><c>ago(span)</c>: the current UTC time minus <paramref name="span"/>.</summary>
    public static KqlDateTime Ago(KqlTimeSpan span) => new(KqlNodes.Call("ago", span.Node));

    /// <summary><c>now()</c>: the current UTC time when the query runs.</summary>
    public static KqlDateTime Now() => NowValue;

    /// <summary><c>bin(value, size)</c> for datetimes, e.g. <c>bin(Timestamp, 1h)</c>.</summary>
    public static KqlDateTime Bin(KqlDateTime value, KqlTimeSpan size) => value.Bin(size);

    /// <summary><c>bin(value, size)</c> for numbers.</summary>
    public static KqlReal Bin(KqlReal value, KqlReal size) => value.Bin(size);

    /// <summary><c>iff(condition, whenTrue, whenFalse)</c>.</summary>
    public static T Iff<T>(KqlBool condition, T whenTrue, T whenFalse)
        where T : struct, IKqlScalar<T> =>
        T.Wrap(new KqlCallNode("iff", condition.Node, whenTrue.Expression.Node, whenFalse.Expression.Node));

    /// <summary><c>iff(condition, whenTrue, whenFalse)</c> for strings (lets C# literals infer the type).</summary>
    public static KqlString Iff(KqlBool condition, KqlString whenTrue, KqlString whenFalse) => Iff<KqlString>(condition, whenTrue, whenFalse);

    /// <summary><c>iff(condition, whenTrue, whenFalse)</c> for longs (lets C# literals infer the type).</summary>
    public static KqlLong Iff(KqlBool condition, KqlLong whenTrue, KqlLong whenFalse) => Iff<KqlLong>(condition, whenTrue, whenFalse);

    /// <summary><c>iff(condition, whenTrue, whenFalse)</c> for reals (lets C# literals infer the type).</summary>
    public static KqlReal Iff(KqlBool condition, KqlReal whenTrue, KqlReal whenFalse) => Iff<KqlReal>(condition, whenTrue, whenFalse);

    /// <summary><c>avg(value)</c> for decimals.</summary>
    public static KqlDecimal Avg(KqlDecimal value) => new(KqlNodes.Call("avg", value.Node));

    /// <summary><c>coalesce(first, second)</c>: the first value that is not null.</summary>
    public static T Coalesce<T>(T first, T second)
        where T : struct, IKqlScalar<T> =>
        T.Wrap(KqlNodes.Call("coalesce", first.Expression.Node, second.Expression.Node));

    /// <summary><c>strcat(...)</c>.</summary>
    public static KqlString StrCat(params KqlString[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("strcat needs at least one value.", nameof(values));
        }

        var nodes = new KqlNode[values.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = values[i].Node;
        }

        return new(new KqlCallNode("strcat", nodes));
    }

    /// <summary><c>count()</c>: the number of rows in the group.</summary>
    public static KqlLong Count() => CountValue;

    /// <summary><c>countif(predicate)</c>: the number of rows for which <paramref name="predicate"/> holds.</summary>
    public static KqlLong CountIf(KqlBool predicate) => new(KqlNodes.Call("countif", predicate.Node));

    /// <summary><c>dcount(value)</c>: an estimate of the number of distinct values.</summary>
    public static KqlLong DCount<T>(T value)
        where T : struct, IKqlScalar => new(KqlNodes.Call("dcount", value.Expression.Node));

    /// <summary><c>sum(value)</c>.</summary>
    public static KqlLong Sum(KqlLong value) => new(KqlNodes.Call("sum", value.Node));

    /// <summary><c>sum(value)</c>.</summary>
    public static KqlReal Sum(KqlReal value) => new(KqlNodes.Call("sum", value.Node));

    /// <summary><c>sum(value)</c>.</summary>
    public static KqlDecimal Sum(KqlDecimal value) => new(KqlNodes.Call("sum", value.Node));

    /// <summary><c>avg(value)</c>.</summary>
    public static KqlReal Avg(KqlReal value) => new(KqlNodes.Call("avg", value.Node));

    /// <summary><c>min(value)</c>.</summary>
    public static T Min<T>(T value)
        where T : struct, IKqlScalar<T> => T.Wrap(KqlNodes.Call("min", value.Expression.Node));

    /// <summary><c>max(value)</c>.</summary>
    public static T Max<T>(T value)
        where T : struct, IKqlScalar<T> => T.Wrap(KqlNodes.Call("max", value.Expression.Node));

    /// <summary><c>take_any(value)</c>: an arbitrary value of the group.</summary>
    public static T TakeAny<T>(T value)
        where T : struct, IKqlScalar<T> => T.Wrap(KqlNodes.Call("take_any", value.Expression.Node));

    /// <summary><c>make_set(value[, maxSize])</c>: the distinct values as a dynamic array.</summary>
    public static KqlDynamic MakeSet<T>(T value, int? maxSize = null)
        where T : struct, IKqlScalar => new(MakeCollection("make_set", value.Expression.Node, maxSize));

    /// <summary><c>make_list(value[, maxSize])</c>: all values as a dynamic array.</summary>
    public static KqlDynamic MakeList<T>(T value, int? maxSize = null)
        where T : struct, IKqlScalar => new(MakeCollection("make_list", value.Expression.Node, maxSize));

    private static KqlNode MakeCollection(string function, KqlNode value, int? maxSize)
    {
        if (maxSize is not { } max)
        {
            return KqlNodes.Call(function, value);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max, nameof(maxSize));
        return KqlNodes.Call(function, value, new KqlTextNode(KqlLiteral.Long(max)));
    }
}
