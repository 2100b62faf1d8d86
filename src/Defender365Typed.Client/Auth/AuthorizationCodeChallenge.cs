using System;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// An authorization code sign-in in progress: send the user to <see cref="AuthorizationUri"/> (it carries <c>state</c> and,
/// unless turned off for a confidential app, a PKCE S256 <c>code_challenge</c>), then pass what the browser landed on (the
/// redirect URI with <c>code</c> and <c>state</c>) or only the code to <see cref="CompleteAsync(string, CancellationToken)"/>.
/// </summary>
public sealed class AuthorizationCodeChallenge
{
    private readonly Func<AuthorizationResponse, CancellationToken, Task<DefenderSignIn>> _complete;

    internal AuthorizationCodeChallenge(Uri authorizationUri, Uri redirectUri, bool isConfidential, Func<AuthorizationResponse, CancellationToken, Task<DefenderSignIn>> complete)
    {
        AuthorizationUri = authorizationUri;
        RedirectUri = redirectUri;
        IsConfidential = isConfidential;
        _complete = complete;
    }

    /// <summary>The Entra ID authorize URL to open in a browser.</summary>
    public Uri AuthorizationUri { get; }

    /// <summary>The redirect URI the browser will land on.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Whether the code is redeemed by a confidential (web) app, with its client secret or certificate.</summary>
    public bool IsConfidential { get; }

    /// <summary>Redeems the code in the URL the browser landed on (<c>state</c> is checked; the PKCE verifier is sent).</summary>
    /// <param name="redirectedTo">The full redirect URI with its query string.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="DefenderAuthenticationException">The URL carries an error or no code, its state is not this sign-in's, or Entra ID refused the code.</exception>
    public Task<DefenderSignIn> CompleteAsync(Uri redirectedTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redirectedTo);
        return _complete(AuthorizationResponse.FromLandingUri(redirectedTo), cancellationToken);
    }

    /// <summary>
    /// Redeems what the user pasted: the whole URL the browser landed on, or only its code (as the seed integration asks for).
    /// Nothing is sent when the text is neither.
    /// </summary>
    /// <param name="pasted">The landing URL or the code.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="DefenderAuthenticationException">The text is not a code or landing URL, or Entra ID refused the code (the AADSTS reason is named).</exception>
    public Task<DefenderSignIn> CompleteAsync(string pasted, CancellationToken cancellationToken = default) =>
        _complete(AuthorizationResponse.Parse(pasted), cancellationToken);
}
