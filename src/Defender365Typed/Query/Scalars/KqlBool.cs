using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>A KQL <c>bool</c> expression: a predicate for <c>where</c>, combined with <c>&amp;</c>/<c>|</c> (or <c>&amp;&amp;</c>/<c>||</c>) and <c>!</c>.</summary>
/// <remarks>
/// A predicate has no truth value in C#: <c>&amp;&amp;</c> and <c>||</c> always build both sides, and
/// <c>if (predicate)</c> is always false. Use predicates only inside query lambdas.
/// </remarks>
[KqlScalarStruct("bool", HasNullChecks = true)]
public readonly partial struct KqlBool
{
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
    public static KqlBool operator ==(KqlBool left, KqlBool right) => KqlScalar.Compare(left, "==", right);

    /// <summary>KQL <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlBool left, KqlBool right) => KqlScalar.Compare(left, "!=", right);
#pragma warning restore CA2225
}
