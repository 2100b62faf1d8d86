using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.Emulator.Identity;

/// <summary>
/// Issues HMAC-signed JWT access tokens, opaque refresh tokens and codes, validates bearer tokens,
/// and remembers every secret it handed out so tests can prove none of them leaked into logs.
/// </summary>
public sealed class TokenIssuer
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, EmulatedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _secrets = [];
    private readonly Func<string> _issuer;
    private readonly TimeProvider _time;

    internal TokenIssuer(Func<string> issuer, TimeProvider time)
    {
        _issuer = issuer;
        _time = time;
    }

    /// <summary>Lifetime of new access tokens; short values make MSAL refresh on every call.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every access token, refresh token, code and device code issued so far.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => [.. _secrets];

    /// <summary>Number of access tokens issued so far.</summary>
    public int AccessTokensIssued => _tokens.Count;

    /// <summary>Makes every access token issued so far expired: the APIs answer 401 <c>invalid_token</c>.</summary>
    public void ExpireAllAccessTokens()
    {
        foreach (string id in _tokens.Keys)
        {
            _revoked[id] = 0;
        }
    }

    internal string NewOpaqueSecret(string prefix)
    {
        string value = prefix + "." + Base64Url(RandomNumberGenerator.GetBytes(32));
        _secrets.Add(value);
        return value;
    }

    internal (string Token, EmulatedToken Info) IssueAccessToken(
        string audience, string clientId, IReadOnlyCollection<string> permissions, bool delegated, string tenantId, string subject)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var info = new EmulatedToken(Guid.NewGuid().ToString("N"), audience, clientId, permissions, delegated, now + AccessTokenLifetime);
        var claims = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = _issuer(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = info.ExpiresOn.ToUnixTimeSeconds(),
            ["tid"] = tenantId,
            ["appid"] = clientId,
            ["azp"] = clientId,
            ["oid"] = subject,
            ["sub"] = subject,
            ["uti"] = info.Id,
            ["ver"] = "2.0",
        };
        if (delegated)
        {
            claims["scp"] = string.Join(' ', permissions);
        }
        else
        {
            claims["roles"] = permissions.ToArray();
        }

        string token = Sign(claims);
        _tokens[info.Id] = info;
        _secrets.Add(token);
        return (token, info);
    }

    /// <summary>An unsigned-signature ID token (MSAL reads it but does not validate it).</summary>
    internal string IssueIdToken(string clientId, string tenantId, string objectId, string userName)
    {
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        return Sign(new Dictionary<string, object>
        {
            ["aud"] = clientId,
            ["iss"] = _issuer(),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["tid"] = tenantId,
            ["oid"] = objectId,
            ["sub"] = objectId,
            ["preferred_username"] = userName,
            ["name"] = "Emulated Analyst",
            ["ver"] = "2.0",
        });
    }

    /// <summary>Validates a bearer token: signature, expiry and revocation.</summary>
    internal EmulatedToken? Validate(string token, out string? problem)
    {
        problem = null;
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            problem = "The access token is malformed.";
            return null;
        }

        byte[] expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] actual;
        try
        {
            actual = FromBase64Url(parts[2]);
        }
        catch (FormatException)
        {
            problem = "The access token signature is invalid.";
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            problem = "The access token signature is invalid.";
            return null;
        }

        using JsonDocument payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        string? id = payload.RootElement.TryGetProperty("uti", out JsonElement uti) ? uti.GetString() : null;
        if (id is null || !_tokens.TryGetValue(id, out EmulatedToken? info))
        {
            problem = "The access token is unknown.";
            return null;
        }

        if (_revoked.ContainsKey(id) || info.ExpiresOn <= _time.GetUtcNow())
        {
            problem = "Lifetime validation failed, the token is expired.";
            return null;
        }

        return info;
    }

    private string Sign(Dictionary<string, object> claims)
    {
        string header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        string payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        byte[] signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url(signature);
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] FromBase64Url(string text)
    {
        string s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }
}
