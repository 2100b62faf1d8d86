namespace Defender365Typed.Client.Auth;

/// <summary>Where MSAL's token cache lives between runs.</summary>
public enum TokenCacheMode
{
    /// <summary>In memory only (the default): sign in again after a restart.</summary>
    Memory = 0,

    /// <summary>
    /// Microsoft.Identity.Client.Extensions.Msal: DPAPI on Windows, the Keychain on macOS, the
    /// Secret Service (libsecret keyring) on Linux. Fails loudly where no protection is available; never
    /// falls back to plain text.
    /// </summary>
    Protected = 1,

    /// <summary>
    /// An unencrypted file readable only by its owner (0600 on Unix). Needs <see cref="TokenCacheOptions.AllowUnprotectedFile"/>:
    /// anyone who can read it as you can use the refresh tokens in it.
    /// </summary>
    PlainFile = 2,
}

/// <summary>Token cache persistence.</summary>
public sealed class TokenCacheOptions
{
    /// <summary>The mode.</summary>
    public TokenCacheMode Mode { get; set; } = TokenCacheMode.Memory;

    /// <summary>The cache file (for <see cref="TokenCacheMode.Protected"/> and <see cref="TokenCacheMode.PlainFile"/>).</summary>
    public string? FilePath { get; set; }

    /// <summary>The explicit opt-in that <see cref="TokenCacheMode.PlainFile"/> requires.</summary>
    public bool AllowUnprotectedFile { get; set; }
}
