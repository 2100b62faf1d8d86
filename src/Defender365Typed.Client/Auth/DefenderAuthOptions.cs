using System;

namespace Defender365Typed.Client.Auth;

/// <summary>How to sign in. Secrets set here never appear in logs, exceptions or <see cref="ToString"/>.</summary>
public sealed class DefenderAuthOptions
{
    /// <summary>The cloud (login host and API audiences).</summary>
    public DefenderCloud Cloud { get; set; } = DefenderCloud.Global;

    /// <summary>The flow.</summary>
    public DefenderAuthFlow Flow { get; set; } = DefenderAuthFlow.DeviceCode;

    /// <summary>The tenant ID or domain (required except for managed identity); <c>organizations</c> works for delegated flows.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's client ID (required except for managed identity).</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The client secret for <see cref="DefenderAuthFlow.ClientSecret"/>; with <see cref="DefenderAuthFlow.AuthorizationCode"/> it makes the
    /// sign-in the confidential (web app) variant, which redeems the code with this secret.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The certificate for <see cref="DefenderAuthFlow.ClientCertificate"/>; with <see cref="DefenderAuthFlow.AuthorizationCode"/> (and no
    /// <see cref="ClientSecret"/>) it makes the sign-in the confidential variant, which redeems the code with a certificate assertion.
    /// </summary>
    public ClientCertificateOptions? Certificate { get; set; }

    /// <summary>A user-assigned managed identity's client ID; null means system-assigned.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The redirect URI registered for <see cref="DefenderAuthFlow.AuthorizationCode"/> (default <c>http://localhost</c>).</summary>
    public Uri RedirectUri { get; set; } = new("http://localhost");

    /// <summary>
    /// Whether the confidential authorization code flow sends a PKCE (S256) challenge; default true. Entra ID accepts PKCE from web apps
    /// too, so keep it unless something between the user and Entra ID rejects it. The public flow always uses PKCE.
    /// </summary>
    public bool AuthorizationCodePkce { get; set; } = true;

    /// <summary>The authorization code flow of a confidential (web) app: the code is redeemed with a client secret or certificate.</summary>
    internal bool IsConfidentialAuthorizationCode => Flow == DefenderAuthFlow.AuthorizationCode && (ClientSecret is not null || Certificate is not null);

    /// <summary>Token cache persistence (delegated and app-only flows; managed identity tokens stay in memory).</summary>
    public TokenCacheOptions TokenCache { get; set; } = new();

    /// <summary>The API whose token the delegated sign-in asks for first (the other is then obtained silently).</summary>
    public DefenderApi SignInApi { get; set; } = DefenderApi.Graph;

    /// <inheritdoc/>
    public override string ToString() =>
        $"DefenderAuthOptions(Cloud={Cloud}, Flow={Flow}, TenantId={TenantId}, ClientId={ClientId}, ClientSecret={(ClientSecret is null ? "none" : "redacted")}, Certificate={Certificate})";
}
