using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>The status of an incident. Unknown values from the service are kept. Compares case-insensitively across both APIs' spellings.</summary>
[JsonConverter(typeof(IncidentValueConverter<IncidentStatus>))]
public readonly struct IncidentStatus : IEquatable<IncidentStatus>, IIncidentValue<IncidentStatus>
{
    /// <summary>Wraps a value as the service spells it.</summary>
    public IncidentStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary><c>active</c>.</summary>
    public static IncidentStatus Active { get; } = new("active");

    /// <summary><c>inProgress</c>.</summary>
    public static IncidentStatus InProgress { get; } = new("inProgress");

    /// <summary><c>resolved</c>.</summary>
    public static IncidentStatus Resolved { get; } = new("resolved");

    /// <summary><c>redirected</c>.</summary>
    public static IncidentStatus Redirected { get; } = new("redirected");

    /// <summary><c>awaitingAction</c>.</summary>
    public static IncidentStatus AwaitingAction { get; } = new("awaitingAction");

    /// <summary><c>unknownFutureValue</c>.</summary>
    public static IncidentStatus UnknownFutureValue { get; } = new("unknownFutureValue");

    /// <summary>The documented statuses (without the <c>unknownFutureValue</c> sentinel), in the service's order.</summary>
    public static IReadOnlyList<IncidentStatus> KnownValues { get; } = [.. IncidentVocabulary.Statuses.Select(FromString)];

    /// <summary>The statuses an update may set (<c>redirected</c> and <c>awaitingAction</c> belong to the service).</summary>
    public static IReadOnlyList<IncidentStatus> SettableValues { get; } = [.. IncidentVocabulary.SettableStatuses.Select(FromString)];

    /// <inheritdoc/>
    public string? Value { get; }

    /// <summary>Whether this is one of the documented values.</summary>
    public bool IsKnown => IncidentVocabulary.IsDocumented(IncidentVocabulary.Statuses, Value);

    /// <summary>The Graph (camelCase) spelling.</summary>
    public string? Canonical => IncidentVocabulary.Canonical(Value);

    /// <inheritdoc/>
    public static IncidentStatus FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(IncidentStatus other) => IncidentSpelling.Same(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IncidentStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IncidentSpelling.Hash(Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(IncidentStatus left, IncidentStatus right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IncidentStatus left, IncidentStatus right) => !left.Equals(right);
}
