using System;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Identity;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>Checks the bearer token of an API call: signature, expiry, audience and permission.</summary>
internal sealed class ApiAuthorization
{
    private readonly TokenIssuer _issuer;

    public ApiAuthorization(TokenIssuer issuer) => _issuer = issuer;

    /// <summary>Returns the token when the call may proceed; otherwise writes 401 or 403 and returns null.</summary>
    public async Task<EmulatedToken?> AuthorizeAsync(HttpContext context, string audience, params string[] anyOfPermissions)
    {
        string header = context.Request.Headers.Authorization.ToString();
        string? problem = "No bearer token was sent.";
        EmulatedToken? token = null;
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = _issuer.Validate(header["Bearer ".Length..].Trim(), out problem);
        }

        if (token is null)
        {
            await UnauthorizedAsync(context, problem!).ConfigureAwait(false);
            return null;
        }

        if (!string.Equals(token.Audience, audience, StringComparison.OrdinalIgnoreCase))
        {
            await UnauthorizedAsync(context, $"Invalid audience: the token is for '{token.Audience}'.").ConfigureAwait(false);
            return null;
        }

        if (!anyOfPermissions.Any(p => token.Permissions.Contains(p, StringComparer.OrdinalIgnoreCase)))
        {
            string kind = token.Delegated ? "scopes" : "application roles";
            await JsonResponse.ApiErrorAsync(context, 403, "Forbidden", $"Missing {kind}. API required {kind}: {string.Join(", ", anyOfPermissions)}.").ConfigureAwait(false);
            return null;
        }

        return token;
    }

    internal static Task UnauthorizedAsync(HttpContext context, string problem)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{problem}\"";
        return JsonResponse.ApiErrorAsync(context, 401, "InvalidAuthenticationToken", problem);
    }
}
