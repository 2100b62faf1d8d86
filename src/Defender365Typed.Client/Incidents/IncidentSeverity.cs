using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>The severity of an incident or alert (legacy UnSpecified reads as unknown). Compares case-insensitively across both APIs' spellings.</summary>
[JsonConverter(typeof(IncidentValueConverter<IncidentSeverity>))]
public readonly struct IncidentSeverity : IEquatable<IncidentSeverity>, IIncidentValue<IncidentSeverity>
{
    /// <summary>Wraps a value as the service spells it.</summary>
    public IncidentSeverity(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary><c>unknown</c>.</summary>
    public static IncidentSeverity Unknown { get; } = new("unknown");

    /// <summary><c>informational</c>.</summary>
    public static IncidentSeverity Informational { get; } = new("informational");

    /// <summary><c>low</c>.</summary>
    public static IncidentSeverity Low { get; } = new("low");

    /// <summary><c>medium</c>.</summary>
    public static IncidentSeverity Medium { get; } = new("medium");

    /// <summary><c>high</c>.</summary>
    public static IncidentSeverity High { get; } = new("high");

    /// <summary><c>unknownFutureValue</c>.</summary>
    public static IncidentSeverity UnknownFutureValue { get; } = new("unknownFutureValue");

    /// <summary>The documented severities (without the <c>unknownFutureValue</c> sentinel), lowest first.</summary>
    public static IReadOnlyList<IncidentSeverity> KnownValues { get; } = [.. IncidentVocabulary.Severities.Select(FromString)];

    /// <inheritdoc/>
    public string? Value { get; }

    /// <summary>Whether this is one of the documented values.</summary>
    public bool IsKnown => IncidentVocabulary.IsDocumented(IncidentVocabulary.Severities, Value);

    /// <summary>The Graph (camelCase) spelling.</summary>
    public string? Canonical => IncidentVocabulary.Canonical(Value);

    /// <inheritdoc/>
    public static IncidentSeverity FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(IncidentSeverity other) => IncidentSpelling.Same(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IncidentSeverity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IncidentSpelling.Hash(Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(IncidentSeverity left, IncidentSeverity right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IncidentSeverity left, IncidentSeverity right) => !left.Equals(right);
}
