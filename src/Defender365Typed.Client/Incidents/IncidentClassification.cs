using System;
using System.Linq;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>How an incident was classified. Compares case-insensitively across both APIs' spellings.</summary>
[JsonConverter(typeof(IncidentValueConverter<IncidentClassification>))]
public readonly struct IncidentClassification : IEquatable<IncidentClassification>, IIncidentValue<IncidentClassification>
{
    private static readonly string[] Known = ["unknown", "falsePositive", "truePositive", "informationalExpectedActivity", "unknownFutureValue"];

    /// <summary>Wraps a value as the service spells it.</summary>
    public IncidentClassification(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary><c>unknown</c>.</summary>
    public static IncidentClassification Unknown { get; } = new("unknown");

    /// <summary><c>falsePositive</c>.</summary>
    public static IncidentClassification FalsePositive { get; } = new("falsePositive");

    /// <summary><c>truePositive</c>.</summary>
    public static IncidentClassification TruePositive { get; } = new("truePositive");

    /// <summary><c>informationalExpectedActivity</c>.</summary>
    public static IncidentClassification InformationalExpectedActivity { get; } = new("informationalExpectedActivity");

    /// <summary><c>unknownFutureValue</c>.</summary>
    public static IncidentClassification UnknownFutureValue { get; } = new("unknownFutureValue");

    /// <inheritdoc/>
    public string? Value { get; }

    /// <summary>Whether this is one of the documented values.</summary>
    public bool IsKnown => Canonical is string c && Known.Contains(c, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Graph (camelCase) spelling.</summary>
    public string? Canonical => IncidentSpelling.Canonical(Value);

    /// <inheritdoc/>
    public static IncidentClassification FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(IncidentClassification other) => IncidentSpelling.Same(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IncidentClassification other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IncidentSpelling.Hash(Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(IncidentClassification left, IncidentClassification right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IncidentClassification left, IncidentClassification right) => !left.Equals(right);
}
