using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>Bodies shared by the typed scalars (the members <see cref="KqlScalarStructAttribute"/> generates, and <see cref="IKqlScalar{TSelf}"/>).</summary>
internal static class KqlScalar
{
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

    /// <summary>A KQL comparison or predicate operator between two values of one type: <c>left op right</c>.</summary>
    public static KqlBool Compare<T>(T left, string op, T right)
        where T : struct, IKqlScalar<T> => new(KqlNodes.Binary(left.Node, op, right.Node));

    public static KqlExpr As(KqlNode node, string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return new KqlExpr(node, alias);
    }
}
