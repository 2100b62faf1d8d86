using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// An untyped KQL expression, optionally named (<c>Name = expr</c>): an item of a column list in
/// <c>project</c>, <c>distinct</c> or <c>project-away</c>. Typed values convert to it implicitly.
/// </summary>
public readonly struct KqlExpr
{
    internal KqlExpr(KqlNode node, string? alias = null)
    {
        Node = node;
        Alias = alias;
    }

    internal KqlNode Node { get; }

    internal string? Alias { get; }

#pragma warning disable CA2225 // The typed scalars are the named alternatives.
    /// <summary>Uses a string expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlString value) => value.Expression;

    /// <summary>Uses a datetime expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlDateTime value) => value.Expression;

    /// <summary>Uses a timespan expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlTimeSpan value) => value.Expression;

    /// <summary>Uses a long expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlLong value) => value.Expression;

    /// <summary>Uses an int expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlInt value) => value.Expression;

    /// <summary>Uses a real expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlReal value) => value.Expression;

    /// <summary>Uses a decimal expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlDecimal value) => value.Expression;

    /// <summary>Uses a bool expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlBool value) => value.Expression;

    /// <summary>Uses a guid expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlGuid value) => value.Expression;

    /// <summary>Uses a dynamic expression in a column list.</summary>
    public static implicit operator KqlExpr(KqlDynamic value) => value.Expression;
#pragma warning restore CA2225

    /// <summary>Writes the item as a column list entry: <c>Alias = expr</c>, or just <c>expr</c>.</summary>
    internal void WriteListItem(ref KqlWriter writer)
    {
        if (Alias is not null && !(Node is KqlColumnNode column && column.Name == Alias && column.Qualifier is null))
        {
            writer.Append(KqlLiteral.Identifier(Alias));
            writer.Append(" = ");
        }

        KqlNode.WriteOperand(ref writer, Node, KqlPrecedence.Or);
    }
}
