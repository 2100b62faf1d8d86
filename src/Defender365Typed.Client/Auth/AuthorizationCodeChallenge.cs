using System;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// An authorization code sign-in in progress: send the user to <see cref="AuthorizationUri"/> (it
/// carries <c>state</c> and a PKCE S256 <c>code_challenge</c>), then pass the URI the browser was
/// redirected to (with <c>code</c> and <c>state</c>) to <see cref="CompleteAsync"/>.
/// </summary>
public sealed class AuthorizationCodeChallenge
{
    private readonly Func<Uri, CancellationToken, Task<DefenderSignIn>> _complete;

    internal AuthorizationCodeChallenge(Uri authorizationUri, Uri redirectUri, Func<Uri, CancellationToken, Task<DefenderSignIn>> complete)
    {
        AuthorizationUri = authorizationUri;
        RedirectUri = redirectUri;
        _complete = complete;
    }

    /// <summary>The Entra ID authorize URL to open in a browser.</summary>
    public Uri AuthorizationUri { get; }

    /// <summary>The redirect URI the browser will land on.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Exchanges the code (MSAL checks <c>state</c> and sends the PKCE verifier).</summary>
    /// <param name="redirectedTo">The full redirect URI with its query string.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public Task<DefenderSignIn> CompleteAsync(Uri redirectedTo, CancellationToken cancellationToken = default) => _complete(redirectedTo, cancellationToken);
}
