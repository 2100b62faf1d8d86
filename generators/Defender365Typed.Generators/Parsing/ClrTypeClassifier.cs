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
            case SpecialType.System_String: return new(KqlTypeName.String, ReaderValueKind.String, type.NullableAnnotation != NullableAnnotation.NotAnnotated);
            case SpecialType.System_Int64: return new(KqlTypeName.Long, ReaderValueKind.Int64, nullable);
            case SpecialType.System_Int32: return new(KqlTypeName.Int, ReaderValueKind.Int32, nullable);
            case SpecialType.System_Boolean: return new(KqlTypeName.Bool, ReaderValueKind.Boolean, nullable);
            case SpecialType.System_Double: return new(KqlTypeName.Real, ReaderValueKind.Double, nullable);
            case SpecialType.System_Decimal: return new(KqlTypeName.Decimal, ReaderValueKind.Decimal, nullable);
            case SpecialType.System_DateTime: return new(KqlTypeName.DateTime, ReaderValueKind.DateTime, nullable);
        }

        return type.ToDisplayString() switch
        {
            KnownNames.DateTimeOffset => new(KqlTypeName.DateTime, ReaderValueKind.DateTimeOffset, nullable),
            KnownNames.Guid => new(KqlTypeName.Guid, ReaderValueKind.Guid, nullable),
            KnownNames.TimeSpan => new(KqlTypeName.TimeSpan, ReaderValueKind.TimeSpan, nullable),
            KnownNames.JsonElement => new(KqlTypeName.Dynamic, ReaderValueKind.JsonElement, nullable),
            KnownNames.KqlDynamicValue => new(KqlTypeName.Dynamic, ReaderValueKind.Dynamic, nullable),
            _ => ClrColumnType.Unsupported,
        };
    }
}

/// <summary>A CLR property type as a column: the KQL type it maps to, how its value is decoded, whether it takes null.</summary>
internal readonly record struct ClrColumnType(KqlTypeName Kql, ReaderValueKind ValueKind, bool Nullable)
{
    /// <summary>A type no column maps to (<see cref="Kql"/> is Unspecified).</summary>
    public static ClrColumnType Unsupported => default;

    public bool IsSupported => Kql != KqlTypeName.Unspecified;

    /// <summary>How a value of a column of <paramref name="columnType"/> is decoded: a string property of a dynamic column receives the raw JSON text.</summary>
    public ReaderValueKind ValueKindFor(KqlTypeName columnType) =>
        ValueKind == ReaderValueKind.String && columnType == KqlTypeName.Dynamic ? ReaderValueKind.JsonText : ValueKind;
}
