namespace Defender365Typed.Client.Auth;

/// <summary>Why sign-in or a token request failed, in terms of what to do about it.</summary>
public enum AuthFailureKind
{
    /// <summary>Not classified; read the message.</summary>
    Other = 0,

    /// <summary>The grant expired or was revoked (password change, inactivity, reset): sign in again.</summary>
    SignInRequired,

    /// <summary>Admin consent is missing for a permission: grant it in the app registration.</summary>
    ConsentRequired,

    /// <summary>The client secret or certificate is wrong or expired.</summary>
    InvalidClientCredential,

    /// <summary>The app (client ID) does not exist in the tenant.</summary>
    UnknownApplication,

    /// <summary>The tenant does not exist.</summary>
    UnknownTenant,

    /// <summary>The redirect URI is not registered for the app.</summary>
    RedirectUriMismatch,

    /// <summary>The user declined, or the device code or authorization was refused.</summary>
    Declined,

    /// <summary>The device code expired before the user finished.</summary>
    CodeExpired,

    /// <summary>Multi-factor authentication or a Conditional Access policy blocks the sign-in.</summary>
    PolicyBlocked,

    /// <summary>The API rejected the access token (expired or wrong audience) even after a refresh.</summary>
    TokenRejected,

    /// <summary>The managed identity endpoint is unavailable or not configured on this host.</summary>
    ManagedIdentityUnavailable,

    /// <summary>Entra ID could not be reached or failed.</summary>
    ServiceUnavailable,

    /// <summary>
    /// The authorization code, or the URL pasted for it, is malformed, expired, already redeemed or from another sign-in: open the
    /// authorize URL again.
    /// </summary>
    InvalidAuthorizationCode,
}
