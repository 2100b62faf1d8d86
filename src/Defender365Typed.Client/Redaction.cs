using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Defender365Typed.Client;

/// <summary>Removes tokens and known secrets from text before it is logged.</summary>
internal static partial class Redaction
{
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"(?i)\b(access_token|refresh_token|id_token|client_secret|client_assertion|code|device_code|code_verifier|assertion|password)=([^&\s""']+)", RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameterPattern();

    [GeneratedRegex(@"(?i)\b(Bearer)\s+[A-Za-z0-9_\-\.=+/]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    public static string Scrub(string text, IReadOnlyCollection<string>? knownSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string result = JwtPattern().Replace(text, "[redacted-token]");
        result = SecretParameterPattern().Replace(result, "$1=[redacted]");
        result = BearerPattern().Replace(result, "$1 [redacted]");
        if (knownSecrets is not null)
        {
            foreach (string secret in knownSecrets)
            {
                if (!string.IsNullOrEmpty(secret))
                {
                    result = result.Replace(secret, "[redacted]", StringComparison.Ordinal);
                }
            }
        }

        return result;
    }
}
