using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>An enum-like incident value that keeps whatever string the service sent.</summary>
/// <typeparam name="TSelf">The value type.</typeparam>
public interface IIncidentValue<TSelf>
    where TSelf : struct, IIncidentValue<TSelf>
{
    /// <summary>The value as sent or received, or null.</summary>
    string? Value { get; }

    /// <summary>Wraps a string without judging it.</summary>
    static abstract TSelf FromString(string value);
}

/// <summary>Equality of incident values across both APIs' spellings (see <see cref="IncidentVocabulary"/>).</summary>
internal static class IncidentSpelling
{
    public static bool Same(string? a, string? b) =>
        string.Equals(IncidentVocabulary.Canonical(a), IncidentVocabulary.Canonical(b), StringComparison.OrdinalIgnoreCase);

    public static int Hash(string? value) =>
        IncidentVocabulary.Canonical(value) is string c ? StringComparer.OrdinalIgnoreCase.GetHashCode(c) : 0;
}

/// <summary>Reads any string into an incident value (unknown ones are kept) and writes it back as received.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class IncidentValueConverter<T> : JsonConverter<T>
    where T : struct, IIncidentValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default : T.FromString(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
