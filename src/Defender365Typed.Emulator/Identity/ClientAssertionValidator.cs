using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Defender365Typed.Emulator.Identity;

/// <summary>
/// Validates a certificate client assertion the way Entra ID does: a JWT signed (RS256 or PS256) by
/// the key of the app's registered certificate, named by its thumbprint (<c>x5t</c> or <c>x5t#S256</c>),
/// with <c>iss</c> = <c>sub</c> = client ID, <c>aud</c> = the token endpoint and a future <c>exp</c>.
/// </summary>
internal static class ClientAssertionValidator
{
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Returns null when valid, else the problem.</summary>
    public static string? Validate(string assertion, string assertionType, EmulatedApp app, string tokenEndpoint, DateTimeOffset now)
    {
        if (assertionType != JwtBearer)
        {
            return "The client_assertion_type is not supported.";
        }

        if (app.Certificate is null)
        {
            return $"Client assertion contains an invalid signature: no certificate is registered for app '{app.ClientId}'.";
        }

        string[] parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "Client assertion is not a valid JWT.";
        }

        try
        {
            using JsonDocument header = JsonDocument.Parse(TokenIssuer.FromBase64Url(parts[0]));
            using JsonDocument payload = JsonDocument.Parse(TokenIssuer.FromBase64Url(parts[1]));
            if (!ThumbprintMatches(header.RootElement, app.Certificate))
            {
                return "Client assertion contains an invalid signature. [Reason - The key was not found.]";
            }

            string alg = header.RootElement.GetProperty("alg").GetString() ?? string.Empty;
            RSASignaturePadding? padding = alg switch
            {
                "RS256" => RSASignaturePadding.Pkcs1,
                "PS256" => RSASignaturePadding.Pss,
                _ => null,
            };
            using RSA? key = app.Certificate.GetRSAPublicKey();
            if (padding is null || key is null)
            {
                return $"Client assertion uses an unsupported algorithm '{alg}'.";
            }

            byte[] signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!key.VerifyData(signed, TokenIssuer.FromBase64Url(parts[2]), HashAlgorithmName.SHA256, padding))
            {
                return "Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value.]";
            }

            JsonElement claims = payload.RootElement;
            if (claims.GetProperty("iss").GetString() != app.ClientId || claims.GetProperty("sub").GetString() != app.ClientId)
            {
                return "Client assertion issuer or subject does not match the client ID.";
            }

            JsonElement aud = claims.GetProperty("aud");
            IEnumerable<string?> audiences = aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Select(a => a.GetString()) : [aud.GetString()];
            if (!audiences.Any(a => string.Equals(a, tokenEndpoint, StringComparison.OrdinalIgnoreCase)))
            {
                return $"Client assertion audience claim does not match the token endpoint.";
            }

            JsonElement exp = claims.GetProperty("exp");
            long expires = exp.ValueKind == JsonValueKind.String ? long.Parse(exp.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : exp.GetInt64();
            if (DateTimeOffset.FromUnixTimeSeconds(expires) <= now)
            {
                return "Client assertion has expired.";
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return $"Client assertion is not a valid JWT ({ex.GetType().Name}: {ex.Message}).";
        }
    }

    private static bool ThumbprintMatches(JsonElement header, X509Certificate2 certificate)
    {
        if (header.TryGetProperty("x5t#S256", out JsonElement s256))
        {
            return s256.GetString() == TokenIssuer.Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA256));
        }

        if (header.TryGetProperty("x5t", out JsonElement sha1))
        {
            return sha1.GetString() == TokenIssuer.Base64Url(certificate.GetCertHash());
        }

        return false;
    }
}
