using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Identity;

/// <summary>
/// The Entra ID v2 endpoints MSAL uses: OpenID configuration, instance discovery, device code,
/// authorize (auto-approved) and token for the device_code, authorization_code (public with PKCE, or confidential
/// with the client secret or certificate for a web redirect URI),
/// client_credentials (secret or certificate assertion) and refresh_token grants.
/// </summary>
public sealed class EntraEmulator
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private readonly ConcurrentDictionary<string, PendingDeviceCode> _deviceCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingAuthorizationCode> _authCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _grantCounts = new(StringComparer.Ordinal);
    private readonly EmulatorDirectory _directory;
    private readonly TokenIssuer _issuer;
    private readonly TimeProvider _time;
    private readonly Func<Uri> _baseUri;

    internal EntraEmulator(EmulatorDirectory directory, TokenIssuer issuer, TimeProvider time, Func<Uri> baseUri)
    {
        _directory = directory;
        _issuer = issuer;
        _time = time;
        _baseUri = baseUri;
    }

    /// <summary>Seconds MSAL is told to wait between device code polls.</summary>
    public int DeviceCodePollingInterval { get; set; } = 1;

    /// <summary>When set, every device code is approved by the user on the first poll.</summary>
    public bool AutoApproveDeviceCodes { get; set; }

    /// <summary>When set, the authorize endpoint answers <c>access_denied</c> instead of a code.</summary>
    public bool DenyAuthorization { get; set; }

    /// <summary>How many tokens each grant type has issued (<c>client_credentials</c>, <c>refresh_token</c>, ...).</summary>
    public int GrantCount(string grantType) => _grantCounts.TryGetValue(grantType, out int n) ? n : 0;

    /// <summary>The user approves the sign-in for <paramref name="userCode"/>; returns false if no such code is pending.</summary>
    public bool ApproveDeviceCode(string userCode) => SetDecision(userCode, approve: true);

    /// <summary>The user declines the sign-in for <paramref name="userCode"/>.</summary>
    public bool DeclineDeviceCode(string userCode) => SetDecision(userCode, approve: false);

    /// <summary>Revokes every refresh token: the next refresh answers <c>invalid_grant</c> (AADSTS700082).</summary>
    public void RevokeRefreshTokens()
    {
        foreach (RefreshGrant grant in _refreshTokens.Values)
        {
            grant.Revoked = true;
        }
    }

    private bool SetDecision(string userCode, bool approve)
    {
        PendingDeviceCode? pending = _deviceCodes.Values.FirstOrDefault(d => d.UserCode == userCode && !d.Redeemed);
        if (pending is null)
        {
            return false;
        }

        pending.Approved = approve;
        pending.Declined = !approve;
        return true;
    }

    internal Task OpenIdConfigurationAsync(HttpContext context)
    {
        string tenant = (string)context.Request.RouteValues["tenant"]!;
        string authority = new Uri(_baseUri(), tenant + "/").ToString().TrimEnd('/');
        return JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("issuer", Issuer);
            w.WriteString("authorization_endpoint", authority + "/oauth2/v2.0/authorize");
            w.WriteString("token_endpoint", authority + "/oauth2/v2.0/token");
            w.WriteString("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode");
            w.WriteString("jwks_uri", authority + "/discovery/v2.0/keys");
            w.WriteStartArray("response_types_supported");
            w.WriteStringValue("code");
            w.WriteEndArray();
            w.WriteStartArray("grant_types_supported");
            foreach (string g in new[] { "authorization_code", "refresh_token", "client_credentials", DeviceCodeGrant })
            {
                w.WriteStringValue(g);
            }

            w.WriteEndArray();
            w.WriteStartArray("code_challenge_methods_supported");
            w.WriteStringValue("S256");
            w.WriteEndArray();
            w.WriteString("tenant_region_scope", "NA");
            w.WriteEndObject();
        });
    }

    internal Task InstanceDiscoveryAsync(HttpContext context)
    {
        string host = _baseUri().Authority;
        return JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("tenant_discovery_endpoint", new Uri(_baseUri(), "common/v2.0/.well-known/openid-configuration").ToString());
            w.WriteString("api-version", "1.1");
            w.WriteStartArray("metadata");
            w.WriteStartObject();
            w.WriteString("preferred_network", host);
            w.WriteString("preferred_cache", host);
            w.WriteStartArray("aliases");
            w.WriteStringValue(host);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    internal string Issuer => new Uri(_baseUri(), _directory.TenantId + "/v2.0").ToString();

    internal async Task DeviceCodeAsync(HttpContext context)
    {
        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        EmulatedApp? app = _directory.FindApp(form["client_id"]);
        if (app is null)
        {
            await UnknownClientAsync(context, form["client_id"]).ConfigureAwait(false);
            return;
        }

        var pending = new PendingDeviceCode
        {
            DeviceCode = _issuer.NewOpaqueSecret("dc"),
            UserCode = NewUserCode(),
            ClientId = app.ClientId,
            Scopes = ScopeRequest.Split(form["scope"]),
            ExpiresOn = _time.GetUtcNow().AddMinutes(15),
        };
        _deviceCodes[pending.DeviceCode] = pending;
        string verification = new Uri(_baseUri(), "devicelogin").ToString();
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("user_code", pending.UserCode);
            w.WriteString("device_code", pending.DeviceCode);
            w.WriteString("verification_uri", verification);
            w.WriteNumber("expires_in", 900);
            w.WriteNumber("interval", DeviceCodePollingInterval);
            w.WriteString("message", $"To sign in, use a web browser to open the page {verification} and enter the code {pending.UserCode} to authenticate.");
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    internal Task AuthorizeAsync(HttpContext context)
    {
        IQueryCollection q = context.Request.Query;
        EmulatedApp? app = _directory.FindApp(q["client_id"]);
        string redirect = q["redirect_uri"].ToString();
        if (app is null)
        {
            return UnknownClientAsync(context, q["client_id"]);
        }

        bool web = app.WebRedirectUris.Contains(redirect, StringComparer.Ordinal);
        if (!web && !app.RedirectUris.Contains(redirect, StringComparer.Ordinal))
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_request", 50011,
                "The redirect URI specified in the request does not match the redirect URIs configured for the application.");
        }

        string state = q["state"].ToString();
        string separator = redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        if (DenyAuthorization)
        {
            context.Response.Redirect($"{redirect}{separator}error=access_denied&error_description={Uri.EscapeDataString("AADSTS65004: User declined to consent to access the app.")}&state={Uri.EscapeDataString(state)}");
            return Task.CompletedTask;
        }

        // PKCE: required for public clients; a web app may leave it out, but a challenge it sends must be S256.
        string challenge = q["code_challenge"].ToString();
        if ((!web || challenge.Length > 0) && (q["code_challenge_method"] != "S256" || challenge.Length == 0))
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_request", 501491, "Invalid size of Code_Challenge parameter or PKCE method not S256.");
        }

        string code = _issuer.NewOpaqueSecret("ac");
        _authCodes[code] = new PendingAuthorizationCode
        {
            ClientId = app.ClientId,
            RedirectUri = redirect,
            Scopes = ScopeRequest.Split(q["scope"]),
            CodeChallenge = challenge.Length > 0 ? challenge : null,
            ExpiresOn = _time.GetUtcNow().AddMinutes(10),
            Confidential = web,
        };
        context.Response.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}&session_state={Guid.NewGuid()}");
        return Task.CompletedTask;
    }

    internal async Task TokenAsync(HttpContext context)
    {
        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string tenant = (string)context.Request.RouteValues["tenant"]!;
        if (!IsKnownTenant(tenant))
        {
            await JsonResponse.OAuthErrorAsync(context, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found.").ConfigureAwait(false);
            return;
        }

        EmulatedApp? app = _directory.FindApp(form["client_id"]);
        if (app is null)
        {
            await UnknownClientAsync(context, form["client_id"]).ConfigureAwait(false);
            return;
        }

        string grant = form["grant_type"].ToString();
        Task handled = grant switch
        {
            "client_credentials" => ClientCredentialsAsync(context, form, app, tenant),
            DeviceCodeGrant or "device_code" => DeviceCodeTokenAsync(context, form, app),
            "authorization_code" => AuthorizationCodeTokenAsync(context, form, app, tenant),
            "refresh_token" => RefreshTokenAsync(context, form, app, tenant),
            _ => JsonResponse.OAuthErrorAsync(context, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type."),
        };
        await handled.ConfigureAwait(false);
    }

    private bool IsKnownTenant(string tenant) =>
        tenant.Equals(_directory.TenantId, StringComparison.OrdinalIgnoreCase)
        || tenant.Equals("organizations", StringComparison.OrdinalIgnoreCase)
        || tenant.Equals("common", StringComparison.OrdinalIgnoreCase);

    private Task ClientCredentialsAsync(HttpContext context, IFormCollection form, EmulatedApp app, string tenant)
    {
        if (AuthenticateClient(form, app, tenant) is { } failure)
        {
            return JsonResponse.OAuthErrorAsync(context, 401, "invalid_client", failure.Code, failure.Problem);
        }

        IReadOnlyList<string> scopes = ScopeRequest.Split(form["scope"]);
        string? resource = ScopeRequest.Resource(scopes);
        if (resource is null || !scopes.Any(s => s.EndsWith("/.default", StringComparison.OrdinalIgnoreCase)))
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        IReadOnlyCollection<string> roles = EmulatorDirectory.PermissionsFor(app.ApplicationPermissions, resource);
        (string token, _) = _issuer.IssueAccessToken(resource, app.ClientId, roles, delegated: false, _directory.TenantId, app.ClientId);
        Count("client_credentials");
        return WriteTokenAsync(context, token, scopes, refreshToken: null, idToken: null, clientInfo: null);
    }

    /// <summary>Checks the client secret or certificate assertion of a confidential client; null when it is good.</summary>
    private (int Code, string Problem)? AuthenticateClient(IFormCollection form, EmulatedApp app, string tenant)
    {
        if (!string.IsNullOrEmpty(form["client_secret"]))
        {
            byte[] given = Encoding.UTF8.GetBytes(form["client_secret"].ToString());
            byte[] expected = Encoding.UTF8.GetBytes(app.ClientSecret ?? "\0no-secret");
            return app.ClientSecret is null || !CryptographicOperations.FixedTimeEquals(given, expected)
                ? (7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{app.ClientId}'.")
                : null;
        }

        if (!string.IsNullOrEmpty(form["client_assertion"]))
        {
            string tokenEndpoint = new Uri(_baseUri(), tenant + "/oauth2/v2.0/token").ToString();
            string? problem = ClientAssertionValidator.Validate(form["client_assertion"].ToString(), form["client_assertion_type"].ToString(), app, tokenEndpoint, _time.GetUtcNow());
            return problem is null ? null : (700027, problem);
        }

        return (7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    private static bool PresentsClientCredential(IFormCollection form) =>
        !string.IsNullOrEmpty(form["client_secret"]) || !string.IsNullOrEmpty(form["client_assertion"]);

    private Task DeviceCodeTokenAsync(HttpContext context, IFormCollection form, EmulatedApp app)
    {
        string code = form["device_code"].ToString();
        if (!_deviceCodes.TryGetValue(code, out PendingDeviceCode? pending) || pending.ClientId != app.ClientId || pending.Redeemed)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "bad_verification_code", 70000, "The provided device code is not valid.");
        }

        if (pending.ExpiresOn <= _time.GetUtcNow())
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "expired_token", 70020, "The provided authorization code or refresh token has expired due to it being outside of the allowed validity window.");
        }

        if (pending.Declined)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "authorization_declined", 70000, "The user declined the authorization request.");
        }

        if (!pending.Approved && !AutoApproveDeviceCodes)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
        }

        pending.Redeemed = true;
        return IssueUserTokensAsync(context, app, pending.Scopes, "device_code");
    }

    private Task AuthorizationCodeTokenAsync(HttpContext context, IFormCollection form, EmulatedApp app, string tenant)
    {
        string code = form["code"].ToString();
        if (!_authCodes.TryGetValue(code, out PendingAuthorizationCode? pending) || pending.ClientId != app.ClientId)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid. The provided authorization code is not valid for this application.");
        }

        if (pending.Redeemed)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
        }

        if (pending.ExpiresOn <= _time.GetUtcNow())
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
        }

        if (form["redirect_uri"] != pending.RedirectUri)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 70001, "The redirect URI does not match the one used to get the authorization code.");
        }

        if (pending.Confidential)
        {
            if (AuthenticateClient(form, app, tenant) is { } failure)
            {
                return JsonResponse.OAuthErrorAsync(context, 401, "invalid_client", failure.Code, failure.Problem);
            }
        }
        else if (PresentsClientCredential(form))
        {
            return JsonResponse.OAuthErrorAsync(context, 401, "invalid_client", 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
        }

        string verifier = form["code_verifier"].ToString();
        if (pending.CodeChallenge is not null || verifier.Length > 0)
        {
            string computed = TokenIssuer.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (verifier.Length == 0 || computed != pending.CodeChallenge)
            {
                return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
            }
        }

        pending.Redeemed = true;
        return IssueUserTokensAsync(context, app, pending.Scopes, "authorization_code", pending.Confidential);
    }

    private Task RefreshTokenAsync(HttpContext context, IFormCollection form, EmulatedApp app, string tenant)
    {
        string token = form["refresh_token"].ToString();
        if (!_refreshTokens.TryGetValue(token, out RefreshGrant? grant) || grant.ClientId != app.ClientId)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        }

        if (grant.Revoked)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was issued and was inactive for 90.00:00:00.");
        }

        if (grant.Confidential && AuthenticateClient(form, app, tenant) is { } failure)
        {
            return JsonResponse.OAuthErrorAsync(context, 401, "invalid_client", failure.Code, failure.Problem);
        }

        grant.Revoked = true; // rotation: each refresh token is used once
        return IssueUserTokensAsync(context, app, ScopeRequest.Split(form["scope"]), "refresh_token", grant.Confidential);
    }

    private Task IssueUserTokensAsync(HttpContext context, EmulatedApp app, IReadOnlyList<string> scopes, string grantType, bool confidential = false)
    {
        string? resource = ScopeRequest.Resource(scopes);
        if (resource is null)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid.");
        }

        IReadOnlyCollection<string> permissions = EmulatorDirectory.PermissionsFor(app.DelegatedPermissions, resource);
        if (permissions.Count == 0)
        {
            return JsonResponse.OAuthErrorAsync(context, 400, "invalid_grant", 65001,
                $"The user or administrator has not consented to use the application with ID '{app.ClientId}'. Send an interactive authorization request for this user and resource.");
        }

        (string access, _) = _issuer.IssueAccessToken(resource, app.ClientId, permissions, delegated: true, _directory.TenantId, _directory.UserObjectId);
        string refresh = _issuer.NewOpaqueSecret("rt");
        _refreshTokens[refresh] = new RefreshGrant { ClientId = app.ClientId, Confidential = confidential };
        string idToken = _issuer.IssueIdToken(app.ClientId, _directory.TenantId, _directory.UserObjectId, _directory.UserName);
        string clientInfo = TokenIssuer.Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["uid"] = _directory.UserObjectId,
            ["utid"] = _directory.TenantId,
        }));
        Count(grantType);
        return WriteTokenAsync(context, access, scopes, refresh, idToken, clientInfo);
    }

    private Task WriteTokenAsync(HttpContext context, string accessToken, IReadOnlyList<string> scopes, string? refreshToken, string? idToken, string? clientInfo)
    {
        int lifetime = (int)Math.Max(1, _issuer.AccessTokenLifetime.TotalSeconds);
        return JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("token_type", "Bearer");
            w.WriteString("scope", string.Join(' ', ScopeRequest.ResourceScopes(scopes)));
            w.WriteNumber("expires_in", lifetime);
            w.WriteNumber("ext_expires_in", lifetime);
            w.WriteString("access_token", accessToken);
            if (refreshToken is not null)
            {
                w.WriteString("refresh_token", refreshToken);
            }

            if (idToken is not null)
            {
                w.WriteString("id_token", idToken);
            }

            if (clientInfo is not null)
            {
                w.WriteString("client_info", clientInfo);
            }

            w.WriteEndObject();
        });
    }

    private static Task UnknownClientAsync(HttpContext context, string? clientId) =>
        JsonResponse.OAuthErrorAsync(context, 400, "unauthorized_client", 700016,
            $"Application with identifier '{clientId}' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.");

    private void Count(string grantType) => _grantCounts.AddOrUpdate(grantType, 1, (_, n) => n + 1);

    private static string NewUserCode()
    {
        const string alphabet = "BCDFGHJKLMNPQRSTVWXZ23456789";
        Span<char> chars = stackalloc char[9];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars).ToString(CultureInfo.InvariantCulture);
    }
}
