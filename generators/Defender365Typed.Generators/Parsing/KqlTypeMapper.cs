using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Rules and spellings of the generator's KQL types: which pinned types a property can hold, the runtime scalar and
/// the KQL name of each. Shared by the generator and the analyzers so all agree on what is valid.
/// </summary>
internal static class KqlTypeMapper
{
    /// <summary>The KQL type a property of <paramref name="type"/> maps to, or Unspecified when none does (see <see cref="ClrTypeClassifier"/>).</summary>
    public static KqlTypeName Infer(ITypeSymbol type) => ClrTypeClassifier.Classify(type).Kql;

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
