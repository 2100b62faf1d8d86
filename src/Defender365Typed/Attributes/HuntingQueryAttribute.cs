using System;

namespace Defender365Typed;

/// <summary>
/// Marks a <see langword="const"/> <see cref="string"/> field holding a raw advanced hunting query, so the
/// analyzer checks it at compile time. With a result type (a <c>[HuntingResult]</c> type) the analyzer also
/// checks that the query produces every property of that type with a compatible column type.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class HuntingQueryAttribute : Attribute
{
    /// <summary>Checks the query against the schema only.</summary>
    public HuntingQueryAttribute() { }

    /// <summary>Also checks that the query's result fits <paramref name="resultType"/>.</summary>
    public HuntingQueryAttribute(Type resultType) => ResultType = resultType;

    /// <summary>The row type the query's result must fill, or <see langword="null"/>.</summary>
    public Type? ResultType { get; }
}
