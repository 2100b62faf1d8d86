namespace Defender365Typed.Client.Auth;

/// <summary>How the client signs in to Entra ID.</summary>
public enum DefenderAuthFlow
{
    /// <summary>Delegated: a user enters a code on another device (start, then complete). Public client.</summary>
    DeviceCode = 0,

    /// <summary>
    /// Delegated: authorization code with state and PKCE (start returns the authorize URL, complete takes the landing URL or the
    /// code). A public client by default; a confidential (web) app when <see cref="DefenderAuthOptions.ClientSecret"/> or
    /// <see cref="DefenderAuthOptions.Certificate"/> is set, which redeems the code with it.
    /// </summary>
    AuthorizationCode = 1,

    /// <summary>App-only: client credentials with a client secret.</summary>
    ClientSecret = 2,

    /// <summary>App-only: client credentials with a certificate (PFX, PEM or the certificate store).</summary>
    ClientCertificate = 3,

    /// <summary>App-only: an Azure managed identity, system- or user-assigned.</summary>
    ManagedIdentity = 4,
}
