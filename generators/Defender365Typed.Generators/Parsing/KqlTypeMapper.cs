using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Rules and spellings of the generator's KQL types: which pinned types a property can hold and the runtime scalar
/// of each (the KQL name is <see cref="KqlScalarTypes.Name"/>). Shared by the generator and the analyzers so all
/// agree on what is valid.
/// </summary>
internal static class KqlTypeMapper
{
    /// <summary>The KQL type a property of <paramref name="type"/> maps to, or Unknown when none does (see <see cref="ClrTypeClassifier"/>).</summary>
    public static KqlScalarType Infer(ITypeSymbol type) => ClrTypeClassifier.Classify(type).Kql;

    /// <summary>
    /// Whether a property inferred as <paramref name="clr"/> can hold a column pinned to <paramref name="pinned"/>:
    /// the same type, text for guid/dynamic/timespan/datetime, a wider number, or JSON for anything.
    /// </summary>
    public static bool CanHold(KqlScalarType clr, KqlScalarType pinned)
    {
        if (pinned == KqlScalarType.Unknown || clr == pinned)
        {
            return true;
        }

        // A cast like (KqlType)42 names no KQL type: nothing holds it (the emitter could not spell it).
        if (!KqlScalarTypes.IsDefined(pinned))
        {
            return false;
        }

        return clr switch
        {
            KqlScalarType.String => pinned is KqlScalarType.Guid or KqlScalarType.Dynamic or KqlScalarType.TimeSpan or KqlScalarType.DateTime,
            KqlScalarType.Long => pinned is KqlScalarType.Int,
            KqlScalarType.Real => pinned is KqlScalarType.Int or KqlScalarType.Long or KqlScalarType.Decimal,
            KqlScalarType.Decimal => pinned is KqlScalarType.Int or KqlScalarType.Long,
            KqlScalarType.Dynamic => true,
            _ => false,
        };
    }

    /// <summary>
    /// How a generated record reads a column of <paramref name="type"/>: the CLR type the import tool gives built-in
    /// columns (text as string, dynamic and anything untyped as KqlDynamicValue).
    /// </summary>
    public static ReaderValueKind ReaderKind(KqlScalarType type) => type switch
    {
        KqlScalarType.String => ReaderValueKind.String,
        KqlScalarType.DateTime => ReaderValueKind.DateTime,
        KqlScalarType.Long => ReaderValueKind.Int64,
        KqlScalarType.Int => ReaderValueKind.Int32,
        KqlScalarType.Bool => ReaderValueKind.Boolean,
        KqlScalarType.Real => ReaderValueKind.Double,
        KqlScalarType.Decimal => ReaderValueKind.Decimal,
        KqlScalarType.Guid => ReaderValueKind.Guid,
        KqlScalarType.TimeSpan => ReaderValueKind.TimeSpan,
        _ => ReaderValueKind.Dynamic,
    };

    /// <summary>The runtime's typed scalar for a KQL type.</summary>
    public static string ScalarTypeName(KqlScalarType type) => type switch
    {
        KqlScalarType.String => "KqlString",
        KqlScalarType.DateTime => "KqlDateTime",
        KqlScalarType.Long => "KqlLong",
        KqlScalarType.Int => "KqlInt",
        KqlScalarType.Bool => "KqlBool",
        KqlScalarType.Real => "KqlReal",
        KqlScalarType.Decimal => "KqlDecimal",
        KqlScalarType.Guid => "KqlGuid",
        KqlScalarType.TimeSpan => "KqlTimeSpan",
        KqlScalarType.Dynamic => "KqlDynamic",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type)),
    };
}
