namespace Defender365Typed;

/// <summary>The scalar types of KQL that a hunting column can have.</summary>
/// <remarks>The numeric values are part of the contract with the source generator; do not reorder.</remarks>
public enum KqlType
{
    /// <summary>Not pinned: the type is inferred from the CLR property type.</summary>
    Unspecified = 0,
    /// <summary>KQL <c>string</c>.</summary>
    String = 1,
    /// <summary>KQL <c>datetime</c> (UTC, 100 ns ticks).</summary>
    DateTime = 2,
    /// <summary>KQL <c>long</c> (64-bit integer).</summary>
    Long = 3,
    /// <summary>KQL <c>int</c> (32-bit integer).</summary>
    Int = 4,
    /// <summary>KQL <c>bool</c>.</summary>
    Bool = 5,
    /// <summary>KQL <c>real</c> (64-bit floating point).</summary>
    Real = 6,
    /// <summary>KQL <c>decimal</c> (128-bit decimal).</summary>
    Decimal = 7,
    /// <summary>KQL <c>guid</c>.</summary>
    Guid = 8,
    /// <summary>KQL <c>timespan</c>.</summary>
    TimeSpan = 9,
    /// <summary>KQL <c>dynamic</c> (JSON-like property bag, array or scalar).</summary>
    Dynamic = 10,
}
