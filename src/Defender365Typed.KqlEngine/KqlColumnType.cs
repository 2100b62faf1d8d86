using System;

namespace Defender365Typed.KqlEngine;

/// <summary>The KQL scalar types a column of a <see cref="KqlResultTable"/> can have.</summary>
public enum KqlColumnType
{
    /// <summary><c>bool</c>: <see cref="bool"/> or null.</summary>
    Bool,

    /// <summary><c>int</c>: <see cref="int"/> or null.</summary>
    Int,

    /// <summary><c>long</c>: <see cref="long"/> or null.</summary>
    Long,

    /// <summary><c>real</c>: <see cref="double"/> or null.</summary>
    Real,

    /// <summary><c>decimal</c>: <see cref="decimal"/> or null.</summary>
    Decimal,

    /// <summary><c>string</c>: <see cref="string"/>, never null (KQL strings are empty, not null).</summary>
    String,

    /// <summary><c>datetime</c>: a UTC <see cref="System.DateTime"/> or null.</summary>
    DateTime,

    /// <summary><c>timespan</c>: <see cref="System.TimeSpan"/> or null.</summary>
    TimeSpan,

    /// <summary><c>guid</c>: <see cref="System.Guid"/> or null.</summary>
    Guid,

    /// <summary>
    /// <c>dynamic</c>: null, a <see cref="DynamicArray"/>, a <see cref="DynamicBag"/>, or a JSON scalar
    /// (<see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>).
    /// </summary>
    Dynamic,
}

/// <summary>Names of <see cref="KqlColumnType"/> values in KQL and in the hunting APIs' schema.</summary>
public static class KqlColumnTypes
{
    /// <summary>The KQL name: <c>string</c>, <c>long</c>, <c>datetime</c>...</summary>
    public static string KqlName(KqlColumnType type) => type switch
    {
        KqlColumnType.Bool => "bool",
        KqlColumnType.Int => "int",
        KqlColumnType.Long => "long",
        KqlColumnType.Real => "real",
        KqlColumnType.Decimal => "decimal",
        KqlColumnType.String => "string",
        KqlColumnType.DateTime => "datetime",
        KqlColumnType.TimeSpan => "timespan",
        KqlColumnType.Guid => "guid",
        KqlColumnType.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// The .NET type name the hunting APIs put in <c>schema[].type</c>: <c>String</c>, <c>Int64</c>, <c>DateTime</c>...
    /// <c>DateTime</c>, <c>String</c> and <c>Int64</c> are documented or observed; the others are the matching .NET
    /// names (an inference, as in docs/reference), with <c>Object</c> for dynamic.
    /// </summary>
    public static string ApiName(KqlColumnType type) => type switch
    {
        KqlColumnType.Bool => "Boolean",
        KqlColumnType.Int => "Int32",
        KqlColumnType.Long => "Int64",
        KqlColumnType.Real => "Double",
        KqlColumnType.Decimal => "Decimal",
        KqlColumnType.String => "String",
        KqlColumnType.DateTime => "DateTime",
        KqlColumnType.TimeSpan => "TimeSpan",
        KqlColumnType.Guid => "Guid",
        KqlColumnType.Dynamic => "Object",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a KQL type name (<c>string</c>, <c>boolean</c>, <c>double</c>, <c>int64</c>...).</summary>
    public static bool TryParse(string? name, out KqlColumnType type)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "BOOL": case "BOOLEAN": type = KqlColumnType.Bool; return true;
            case "INT": case "INT32": case "INTEGER": type = KqlColumnType.Int; return true;
            case "LONG": case "INT64": type = KqlColumnType.Long; return true;
            case "REAL": case "DOUBLE": type = KqlColumnType.Real; return true;
            case "DECIMAL": type = KqlColumnType.Decimal; return true;
            case "STRING": type = KqlColumnType.String; return true;
            case "DATETIME": case "DATE": type = KqlColumnType.DateTime; return true;
            case "TIMESPAN": case "TIME": type = KqlColumnType.TimeSpan; return true;
            case "GUID": case "UUID": case "UNIQUEID": type = KqlColumnType.Guid; return true;
            case "DYNAMIC": case "OBJECT": case "ARRAY": type = KqlColumnType.Dynamic; return true;
            default: type = KqlColumnType.Dynamic; return false;
        }
    }

    internal static bool IsNumeric(KqlColumnType t) => t is KqlColumnType.Int or KqlColumnType.Long or KqlColumnType.Real or KqlColumnType.Decimal;
}
