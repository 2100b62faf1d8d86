using System;
using System.Collections.Generic;
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

/// <summary>Spellings shared by the Graph (camelCase) and legacy (PascalCase, older names) APIs.</summary>
internal static class IncidentSpelling
{
    private static readonly Dictionary<string, string> LegacyAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CompromisedAccount"] = "compromisedUser",
        ["ConfirmedActivity"] = "confirmedUserActivity",
        ["NoEnoughDataToValidate"] = "insufficientData",
        ["NotAvailable"] = "unknown",
        ["NotMalicious"] = "clean",
        ["UnSpecified"] = "unknown",
    };

    private static readonly Dictionary<string, string> LegacyDeterminations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["compromisedUser"] = "CompromisedAccount",
        ["confirmedUserActivity"] = "ConfirmedActivity",
        ["insufficientData"] = "NoEnoughDataToValidate",
        ["unknown"] = "NotAvailable",
    };

    /// <summary>The Graph camelCase form of a value in either spelling.</summary>
    public static string? Canonical(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        return LegacyAliases.TryGetValue(value, out string? alias) ? alias : char.ToLowerInvariant(value[0]) + value[1..];
    }

    public static string Pascal(string canonical) => char.ToUpperInvariant(canonical[0]) + canonical[1..];

    public static string LegacyDetermination(string canonical) =>
        LegacyDeterminations.TryGetValue(canonical, out string? legacy) ? legacy : Pascal(canonical);

    public static bool Same(string? a, string? b) => string.Equals(Canonical(a), Canonical(b), StringComparison.OrdinalIgnoreCase);

    public static int Hash(string? value) => Canonical(value) is string c ? StringComparer.OrdinalIgnoreCase.GetHashCode(c) : 0;
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
