using System;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// What the engine adds to the front end's <see cref="KqlScalarType"/>: the hunting APIs' schema names and a lenient
/// parse. The KQL names themselves are <see cref="KqlScalarTypes.Name"/> (one spelling per type, shared with the
/// binder and the generator). The front end's enum is part of this package's API: its dll ships inside the package.
/// </summary>
public static class KqlColumnTypes
{
    /// <summary>
    /// The .NET type name the hunting APIs put in <c>schema[].type</c>: <c>String</c>, <c>Int64</c>, <c>DateTime</c>...
    /// <c>DateTime</c>, <c>String</c> and <c>Int64</c> are documented or observed; the others are the matching .NET
    /// names (an inference, as in docs/reference), with <c>Object</c> for dynamic.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is Unknown or not a KQL type.</exception>
    public static string ApiName(KqlScalarType type) => type switch
    {
        KqlScalarType.Bool => "Boolean",
        KqlScalarType.Int => "Int32",
        KqlScalarType.Long => "Int64",
        KqlScalarType.Real => "Double",
        KqlScalarType.Decimal => "Decimal",
        KqlScalarType.String => "String",
        KqlScalarType.DateTime => "DateTime",
        KqlScalarType.TimeSpan => "TimeSpan",
        KqlScalarType.Guid => "Guid",
        KqlScalarType.Dynamic => "Object",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// Parses a KQL type name in any case and with surrounding blanks (<c>string</c>, <c>Boolean</c>, <c>double</c>,
    /// <c>INT64</c>...) with the aliases of <see cref="KqlScalarTypes.Parse"/>; false (and dynamic) when it is none.
    /// </summary>
    public static bool TryParse(string? name, out KqlScalarType type)
    {
        type = KqlScalarTypes.Parse(name?.Trim().ToLowerInvariant());
        if (type == KqlScalarType.Unknown)
        {
            type = KqlScalarType.Dynamic;
            return false;
        }

        return true;
    }
}
