using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Identity.Client;

namespace Defender365Typed.Client.Auth;

/// <summary>Maps MSAL and Entra ID (AADSTS) failures to messages a user can act on.</summary>
internal static partial class AadstsErrors
{
    [GeneratedRegex(@"AADSTS(\d{4,9})", RegexOptions.CultureInvariant)]
    private static partial Regex AadstsPattern();

    /// <summary>The permissions each API needs, for consent messages.</summary>
    public static string PermissionsFor(DefenderApi api, bool delegated) => (api, delegated) switch
    {
        (DefenderApi.Graph, _) => "ThreatHunting.Read.All (hunting), SecurityIncident.Read.All or SecurityIncident.ReadWrite.All (incidents) on Microsoft Graph",
        (DefenderApi.Legacy, false) => "AdvancedHunting.Read.All (hunting), Incident.Read.All or Incident.ReadWrite.All (incidents) on Microsoft Threat Protection",
        _ => "AdvancedHunting.Read, Incident.Read or Incident.ReadWrite (delegated) on Microsoft Threat Protection",
    };

    /// <summary>Maps an MSAL failure; <paramref name="redeemingCode"/> when it answered an authorization code redemption.</summary>
    public static DefenderAuthenticationException Map(Exception exception, DefenderApi api, DefenderAuthFlow flow, bool redeemingCode = false) =>
        Map((exception as MsalException)?.ErrorCode, exception.Message, exception, api, flow, redeemingCode);

    /// <summary>Maps the <c>error</c> and <c>error_description</c> of an authorize redirect (the user's browser got no code).</summary>
    public static DefenderAuthenticationException FromAuthorizeRedirect(string error, string? description, DefenderApi api, DefenderAuthFlow flow) =>
        Map(error, string.IsNullOrEmpty(description) ? error : description, null, api, flow, redeemingCode: true);

    private static DefenderAuthenticationException Map(string? errorCode, string message, Exception? exception, DefenderApi api, DefenderAuthFlow flow, bool redeemingCode)
    {
        bool delegated = flow is DefenderAuthFlow.DeviceCode or DefenderAuthFlow.AuthorizationCode;
        int? aadsts = Parse(message);
        (AuthFailureKind kind, string advice) = Classify(aadsts, errorCode, exception, api, delegated, redeemingCode);
        string code = aadsts is int n ? "AADSTS" + n.ToString(CultureInfo.InvariantCulture) : errorCode ?? exception?.GetType().Name ?? "error";
        string? permission = kind == AuthFailureKind.ConsentRequired ? PermissionsFor(api, delegated) : null;

        // MSAL messages and authorize redirects carry Entra ID's text (codes, trace IDs), never tokens or secrets; keep the first line.
        string first = FirstLine(message);
        return new DefenderAuthenticationException($"Sign-in for the {api} API failed ({code}): {advice} Service said: {first}", kind, aadsts, errorCode, permission, exception);
    }

    private static (AuthFailureKind, string) Classify(int? aadsts, string? errorCode, Exception? exception, DefenderApi api, bool delegated, bool redeemingCode)
    {
        switch (aadsts)
        {
            case 70008 or 54005 or 9002313 when redeemingCode:
                return (AuthFailureKind.InvalidAuthorizationCode, aadsts switch
                {
                    70008 => "The authorization code has expired (codes live about ten minutes): open the authorize URL again and paste the new code promptly.",
                    54005 => "The authorization code was already redeemed: each code works once; open the authorize URL again.",
                    _ => "The authorization code is malformed or not for this app: paste the whole code (or the whole URL the browser landed on) from a new sign-in.",
                });
            case 700025:
                return (AuthFailureKind.InvalidClientCredential, "The app is registered as a public client, which must not send a secret: sign in without --client-secret, or add the redirect URI under the Web platform.");
            case 50173 or 700082 or 70008 or 54005 or 7000222 or 70043 or 700084 or 50132 or 9002313:
                return aadsts == 7000222
                    ? (AuthFailureKind.InvalidClientCredential, "The client secret has expired: create a new one in the app registration.")
                    : (AuthFailureKind.SignInRequired, "The sign-in grant has expired or was revoked: reset and sign in again.");
            case 65001 or 65004 or 500011 or 650057:
                return (AuthFailureKind.ConsentRequired, $"Admin consent is missing: grant {PermissionsFor(api, delegated)} and click 'Grant admin consent'.");
            case 7000215 or 700027 or 700023 or 7000218 or 700024:
                return (AuthFailureKind.InvalidClientCredential, "The client secret or certificate was not accepted: check that it belongs to this app registration and has not expired.");
            case 700016:
                return (AuthFailureKind.UnknownApplication, "The client ID is not an application in this tenant: check the client ID and tenant ID.");
            case 90002 or 900023:
                return (AuthFailureKind.UnknownTenant, "The tenant was not found: check the tenant ID and the cloud.");
            case 50011 or 500113:
                return (AuthFailureKind.RedirectUriMismatch, "The redirect URI is not registered for the app: add it under Authentication.");
            case 50076 or 50079 or 53003 or 50158 or 530003:
                return (AuthFailureKind.PolicyBlocked, "Multi-factor authentication or a Conditional Access policy blocks this sign-in.");
            case 70020 or 70019:
                return (AuthFailureKind.CodeExpired, "The code expired before sign-in finished: start again.");
            default:
                break;
        }

        return errorCode switch
        {
            "authorization_declined" or "access_denied" or "authentication_canceled" => (AuthFailureKind.Declined, "The user declined the sign-in."),
            "expired_token" or "code_expired" => (AuthFailureKind.CodeExpired, "The code expired before sign-in finished: start again."),
            "invalid_grant" or "no_account_found" or "no_tokens_found" or "user_null" or MsalError.InvalidGrantError
                => (AuthFailureKind.SignInRequired, "No valid sign-in is cached: sign in again."),
            "invalid_client" => (AuthFailureKind.InvalidClientCredential, "The client credential was not accepted."),
            "managed_identity_request_failed" or "managed_identity_unreachable_network" or "invalid_managed_identity_endpoint"
                => (AuthFailureKind.ManagedIdentityUnavailable, "The managed identity endpoint is not available on this host, or the identity is not assigned."),
            "service_not_available" or "request_timeout" or "http_status_not_200" => (AuthFailureKind.ServiceUnavailable, "Entra ID could not be reached or failed; try again later."),
            _ when exception is MsalUiRequiredException => (AuthFailureKind.SignInRequired, "Interactive sign-in is required: sign in again."),
            "invalid_request" when redeemingCode => (AuthFailureKind.InvalidAuthorizationCode, "Entra ID refused the authorize request: see its message."),
            _ => (AuthFailureKind.Other, "See the service's message."),
        };
    }

    private static int? Parse(string message)
    {
        Match match = AadstsPattern().Match(message);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : null;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        string line = end < 0 ? message : message[..end];
        return line.Length > 400 ? line[..400] + "..." : line;
    }
}
