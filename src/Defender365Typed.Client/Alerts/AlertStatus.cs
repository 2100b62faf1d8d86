using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>The status of a Graph alert (<c>new</c>, <c>inProgress</c>, <c>resolved</c>). Unknown values from the service are kept; compares case-insensitively.</summary>
[JsonConverter(typeof(IncidentValueConverter<AlertStatus>))]
public readonly struct AlertStatus : IEquatable<AlertStatus>, IIncidentValue<AlertStatus>
{
    /// <summary>Wraps a value as the service spells it.</summary>
    public AlertStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary><c>new</c>.</summary>
    public static AlertStatus New { get; } = new("new");

    /// <summary><c>inProgress</c>.</summary>
    public static AlertStatus InProgress { get; } = new("inProgress");

    /// <summary><c>resolved</c>.</summary>
    public static AlertStatus Resolved { get; } = new("resolved");

    /// <summary><c>unknownFutureValue</c>.</summary>
    public static AlertStatus UnknownFutureValue { get; } = new("unknownFutureValue");

    /// <summary>The documented statuses (without the <c>unknownFutureValue</c> sentinel); an update may set each of them.</summary>
    public static IReadOnlyList<AlertStatus> KnownValues { get; } = [.. IncidentVocabulary.AlertStatuses.Select(FromString)];

    /// <inheritdoc/>
    public string? Value { get; }

    /// <summary>Whether this is one of the documented values.</summary>
    public bool IsKnown => IncidentVocabulary.IsDocumented(IncidentVocabulary.AlertStatuses, Value);

    /// <summary>The Graph (camelCase) spelling.</summary>
    public string? Canonical => IncidentVocabulary.Canonical(Value);

    /// <inheritdoc/>
    public static AlertStatus FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(AlertStatus other) => IncidentSpelling.Same(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AlertStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IncidentSpelling.Hash(Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(AlertStatus left, AlertStatus right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(AlertStatus left, AlertStatus right) => !left.Equals(right);
}
