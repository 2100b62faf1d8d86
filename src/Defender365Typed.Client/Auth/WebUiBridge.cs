using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client.Extensibility;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// Lets MSAL run its interactive flow (state, PKCE, code exchange) in two steps: MSAL hands over the
/// authorize URL, the caller shows it, and later hands back the redirect URI.
/// </summary>
internal sealed class WebUiBridge : ICustomWebUi
{
    private readonly TaskCompletionSource<Uri> _redirect = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<(Uri Authorize, Uri Redirect)> AuthorizationRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<Uri> AcquireAuthorizationCodeAsync(Uri authorizationUri, Uri redirectUri, CancellationToken cancellationToken)
    {
        AuthorizationRequested.TrySetResult((authorizationUri, redirectUri));
        return await _redirect.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Complete(Uri redirectedTo) => _redirect.TrySetResult(redirectedTo);

    /// <summary>The landing URL for a code pasted on its own: the redirect URI with the code and the state MSAL sent.</summary>
    public Uri LandingUriFor(string code)
    {
        (Uri authorize, Uri redirect) = AuthorizationRequested.Task.Result; // set before a challenge exists
        string? state = null;
        foreach (string part in authorize.Query.TrimStart('?').Split('&'))
        {
            if (part.StartsWith("state=", StringComparison.Ordinal))
            {
                state = Uri.UnescapeDataString(part["state=".Length..]);
            }
        }

        string separator = redirect.Query.Length > 0 ? "&" : "?";
        return new Uri($"{redirect}{separator}code={Uri.EscapeDataString(code)}" + (state is null ? string.Empty : "&state=" + Uri.EscapeDataString(state)));
    }

    public void Cancel() => _redirect.TrySetCanceled();
}
