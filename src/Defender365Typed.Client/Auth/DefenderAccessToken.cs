using System;

namespace Defender365Typed.Client.Auth;

/// <summary>An access token and its expiry. <see cref="ToString"/> never shows the token.</summary>
public readonly struct DefenderAccessToken : IEquatable<DefenderAccessToken>
{
    /// <summary>Wraps a token.</summary>
    public DefenderAccessToken(string token, DateTimeOffset expiresOn)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
        ExpiresOn = expiresOn;
    }

    /// <summary>The bearer token. Never log it.</summary>
    public string Token { get; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <inheritdoc/>
    public override string ToString() => $"DefenderAccessToken(expires {ExpiresOn:u}, value redacted)";

    /// <inheritdoc/>
    public bool Equals(DefenderAccessToken other) => string.Equals(Token, other.Token, StringComparison.Ordinal) && ExpiresOn == other.ExpiresOn;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DefenderAccessToken other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Token, ExpiresOn);

    /// <summary>Equality.</summary>
    public static bool operator ==(DefenderAccessToken left, DefenderAccessToken right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DefenderAccessToken left, DefenderAccessToken right) => !left.Equals(right);
}
