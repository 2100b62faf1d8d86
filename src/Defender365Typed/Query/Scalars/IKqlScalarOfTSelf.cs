using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// A typed KQL scalar that generic code can create, name and assign: the scalar types of this library (and only those:
/// its factory members are internal) implement it, so <c>Kql.Min&lt;T&gt;</c>, <c>MvExpand&lt;T&gt;</c> and the
/// generated column sets build a <typeparamref name="TSelf"/> without reflection or type tests.
/// </summary>
/// <typeparam name="TSelf">The scalar type itself.</typeparam>
public interface IKqlScalar<TSelf> : IKqlScalar, IEquatable<TSelf>
    where TSelf : struct, IKqlScalar<TSelf>
{
    /// <summary>The KQL name of the type, as <c>typeof(...)</c> spells it (<c>string</c>, <c>datetime</c>...).</summary>
    internal static abstract string KqlTypeName { get; }

    /// <summary>The expression node (throws for a default-initialized value).</summary>
    internal KqlNode Node { get; }

    /// <summary>Names the expression in a column list: <c>alias = value</c>.</summary>
    /// <param name="alias">The column name.</param>
    /// <returns>The named expression.</returns>
    KqlExpr As(string alias);

    /// <summary>Fills this result column with <paramref name="value"/> in <c>summarize</c> or <c>project</c>.</summary>
    /// <param name="value">The value of the column.</param>
    /// <returns>The assignment <c>Column = value</c>.</returns>
    KqlAssignment Assign(TSelf value);

    /// <summary>Wraps an expression node as a <typeparamref name="TSelf"/>.</summary>
    internal static abstract TSelf Wrap(KqlNode node);
}
