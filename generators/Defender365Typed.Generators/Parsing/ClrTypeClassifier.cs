using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// The one mapping from a CLR property type to a column: the KQL type it holds, how the reader decodes it and whether
/// it takes null. The generator, the declaration analyzer and the raw-KQL analyzer all classify through here.
/// </summary>
internal static class ClrTypeClassifier
{
    public static ClrColumnType Classify(ITypeSymbol type)
    {
        bool nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            nullable = true;
            type = wrapper.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            // A string takes null unless annotated non-nullable (oblivious code gets the null-safe reading).
            case SpecialType.System_String: return new(KqlScalarType.String, ReaderValueKind.String, type.NullableAnnotation != NullableAnnotation.NotAnnotated);
            case SpecialType.System_Int64: return new(KqlScalarType.Long, ReaderValueKind.Int64, nullable);
            case SpecialType.System_Int32: return new(KqlScalarType.Int, ReaderValueKind.Int32, nullable);
            case SpecialType.System_Boolean: return new(KqlScalarType.Bool, ReaderValueKind.Boolean, nullable);
            case SpecialType.System_Double: return new(KqlScalarType.Real, ReaderValueKind.Double, nullable);
            case SpecialType.System_Decimal: return new(KqlScalarType.Decimal, ReaderValueKind.Decimal, nullable);
            case SpecialType.System_DateTime: return new(KqlScalarType.DateTime, ReaderValueKind.DateTime, nullable);
        }

        return type.ToDisplayString() switch
        {
            KnownNames.DateTimeOffset => new(KqlScalarType.DateTime, ReaderValueKind.DateTimeOffset, nullable),
            KnownNames.Guid => new(KqlScalarType.Guid, ReaderValueKind.Guid, nullable),
            KnownNames.TimeSpan => new(KqlScalarType.TimeSpan, ReaderValueKind.TimeSpan, nullable),
            KnownNames.JsonElement => new(KqlScalarType.Dynamic, ReaderValueKind.JsonElement, nullable),
            KnownNames.KqlDynamicValue => new(KqlScalarType.Dynamic, ReaderValueKind.Dynamic, nullable),
            _ => ClrColumnType.Unsupported,
        };
    }
}

/// <summary>A CLR property type as a column: the KQL type it maps to, how its value is decoded, whether it takes null.</summary>
internal readonly record struct ClrColumnType(KqlScalarType Kql, ReaderValueKind ValueKind, bool Nullable)
{
    /// <summary>A type no column maps to (<see cref="Kql"/> is Unspecified).</summary>
    public static ClrColumnType Unsupported => default;

    public bool IsSupported => Kql != KqlScalarType.Unknown;

    /// <summary>How a value of a column of <paramref name="columnType"/> is decoded: a string property of a dynamic column receives the raw JSON text.</summary>
    public ReaderValueKind ValueKindFor(KqlScalarType columnType) =>
        ValueKind == ReaderValueKind.String && columnType == KqlScalarType.Dynamic ? ReaderValueKind.JsonText : ValueKind;
}
