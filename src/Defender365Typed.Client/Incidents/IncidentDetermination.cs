using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>What an incident turned out to be. Legacy names (CompromisedAccount, ConfirmedActivity, NoEnoughDataToValidate, NotAvailable) read as their Graph equivalents. Compares case-insensitively across both APIs' spellings.</summary>
[JsonConverter(typeof(IncidentValueConverter<IncidentDetermination>))]
public readonly struct IncidentDetermination : IEquatable<IncidentDetermination>, IIncidentValue<IncidentDetermination>
{
    /// <summary>Wraps a value as the service spells it.</summary>
    public IncidentDetermination(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary><c>unknown</c>.</summary>
    public static IncidentDetermination Unknown { get; } = new("unknown");

    /// <summary><c>apt</c>.</summary>
    public static IncidentDetermination Apt { get; } = new("apt");

    /// <summary><c>malware</c>.</summary>
    public static IncidentDetermination Malware { get; } = new("malware");

    /// <summary><c>securityPersonnel</c>.</summary>
    public static IncidentDetermination SecurityPersonnel { get; } = new("securityPersonnel");

    /// <summary><c>securityTesting</c>.</summary>
    public static IncidentDetermination SecurityTesting { get; } = new("securityTesting");

    /// <summary><c>unwantedSoftware</c>.</summary>
    public static IncidentDetermination UnwantedSoftware { get; } = new("unwantedSoftware");

    /// <summary><c>other</c>.</summary>
    public static IncidentDetermination Other { get; } = new("other");

    /// <summary><c>multiStagedAttack</c>.</summary>
    public static IncidentDetermination MultiStagedAttack { get; } = new("multiStagedAttack");

    /// <summary><c>compromisedUser</c>.</summary>
    public static IncidentDetermination CompromisedUser { get; } = new("compromisedUser");

    /// <summary><c>phishing</c>.</summary>
    public static IncidentDetermination Phishing { get; } = new("phishing");

    /// <summary><c>maliciousUserActivity</c>.</summary>
    public static IncidentDetermination MaliciousUserActivity { get; } = new("maliciousUserActivity");

    /// <summary><c>clean</c>.</summary>
    public static IncidentDetermination Clean { get; } = new("clean");

    /// <summary><c>insufficientData</c>.</summary>
    public static IncidentDetermination InsufficientData { get; } = new("insufficientData");

    /// <summary><c>confirmedUserActivity</c>.</summary>
    public static IncidentDetermination ConfirmedUserActivity { get; } = new("confirmedUserActivity");

    /// <summary><c>lineOfBusinessApplication</c>.</summary>
    public static IncidentDetermination LineOfBusinessApplication { get; } = new("lineOfBusinessApplication");

    /// <summary><c>unknownFutureValue</c>.</summary>
    public static IncidentDetermination UnknownFutureValue { get; } = new("unknownFutureValue");

    /// <summary>The documented determinations (without the <c>unknownFutureValue</c> sentinel); see <see cref="IncidentClassification.AllowedDeterminations"/> for which can be set.</summary>
    public static IReadOnlyList<IncidentDetermination> KnownValues { get; } = [.. IncidentVocabulary.Determinations.Select(FromString)];

    /// <inheritdoc/>
    public string? Value { get; }

    /// <summary>Whether this is one of the documented values.</summary>
    public bool IsKnown => IncidentVocabulary.IsDocumented(IncidentVocabulary.Determinations, Value);

    /// <summary>The Graph (camelCase) spelling.</summary>
    public string? Canonical => IncidentVocabulary.Canonical(Value);

    /// <inheritdoc/>
    public static IncidentDetermination FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(IncidentDetermination other) => IncidentSpelling.Same(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IncidentDetermination other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IncidentSpelling.Hash(Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(IncidentDetermination left, IncidentDetermination right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IncidentDetermination left, IncidentDetermination right) => !left.Equals(right);
}
