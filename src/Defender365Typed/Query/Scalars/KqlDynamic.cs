using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// A KQL <c>dynamic</c> expression (a property bag, an array or a scalar, e.g. <c>AdditionalFields</c>).
/// Index it with <c>["key"]</c> or <c>[0]</c>, then convert explicitly (<c>AsString()</c>,
/// <c>(KqlLong)value</c>...) before comparing: KQL compares dynamic values only after a cast.
/// </summary>
[KqlScalarStruct("dynamic", HasNullChecks = true, HasNoEqualityOperator = true)]
#pragma warning disable CA2231 // No == on purpose: KQL cannot compare dynamic values without a cast.
public readonly partial struct KqlDynamic
#pragma warning restore CA2231
{
    /// <summary>The member <paramref name="key"/> of a property bag: <c>value["key"]</c>.</summary>
    public KqlDynamic this[string key] => new(new KqlIndexNode(Node, new KqlTextNode(KqlLiteral.String(key))));

    /// <summary>The element at <paramref name="index"/> of an array (negative counts from the end).</summary>
    public KqlDynamic this[int index] => new(new KqlIndexNode(Node, new KqlTextNode(KqlLiteral.Long(index))));

#pragma warning disable CA2225 // The named alternatives are the As* methods.
    /// <summary><c>tostring(value)</c>.</summary>
    public static explicit operator KqlString(KqlDynamic value) => value.AsString();

    /// <summary><c>tolong(value)</c>.</summary>
    public static explicit operator KqlLong(KqlDynamic value) => value.AsLong();

    /// <summary><c>toint(value)</c>.</summary>
    public static explicit operator KqlInt(KqlDynamic value) => value.AsInt();

    /// <summary><c>toreal(value)</c>.</summary>
    public static explicit operator KqlReal(KqlDynamic value) => value.AsReal();

    /// <summary><c>tobool(value)</c>.</summary>
    public static explicit operator KqlBool(KqlDynamic value) => value.AsBool();

    /// <summary><c>todatetime(value)</c>.</summary>
    public static explicit operator KqlDateTime(KqlDynamic value) => value.AsDateTime();
#pragma warning restore CA2225

    /// <summary><c>tolong(value)</c>.</summary>
    public KqlLong AsLong() => new(KqlNodes.Call("tolong", Node));

    /// <summary><c>toint(value)</c>.</summary>
    public KqlInt AsInt() => new(KqlNodes.Call("toint", Node));

    /// <summary><c>toreal(value)</c>.</summary>
    public KqlReal AsReal() => new(KqlNodes.Call("toreal", Node));

    /// <summary><c>tobool(value)</c>.</summary>
    public KqlBool AsBool() => new(KqlNodes.Call("tobool", Node));

    /// <summary><c>todatetime(value)</c>.</summary>
    public KqlDateTime AsDateTime() => new(KqlNodes.Call("todatetime", Node));

    /// <summary><c>totimespan(value)</c>.</summary>
    public KqlTimeSpan AsTimeSpan() => new(KqlNodes.Call("totimespan", Node));

    /// <summary><c>toguid(value)</c>.</summary>
    public KqlGuid AsGuid() => new(KqlNodes.Call("toguid", Node));

    /// <summary><c>array_length(value)</c>: null when the value is not an array.</summary>
    public KqlLong ArrayLength() => new(KqlNodes.Call("array_length", Node));

    /// <summary><c>bag_has_key(value, key)</c>.</summary>
    public KqlBool HasKey(string key) => new(KqlNodes.Call("bag_has_key", Node, new KqlTextNode(KqlLiteral.String(key))));

    /// <summary><c>set_has_element(value, element)</c>: the array contains <paramref name="element"/>.</summary>
    public KqlBool ContainsElement<T>(T element)
        where T : struct, IKqlScalar => new(KqlNodes.Call("set_has_element", Node, element.Expression.Node));

    /// <summary><c>isempty(value)</c>.</summary>
    public KqlBool IsEmpty() => new(KqlNodes.Call("isempty", Node));

    /// <summary><c>todecimal(value)</c>.</summary>
    public KqlDecimal AsDecimal() => new(KqlNodes.Call("todecimal", Node));
}
