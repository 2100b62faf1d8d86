using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
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
        Replace(new PendingSignIn(token, polling, null, null));

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
        return pending.Token is { } token
            ? FinishAsync(token, cancellationToken)
            : throw new InvalidOperationException("No device code sign-in is pending; call StartDeviceCodeAsync first.");
    }

    /// <summary>
    /// Starts an authorization code sign-in: returns the authorize URL (with state and a PKCE challenge) for the user's
    /// browser. A public client lets MSAL keep the verifier; a confidential (web) app keeps state and verifier here and
    /// redeems the code with its client secret or certificate.
    /// </summary>
    public async Task<AuthorizationCodeChallenge> StartAuthorizationCodeAsync(CancellationToken cancellationToken = default)
    {
        RequireFlow(DefenderAuthFlow.AuthorizationCode);
        if (_options.IsConfidentialAuthorizationCode)
        {
            return await StartConfidentialAuthorizationCodeAsync(cancellationToken).ConfigureAwait(false);
        }

        IPublicClientApplication app = await _apps.PublicAsync(cancellationToken).ConfigureAwait(false);
        var bridge = new WebUiBridge();
        var polling = new CancellationTokenSource();
        Task<AuthenticationResult> token = app.AcquireTokenInteractive([Scope(_options.SignInApi)])
            .WithCustomWebUi(bridge)
            .WithPrompt(Prompt.SelectAccount)
            .ExecuteAsync(polling.Token);
        Replace(new PendingSignIn(token, polling, bridge, null));

        Task first = await Task.WhenAny(bridge.AuthorizationRequested.Task, token).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == token && !bridge.AuthorizationRequested.Task.IsCompleted)
        {
            await FinishAsync(token, cancellationToken).ConfigureAwait(false);
        }

        (Uri authorize, Uri redirect) = await bridge.AuthorizationRequested.Task.ConfigureAwait(false);
        return new AuthorizationCodeChallenge(authorize, redirect, isConfidential: false, CompleteAuthorizationCodeAsync);
    }

    /// <summary>Completes the pending authorization code sign-in with the URI the browser was redirected to.</summary>
    public Task<DefenderSignIn> CompleteAuthorizationCodeAsync(Uri redirectedTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redirectedTo);
        return CompleteAuthorizationCodeAsync(AuthorizationResponse.FromLandingUri(redirectedTo), cancellationToken);
    }

    /// <summary>Completes the pending authorization code sign-in with what the user pasted: the landing URL or only the code.</summary>
    public Task<DefenderSignIn> CompleteAuthorizationCodeAsync(string pasted, CancellationToken cancellationToken = default) =>
        CompleteAuthorizationCodeAsync(AuthorizationResponse.Parse(pasted), cancellationToken);

    private Task<DefenderSignIn> CompleteAuthorizationCodeAsync(AuthorizationResponse response, CancellationToken cancellationToken)
    {
        PendingSignIn pending = Pending();
        if (pending.Code is ConfidentialCode web)
        {
            return RedeemConfidentialAsync(pending, web, response, cancellationToken);
        }

        if (pending.Bridge is null)
        {
            throw new InvalidOperationException("No authorization code sign-in is pending; call StartAuthorizationCodeAsync first.");
        }

        // MSAL checks state and errors on a landing URL; a bare code is handed over with the state it expects.
        pending.Bridge.Complete(response.LandingUri ?? pending.Bridge.LandingUriFor(response.Code!));
        return FinishAsync(pending.Token!, cancellationToken);
    }

    private async Task<AuthorizationCodeChallenge> StartConfidentialAuthorizationCodeAsync(CancellationToken cancellationToken)
    {
        IConfidentialClientApplication app = await _apps.ConfidentialAsync(cancellationToken).ConfigureAwait(false);
        string state = ConfidentialCode.NewState();
        string? verifier = null;
        GetAuthorizationRequestUrlParameterBuilder builder = app.GetAuthorizationRequestUrl([Scope(_options.SignInApi)])
            .WithPrompt(Prompt.SelectAccount)
            .WithExtraQueryParameters(new Dictionary<string, (string, bool)> { ["state"] = (state, false) });
        if (_options.AuthorizationCodePkce)
        {
            builder = builder.WithPkce(out verifier);
        }

        Uri authorize;
        try
        {
            authorize = await builder.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MsalException ex)
        {
            throw Fail(ex, _options.SignInApi);
        }

        Replace(new PendingSignIn(null, null, null, new ConfidentialCode(state, verifier)));
        return new AuthorizationCodeChallenge(authorize, _options.RedirectUri, isConfidential: true, CompleteAuthorizationCodeAsync);
    }

    private async Task<DefenderSignIn> RedeemConfidentialAsync(PendingSignIn pending, ConfidentialCode web, AuthorizationResponse response, CancellationToken cancellationToken)
    {
        DefenderApi api = _options.SignInApi;
        if (response.Error is string error)
        {
            Replace(null);
            throw AadstsErrors.FromAuthorizeRedirect(error, response.ErrorDescription, api, _options.Flow);
        }

        if (response.State is not null && !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(response.State), System.Text.Encoding.ASCII.GetBytes(web.State)))
        {
            // Not cleared: the pending sign-in stays usable with the right URL.
            throw new DefenderAuthenticationException(
                "The pasted URL belongs to another sign-in (its state does not match this one): paste the URL from the browser window this sign-in opened.",
                AuthFailureKind.InvalidAuthorizationCode, null, "state_mismatch", null, null);
        }

        IConfidentialClientApplication app = await _apps.ConfidentialAsync(cancellationToken).ConfigureAwait(false);
        AcquireTokenByAuthorizationCodeParameterBuilder redeem = app.AcquireTokenByAuthorizationCode([Scope(api)], response.Code);
        if (web.Verifier is not null)
        {
            redeem = redeem.WithPkceCodeVerifier(web.Verifier);
        }

        try
        {
            AuthenticationResult result = await redeem.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            Log.TokenAcquired(_logger, api, _options.Flow, result.AuthenticationResultMetadata.TokenSource.ToString(), result.ExpiresOn);
            return ToSignIn(result, api);
        }
        catch (MsalException ex)
        {
            DefenderAuthenticationException mapped = AadstsErrors.Map(ex, api, _options.Flow, redeemingCode: true);
            Log.TokenFailed(_logger, api, _options.Flow, mapped.Kind, mapped.AadstsCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? mapped.ErrorCode ?? "-");
            throw mapped;
        }
        finally
        {
            ReplaceIf(pending, null); // a code is redeemed once, whatever the answer
        }
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
                case DefenderAuthFlow.AuthorizationCode when _options.IsConfidentialAuthorizationCode:
                    IConfidentialClientApplication web = await _apps.ConfidentialAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CS0618 // GetAccountsAsync is discouraged for multi-user web apps; this cache holds the one user who signed in here
                    IAccount webAccount = (await web.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault() ?? throw NotSignedIn();
#pragma warning restore CS0618
                    result = await web.AcquireTokenSilent([scope], webAccount)
                        .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    break;
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
                    IAccount account = (await pca.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault() ?? throw NotSignedIn();
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

    private DefenderAuthenticationException NotSignedIn() =>
        new($"Not signed in: run the {_options.Flow} sign-in (start, then complete) first.", AuthFailureKind.SignInRequired, null, "no_account", null, null);

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

    private void ReplaceIf(PendingSignIn expected, PendingSignIn? next)
    {
        lock (_pendingGate)
        {
            if (!ReferenceEquals(_pending, expected))
            {
                return;
            }

            _pending = next;
        }

        expected.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Replace(null);
        _apps.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"DefenderAuthenticator({_options})";

    /// <summary>A sign-in between start and complete: MSAL's interactive task (public), or the state and verifier of a web app's code.</summary>
    private sealed record PendingSignIn(Task<AuthenticationResult>? Token, CancellationTokenSource? Polling, WebUiBridge? Bridge, ConfidentialCode? Code)
    {
        public void Cancel()
        {
            Bridge?.Cancel();
            Polling?.Cancel();
            if (Token is not null && Polling is not null)
            {
                _ = Token.ContinueWith(_ => Polling.Dispose(), TaskScheduler.Default);
            }
        }
    }

    /// <summary>What a confidential authorization code sign-in keeps between start and complete (never logged).</summary>
    private sealed record ConfidentialCode(string State, string? Verifier)
    {
        public static string NewState() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public override string ToString() => "ConfidentialCode(redacted)";
    }
}
