using System;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// What the user pasted after an authorization code sign-in: the whole URL the browser landed on (with <c>code</c> and
/// <c>state</c>, or <c>error</c> and <c>error_description</c>) or only the code. Parsed before anything is sent, so a
/// pasted mistake is an <see cref="AuthFailureKind.InvalidAuthorizationCode"/> that names what is wrong.
/// </summary>
internal sealed record AuthorizationResponse(string? Code, string? State, string? Error, string? ErrorDescription, Uri? LandingUri)
{
    /// <summary>Reads the pasted text.</summary>
    /// <exception cref="DefenderAuthenticationException">Nothing usable was pasted.</exception>
    public static AuthorizationResponse Parse(string? pasted)
    {
        string text = (pasted ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw Invalid("Nothing was pasted: paste the whole URL the browser landed on after sign-in, or the code from it.");
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return FromLandingUri(uri);
        }

        foreach (char c in text)
        {
            // Entra ID codes are URL-safe text (letters, digits, '.', '-', '_', '~'); anything else is a paste mistake.
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~'))
            {
                throw Invalid($"The pasted text is neither a URL nor an authorization code (it contains '{(char.IsWhiteSpace(c) ? "a space" : c.ToString())}'): paste the whole URL the browser landed on, or only the value of its code parameter.");
            }
        }

        return new AuthorizationResponse(text, null, null, null, null);
    }

    /// <summary>Reads a landing URL (query, or fragment for response_mode=fragment).</summary>
    public static AuthorizationResponse FromLandingUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string? code = null, state = null, error = null, description = null;
        foreach (string part in (uri.Query.TrimStart('?') + "&" + uri.Fragment.TrimStart('#')).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? part : part[..equals];
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' '));
            switch (name)
            {
                case "code": code = value; break;
                case "state": state = value; break;
                case "error": error = value; break;
                case "error_description": description = value; break;
            }
        }

        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(error))
        {
            throw Invalid($"The pasted URL has no 'code' parameter ({uri.GetLeftPart(UriPartial.Path)}): paste the whole address the browser landed on after sign-in, query string included.");
        }

        return new AuthorizationResponse(code, state, error, description, uri);
    }

    private static DefenderAuthenticationException Invalid(string message) =>
        new(message, AuthFailureKind.InvalidAuthorizationCode, null, "invalid_authorization_response", null, null);
}
