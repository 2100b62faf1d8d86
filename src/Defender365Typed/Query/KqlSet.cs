using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>The values of one column of a subquery, for <c>in (subquery)</c>. Made by <c>KqlQuery.Select</c>.</summary>
/// <typeparam name="T">The column's type.</typeparam>
public readonly struct KqlSet<T>
    where T : struct, IKqlScalar
{
    internal KqlSet(KqlNode node) => Node = node;

    internal KqlNode Node { get; }
}
