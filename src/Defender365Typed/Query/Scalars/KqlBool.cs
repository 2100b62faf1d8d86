using System;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>bool</c> expression: a predicate for <c>where</c>, combined with <c>&amp;</c>/<c>|</c> (or <c>&amp;&amp;</c>/<c>||</c>) and <c>!</c>.</summary>
/// <remarks>
/// A predicate has no truth value in C#: <c>&amp;&amp;</c> and <c>||</c> always build both sides, and
/// <c>if (predicate)</c> is always false. Use predicates only inside query lambdas.
/// </remarks>
public readonly struct KqlBool : IKqlScalar, IEquatable<KqlBool>
{
    private readonly KqlNode? _node;

    internal KqlBool(KqlNode node) => _node = node;

    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlBool));

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);

#pragma warning disable CA2225 // Operators are the API; KQL has no named alternatives.
    /// <summary>The literal <c>true</c> or <c>false</c>.</summary>
    public static implicit operator KqlBool(bool value) => new(value ? KqlNodes.True : KqlNodes.False);

    /// <summary>KQL <c>and</c>.</summary>
    public static KqlBool operator &(KqlBool left, KqlBool right) => new(new KqlBinaryNode(left.Node, "and", right.Node));

    /// <summary>KQL <c>or</c>.</summary>
    public static KqlBool operator |(KqlBool left, KqlBool right) => new(new KqlBinaryNode(left.Node, "or", right.Node));

    /// <summary>KQL <c>not(...)</c>.</summary>
    public static KqlBool operator !(KqlBool value) => new(KqlNodes.Call("not", value.Node));

    /// <summary>Lets <c>&amp;&amp;</c> and <c>||</c> build both operands: a predicate is never "true" in C#.</summary>
    public static bool operator true(KqlBool value) => false;

    /// <summary>Lets <c>&amp;&amp;</c> and <c>||</c> build both operands: a predicate is never "false" in C#.</summary>
    public static bool operator false(KqlBool value) => false;

    /// <summary>KQL <c>==</c>.</summary>
    public static KqlBool operator ==(KqlBool left, KqlBool right) => new(KqlNodes.Binary(left.Node, "==", right.Node));

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlBool left, KqlBool right) => new(KqlNodes.Binary(left.Node, "!=", right.Node));
#pragma warning restore CA2225

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));

    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));

    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));

    /// <summary>Names the expression in a column list: <c>alias = value</c>.</summary>
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);

    /// <summary>Fills this result column with <paramref name="value"/> in <c>summarize</c> or <c>project</c>.</summary>
    public KqlAssignment Assign(KqlBool value) => KqlScalar.Assign(Node, value.Node, nameof(KqlBool));

    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlBool other) => ReferenceEquals(_node, other._node);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlBool other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;
}
