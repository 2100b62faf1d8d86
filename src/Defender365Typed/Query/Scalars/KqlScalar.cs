using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>Plumbing shared by the typed scalars: wrapping nodes and naming types.</summary>
internal static class KqlScalar
{
    /// <summary>Wraps a node as the typed scalar <typeparamref name="T"/> (the JIT folds the type tests).</summary>
    public static T Wrap<T>(KqlNode node)
        where T : struct, IKqlScalar
    {
        if (typeof(T) == typeof(KqlString)) { return (T)(object)new KqlString(node); }
        if (typeof(T) == typeof(KqlLong)) { return (T)(object)new KqlLong(node); }
        if (typeof(T) == typeof(KqlDateTime)) { return (T)(object)new KqlDateTime(node); }
        if (typeof(T) == typeof(KqlBool)) { return (T)(object)new KqlBool(node); }
        if (typeof(T) == typeof(KqlInt)) { return (T)(object)new KqlInt(node); }
        if (typeof(T) == typeof(KqlReal)) { return (T)(object)new KqlReal(node); }
        if (typeof(T) == typeof(KqlDynamic)) { return (T)(object)new KqlDynamic(node); }
        if (typeof(T) == typeof(KqlTimeSpan)) { return (T)(object)new KqlTimeSpan(node); }
        if (typeof(T) == typeof(KqlGuid)) { return (T)(object)new KqlGuid(node); }
        if (typeof(T) == typeof(KqlDecimal)) { return (T)(object)new KqlDecimal(node); }
        throw new NotSupportedException($"'{typeof(T).Name}' is not a KQL scalar type of this library.");
    }

    /// <summary>The KQL name of the scalar type <typeparamref name="T"/> (for <c>typeof(...)</c>).</summary>
    public static string TypeName<T>()
        where T : struct, IKqlScalar
    {
        if (typeof(T) == typeof(KqlString)) { return "string"; }
        if (typeof(T) == typeof(KqlLong)) { return "long"; }
        if (typeof(T) == typeof(KqlDateTime)) { return "datetime"; }
        if (typeof(T) == typeof(KqlBool)) { return "bool"; }
        if (typeof(T) == typeof(KqlInt)) { return "int"; }
        if (typeof(T) == typeof(KqlReal)) { return "real"; }
        if (typeof(T) == typeof(KqlDynamic)) { return "dynamic"; }
        if (typeof(T) == typeof(KqlTimeSpan)) { return "timespan"; }
        if (typeof(T) == typeof(KqlGuid)) { return "guid"; }
        if (typeof(T) == typeof(KqlDecimal)) { return "decimal"; }
        throw new NotSupportedException($"'{typeof(T).Name}' is not a KQL scalar type of this library.");
    }

    // ArgumentException: a default value is always something the caller passed in (an operand, a list item, a
    // function argument) rather than state of the builder.
    public static KqlNode Require(KqlNode? node, string typeName) =>
        node ?? throw new ArgumentException(
            $"This {typeName} is default-initialized: use a column, a literal or a Kql function to make a value.");

    public static KqlAssignment Assign(KqlNode target, KqlNode value, string typeName)
    {
        if (target is not KqlColumnNode column || column.Qualifier is not null)
        {
            throw new InvalidOperationException(
                $"Assign is only valid on a column of a result shape, not on a computed {typeName} expression.");
        }

        return new KqlAssignment(column, value);
    }

    public static KqlExpr As(KqlNode node, string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return new KqlExpr(node, alias);
    }
}
