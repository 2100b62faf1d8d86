using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensibility;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// Signs in with MSAL and hands out access tokens: device code and authorization code (start, then
/// complete), client credentials with a secret or a certificate, managed identity; silent refresh
/// from the cache; test and reset. Mirrors the XSOAR integration's auth-start / auth-complete /
/// auth-test / auth-reset commands.
/// </summary>
public sealed class DefenderAuthenticator : IDefenderTokenProvider, IDisposable
{
    private readonly DefenderAuthOptions _options;
    private readonly ILogger _logger;
    private readonly MsalApplications _apps;
    private readonly object _pendingGate = new();
    private PendingSignIn? _pending;

    /// <summary>Creates an authenticator. Nothing is sent until a method is called.</summary>
    public DefenderAuthenticator(DefenderAuthOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Defender365Typed.Client.Auth");
        _apps = new MsalApplications(options, _logger);
    }

    /// <summary>The flow configured.</summary>
    public DefenderAuthFlow Flow => _options.Flow;

    /// <summary>
    /// Starts a device code sign-in (auth-start): returns the user code, verification URL and expiry at
    /// once, while MSAL polls in the background until the user finishes.
    /// </summary>
    public async Task<DeviceCodeChallenge> StartDeviceCodeAsync(CancellationToken cancellationToken = default)
    {
        RequireFlow(DefenderAuthFlow.DeviceCode);
        IPublicClientApplication app = await _apps.PublicAsync(cancellationToken).ConfigureAwait(false);
        var shown = new TaskCompletionSource<DeviceCodeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var polling = new CancellationTokenSource();
        Task<AuthenticationResult> token = app
            .AcquireTokenWithDeviceCode([Scope(_options.SignInApi)], result =>
            {
                shown.TrySetResult(result);
                return Task.CompletedTask;
            })
            .ExecuteAsync(polling.Token);
        Replace(new PendingSignIn(token, polling, null));

        Task first = await Task.WhenAny(shown.Task, token).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == token && !shown.Task.IsCompleted)
        {
            await FinishAsync(token, cancellationToken).ConfigureAwait(false); // throws the mapped failure
        }

        DeviceCodeResult code = await shown.Task.ConfigureAwait(false);
        Log.DeviceCodeStarted(_logger, code.ExpiresOn);
        return new DeviceCodeChallenge(code.UserCode, new Uri(code.VerificationUrl), code.ExpiresOn, code.Message,
            ct => FinishAsync(token, ct));
    }

    /// <summary>Waits for the pending device code sign-in (auth-complete).</summary>
    public Task<DefenderSignIn> CompleteDeviceCodeAsync(CancellationToken cancellationToken = default)
    {
        PendingSignIn pending = Pending();
        return FinishAsync(pending.Token, cancellationToken);
    }

    /// <summary>
    /// Starts an authorization code sign-in: returns the authorize URL (with state and a PKCE
    /// challenge) for the user's browser; MSAL keeps the verifier.
    /// </summary>
    public async Task<AuthorizationCodeChallenge> StartAuthorizationCodeAsync(CancellationToken cancellationToken = default)
    {
        RequireFlow(DefenderAuthFlow.AuthorizationCode);
        IPublicClientApplication app = await _apps.PublicAsync(cancellationToken).ConfigureAwait(false);
        var bridge = new WebUiBridge();
        var polling = new CancellationTokenSource();
        Task<AuthenticationResult> token = app.AcquireTokenInteractive([Scope(_options.SignInApi)])
            .WithCustomWebUi(bridge)
            .WithPrompt(Prompt.SelectAccount)
            .ExecuteAsync(polling.Token);
        Replace(new PendingSignIn(token, polling, bridge));

        Task first = await Task.WhenAny(bridge.AuthorizationRequested.Task, token).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == token && !bridge.AuthorizationRequested.Task.IsCompleted)
        {
            await FinishAsync(token, cancellationToken).ConfigureAwait(false);
        }

        (Uri authorize, Uri redirect) = await bridge.AuthorizationRequested.Task.ConfigureAwait(false);
        return new AuthorizationCodeChallenge(authorize, redirect, (redirectedTo, ct) => CompleteAuthorizationCodeAsync(redirectedTo, ct));
    }

    /// <summary>Completes the pending authorization code sign-in with the URI the browser was redirected to.</summary>
    public Task<DefenderSignIn> CompleteAuthorizationCodeAsync(Uri redirectedTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redirectedTo);
        PendingSignIn pending = Pending();
        if (pending.Bridge is null)
        {
            throw new InvalidOperationException("No authorization code sign-in is pending; call StartAuthorizationCodeAsync first.");
        }

        pending.Bridge.Complete(redirectedTo);
        return FinishAsync(pending.Token, cancellationToken);
    }

    /// <summary>Gets a token for <paramref name="api"/> and reports who and until when (auth-test). Sends nothing to the Defender APIs.</summary>
    public async Task<DefenderSignIn> TestAsync(DefenderApi api = DefenderApi.Graph, CancellationToken cancellationToken = default)
    {
        AuthenticationResult result = await AcquireAsync(api, forceRefresh: false, cancellationToken).ConfigureAwait(false);
        return ToSignIn(result, api);
    }

    /// <summary>Forgets every cached token and account, deletes a persisted cache and cancels a pending sign-in (auth-reset).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        Replace(null);
        await _apps.ResetAsync(cancellationToken).ConfigureAwait(false);
        Log.Reset(_logger);
    }

    /// <inheritdoc/>
    public async ValueTask<DefenderAccessToken> GetTokenAsync(DefenderApi api, bool forceRefresh, CancellationToken cancellationToken)
    {
        AuthenticationResult result = await AcquireAsync(api, forceRefresh, cancellationToken).ConfigureAwait(false);
        return new DefenderAccessToken(result.AccessToken, result.ExpiresOn);
    }

    private async Task<AuthenticationResult> AcquireAsync(DefenderApi api, bool forceRefresh, CancellationToken cancellationToken)
    {
        string scope = Scope(api);
        try
        {
            AuthenticationResult result;
            switch (_options.Flow)
            {
                case DefenderAuthFlow.ManagedIdentity:
                    IManagedIdentityApplication mi = await _apps.ManagedIdentityAsync(cancellationToken).ConfigureAwait(false);
                    result = await mi.AcquireTokenForManagedIdentity(scope[..^"/.default".Length])
                        .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case DefenderAuthFlow.ClientSecret or DefenderAuthFlow.ClientCertificate:
                    IConfidentialClientApplication cca = await _apps.ConfidentialAsync(cancellationToken).ConfigureAwait(false);
                    result = await cca.AcquireTokenForClient([scope])
                        .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    IPublicClientApplication pca = await _apps.PublicAsync(cancellationToken).ConfigureAwait(false);
                    IAccount account = (await pca.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault()
                        ?? throw new DefenderAuthenticationException(
                            $"Not signed in: run the {_options.Flow} sign-in (start, then complete) first.", AuthFailureKind.SignInRequired, null, "no_account", null, null);
                    result = await pca.AcquireTokenSilent([scope], account)
                        .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }

            Log.TokenAcquired(_logger, api, _options.Flow, result.AuthenticationResultMetadata.TokenSource.ToString(), result.ExpiresOn);
            return result;
        }
        catch (MsalException ex)
        {
            throw Fail(ex, api);
        }
        catch (System.Net.Http.HttpRequestException ex)
        {
            Log.TokenFailed(_logger, api, _options.Flow, AuthFailureKind.ServiceUnavailable, ex.HttpRequestError.ToString());
            throw new DefenderAuthenticationException(
                $"Entra ID could not be reached for the {api} API ({ex.HttpRequestError}); check the network, the cloud and its TLS certificate.",
                AuthFailureKind.ServiceUnavailable, null, ex.HttpRequestError.ToString(), null, ex);
        }
    }

    private async Task<DefenderSignIn> FinishAsync(Task<AuthenticationResult> token, CancellationToken cancellationToken)
    {
        try
        {
            AuthenticationResult result = await token.WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.TokenAcquired(_logger, _options.SignInApi, _options.Flow, result.AuthenticationResultMetadata.TokenSource.ToString(), result.ExpiresOn);
            return ToSignIn(result, _options.SignInApi);
        }
        catch (MsalException ex)
        {
            throw Fail(ex, _options.SignInApi);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DefenderAuthenticationException("The sign-in was cancelled (reset, or a new sign-in was started).", AuthFailureKind.Declined, null, "cancelled", null, null);
        }
    }

    private DefenderAuthenticationException Fail(MsalException ex, DefenderApi api)
    {
        DefenderAuthenticationException mapped = AadstsErrors.Map(ex, api, _options.Flow);
        Log.TokenFailed(_logger, api, _options.Flow, mapped.Kind, mapped.AadstsCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? mapped.ErrorCode ?? "-");
        return mapped;
    }

    private DefenderSignIn ToSignIn(AuthenticationResult result, DefenderApi api) =>
        new(_options.Flow, api, result.Account?.Username, result.TenantId, result.ExpiresOn);

    private string Scope(DefenderApi api) => _options.Cloud.ScopeFor(api);

    private void RequireFlow(DefenderAuthFlow flow)
    {
        if (_options.Flow != flow)
        {
            throw new InvalidOperationException($"This authenticator is configured for {_options.Flow}, not {flow}.");
        }
    }

    private PendingSignIn Pending()
    {
        lock (_pendingGate)
        {
            return _pending ?? throw new InvalidOperationException("No sign-in is pending; start one first.");
        }
    }

    private void Replace(PendingSignIn? next)
    {
        PendingSignIn? previous;
        lock (_pendingGate)
        {
            previous = _pending;
            _pending = next;
        }

        previous?.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Replace(null);
        _apps.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"DefenderAuthenticator({_options})";

    private sealed record PendingSignIn(Task<AuthenticationResult> Token, CancellationTokenSource Polling, WebUiBridge? Bridge)
    {
        public void Cancel()
        {
            Bridge?.Cancel();
            Polling.Cancel();
            _ = Token.ContinueWith(_ => Polling.Dispose(), TaskScheduler.Default);
        }
    }
}
