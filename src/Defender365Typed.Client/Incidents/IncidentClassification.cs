using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>How an incident was classified. Compares case-insensitively across both APIs' spellings.</summary>
[JsonConverter(typeof(IncidentValueConverter<IncidentClassification>))]
public readonly struct IncidentClassification : IEquatable<IncidentClassification>, IIncidentValue<IncidentClassification>
{
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

    /// <summary>The documented classifications (without the <c>unknownFutureValue</c> sentinel); an update may set each of them.</summary>
    public static IReadOnlyList<IncidentClassification> KnownValues { get; } = [.. IncidentVocabulary.Classifications.Select(FromString)];

    /// <summary>The determinations an update may set together with this classification; empty for a value the client does not know.</summary>
    public IReadOnlyList<IncidentDetermination> AllowedDeterminations =>
        Canonical is string c && IncidentVocabulary.DeterminationsByClassification.TryGetValue(c, out IReadOnlyList<string>? allowed)
            ? [.. allowed.Select(IncidentDetermination.FromString)]
            : [];

    /// <inheritdoc/>
    public string? Value { get; }

    /// <summary>Whether this is one of the documented values.</summary>
    public bool IsKnown => IncidentVocabulary.IsDocumented(IncidentVocabulary.Classifications, Value);

    /// <summary>The Graph (camelCase) spelling.</summary>
    public string? Canonical => IncidentVocabulary.Canonical(Value);

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
