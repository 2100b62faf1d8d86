namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// The KQL scalar types: the one vocabulary of the front end, the generator, the analyzers and the engine.
/// <see cref="Unknown"/> means "not judged" (the binder could not tell; never a column type of the engine).
/// </summary>
/// <remarks>
/// The values match the runtime's <c>Defender365Typed.KqlType</c> (Unknown = Unspecified = 0, String = 1 ...
/// Dynamic = 10) because the generator, which cannot reference the runtime, casts the
/// <c>[HuntingColumn(Type = ...)]</c> argument straight to this enum. Keep the two in step; nothing may depend on
/// the numeric order beyond that.
/// </remarks>
public enum KqlScalarType : byte
{
    Unknown = 0,
    String = 1,
    DateTime = 2,
    Long = 3,
    Int = 4,
    Bool = 5,
    Real = 6,
    Decimal = 7,
    Guid = 8,
    TimeSpan = 9,
    Dynamic = 10,
}

public static class KqlScalarTypes
{
    /// <summary>Whether <paramref name="t"/> names one of the ten KQL types (not Unknown, not an out-of-range cast).</summary>
    public static bool IsDefined(KqlScalarType t) => t is >= KqlScalarType.String and <= KqlScalarType.Dynamic;

    public static bool IsNumeric(KqlScalarType t) => t is KqlScalarType.Int or KqlScalarType.Long or KqlScalarType.Real or KqlScalarType.Decimal;

    /// <summary>Whether the type is known well enough to judge (not unknown, not dynamic).</summary>
    public static bool IsJudged(KqlScalarType t) => t != KqlScalarType.Unknown && t != KqlScalarType.Dynamic;

    public static string Name(KqlScalarType t) => t switch
    {
        KqlScalarType.Bool => "bool",
        KqlScalarType.Int => "int",
        KqlScalarType.Long => "long",
        KqlScalarType.Real => "real",
        KqlScalarType.Decimal => "decimal",
        KqlScalarType.String => "string",
        KqlScalarType.DateTime => "datetime",
        KqlScalarType.TimeSpan => "timespan",
        KqlScalarType.Guid => "guid",
        KqlScalarType.Dynamic => "dynamic",
        _ => "unknown",
    };

    /// <summary>The type's name with its article, for messages: "a string", "an int".</summary>
    public static string WithArticle(KqlScalarType t) => (t == KqlScalarType.Int ? "an " : "a ") + Name(t);

    /// <summary>Parses a KQL type name (<c>string</c>, <c>boolean</c>, <c>double</c>...); Unknown when not a type.</summary>
    public static KqlScalarType Parse(string? name)
    {
        switch (name)
        {
            case "bool": case "boolean": return KqlScalarType.Bool;
            case "int": case "int32": case "integer": return KqlScalarType.Int;
            case "long": case "int64": return KqlScalarType.Long;
            case "real": case "double": return KqlScalarType.Real;
            case "decimal": return KqlScalarType.Decimal;
            case "string": return KqlScalarType.String;
            case "datetime": case "date": return KqlScalarType.DateTime;
            case "timespan": case "time": return KqlScalarType.TimeSpan;
            case "guid": case "uuid": case "uniqueid": return KqlScalarType.Guid;
            case "dynamic": case "object": case "array": return KqlScalarType.Dynamic;
            default: return KqlScalarType.Unknown;
        }
    }

    /// <summary>The wider of two numeric types (int &lt; long &lt; decimal/real).</summary>
    public static KqlScalarType Widest(KqlScalarType a, KqlScalarType b)
    {
        if (a == b)
        {
            return a;
        }

        if (!IsNumeric(a) || !IsNumeric(b))
        {
            return KqlScalarType.Unknown;
        }

        if (a == KqlScalarType.Real || b == KqlScalarType.Real)
        {
            return KqlScalarType.Real;
        }

        if (a == KqlScalarType.Decimal || b == KqlScalarType.Decimal)
        {
            return KqlScalarType.Decimal;
        }

        return KqlScalarType.Long;
    }
}
