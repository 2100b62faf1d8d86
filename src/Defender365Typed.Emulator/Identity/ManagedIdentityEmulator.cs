using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Identity;

/// <summary>
/// The App Service managed identity endpoint (<c>IDENTITY_ENDPOINT</c> + <c>IDENTITY_HEADER</c>, API
/// version 2019-08-01), which MSAL selects when both variables are set. Served over plain HTTP on
/// loopback, as App Service does.
/// </summary>
public sealed class ManagedIdentityEmulator
{
    private readonly EmulatorDirectory _directory;
    private readonly TokenIssuer _issuer;
    private readonly TimeProvider _time;

    internal ManagedIdentityEmulator(EmulatorDirectory directory, TokenIssuer issuer, TimeProvider time)
    {
        _directory = directory;
        _issuer = issuer;
        _time = time;
        Header = issuer.NewOpaqueSecret("mi");
    }

    /// <summary>The secret MSAL must send as <c>X-IDENTITY-HEADER</c> (the value of <c>IDENTITY_HEADER</c>).</summary>
    public string Header { get; }

    /// <summary>Number of tokens issued.</summary>
    public int TokensIssued { get; private set; }

    internal Task TokenAsync(HttpContext context)
    {
        byte[] given = Encoding.UTF8.GetBytes(context.Request.Headers["X-IDENTITY-HEADER"].ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(Header)))
        {
            return JsonResponse.WriteAsync(context, 401, w =>
            {
                w.WriteStartObject();
                w.WriteString("statusCode", "401");
                w.WriteString("message", "Unauthorized: the X-IDENTITY-HEADER is missing or wrong.");
                w.WriteEndObject();
            });
        }

        string? clientId = context.Request.Query["client_id"];
        EmulatedApp? identity = _directory.FindManagedIdentity(string.IsNullOrEmpty(clientId) ? null : clientId);
        string resource = ScopeRequest.ResourceFromManagedIdentity(context.Request.Query["resource"].ToString());
        if (identity is null || string.IsNullOrEmpty(resource))
        {
            return JsonResponse.WriteAsync(context, 400, w =>
            {
                w.WriteStartObject();
                w.WriteString("statusCode", "400");
                w.WriteString("message", identity is null ? "No managed identity found for the specified ClientId/ResourceId/PrincipalId." : "The resource parameter is required.");
                w.WriteEndObject();
            });
        }

        IReadOnlyCollection<string> roles = EmulatorDirectory.PermissionsFor(identity.ApplicationPermissions, resource);
        (string token, EmulatedToken info) = _issuer.IssueAccessToken(resource, identity.ClientId, roles, delegated: false, _directory.TenantId, identity.ClientId);
        TokensIssued++;
        return JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("expires_on", info.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("resource", resource);
            w.WriteString("token_type", "Bearer");
            w.WriteString("client_id", identity.ClientId);
            w.WriteEndObject();
        });
    }
}
