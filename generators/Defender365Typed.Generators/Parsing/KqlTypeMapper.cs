using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Maps CLR property types to KQL column types, and decides which pinned types a property can hold.
/// Shared by the generator and the declaration analyzer so both agree on what is valid.
/// </summary>
internal static class KqlTypeMapper
{
    /// <summary>The KQL type a property of <paramref name="type"/> maps to, or Unspecified when none does.</summary>
    public static KqlTypeName Infer(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return KqlTypeName.String;
            case SpecialType.System_Int64: return KqlTypeName.Long;
            case SpecialType.System_Int32: return KqlTypeName.Int;
            case SpecialType.System_Boolean: return KqlTypeName.Bool;
            case SpecialType.System_Double: return KqlTypeName.Real;
            case SpecialType.System_Decimal: return KqlTypeName.Decimal;
            case SpecialType.System_DateTime: return KqlTypeName.DateTime;
        }

        return type.ToDisplayString() switch
        {
            KnownNames.DateTimeOffset => KqlTypeName.DateTime,
            KnownNames.Guid => KqlTypeName.Guid,
            KnownNames.TimeSpan => KqlTypeName.TimeSpan,
            KnownNames.JsonElement => KqlTypeName.Dynamic,
            KnownNames.KqlDynamicValue => KqlTypeName.Dynamic,
            _ => KqlTypeName.Unspecified,
        };
    }

    /// <summary>
    /// Whether a property inferred as <paramref name="clr"/> can hold a column pinned to <paramref name="pinned"/>:
    /// the same type, text for guid/dynamic/timespan/datetime, a wider number, or JSON for anything.
    /// </summary>
    public static bool CanHold(KqlTypeName clr, KqlTypeName pinned)
    {
        if (pinned == KqlTypeName.Unspecified || clr == pinned)
        {
            return true;
        }

        // A cast like (KqlType)42 names no KQL type: nothing holds it (the emitter could not spell it).
        if (!IsDefined(pinned))
        {
            return false;
        }

        return clr switch
        {
            KqlTypeName.String => pinned is KqlTypeName.Guid or KqlTypeName.Dynamic or KqlTypeName.TimeSpan or KqlTypeName.DateTime,
            KqlTypeName.Long => pinned is KqlTypeName.Int,
            KqlTypeName.Real => pinned is KqlTypeName.Int or KqlTypeName.Long or KqlTypeName.Decimal,
            KqlTypeName.Decimal => pinned is KqlTypeName.Int or KqlTypeName.Long,
            KqlTypeName.Dynamic => true,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="type"/> is one of the named KQL types (not Unspecified, not an out-of-range cast).</summary>
    public static bool IsDefined(KqlTypeName type) => type is > KqlTypeName.Unspecified and <= KqlTypeName.Dynamic;

    /// <summary>The runtime's typed scalar for a KQL type.</summary>
    public static string ScalarTypeName(KqlTypeName type) => type switch
    {
        KqlTypeName.String => "KqlString",
        KqlTypeName.DateTime => "KqlDateTime",
        KqlTypeName.Long => "KqlLong",
        KqlTypeName.Int => "KqlInt",
        KqlTypeName.Bool => "KqlBool",
        KqlTypeName.Real => "KqlReal",
        KqlTypeName.Decimal => "KqlDecimal",
        KqlTypeName.Guid => "KqlGuid",
        KqlTypeName.TimeSpan => "KqlTimeSpan",
        KqlTypeName.Dynamic => "KqlDynamic",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The KQL spelling of a type, for messages and docs.</summary>
    public static string KqlName(KqlTypeName type) => type switch
    {
        KqlTypeName.DateTime => "datetime",
        KqlTypeName.TimeSpan => "timespan",
        _ => type.ToString().ToLowerInvariant(),
    };
}
