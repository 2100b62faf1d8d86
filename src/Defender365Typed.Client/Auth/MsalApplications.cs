using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Identity.Client.LogLevel;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using Microsoft.Identity.Client.Extensions.Msal;

namespace Defender365Typed.Client.Auth;

/// <summary>Builds the MSAL application for the configured flow, with logging, HTTP and cache wired in.</summary>
internal sealed class MsalApplications : IDisposable
{
    private readonly DefenderAuthOptions _options;
    private readonly ILogger _logger;
    private readonly MsalHttpClientFactory _http;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyCollection<string> _secrets;
    private PlainFileTokenCache? _plainFile;
    private MsalCacheHelper? _protected;
    private object? _app;

    public MsalApplications(DefenderAuthOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _http = new MsalHttpClientFactory(options.Cloud, allowLoopbackHttp: options.Flow == DefenderAuthFlow.ManagedIdentity);
        _secrets = [options.ClientSecret ?? string.Empty, options.Certificate?.PfxPassword ?? string.Empty];
    }

    public bool IsPublic => _options.Flow is DefenderAuthFlow.DeviceCode
        || (_options.Flow == DefenderAuthFlow.AuthorizationCode && !_options.IsConfidentialAuthorizationCode);

    public async Task<IPublicClientApplication> PublicAsync(CancellationToken cancellationToken) =>
        (IPublicClientApplication)await GetAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IConfidentialClientApplication> ConfidentialAsync(CancellationToken cancellationToken) =>
        (IConfidentialClientApplication)await GetAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IManagedIdentityApplication> ManagedIdentityAsync(CancellationToken cancellationToken) =>
        (IManagedIdentityApplication)await GetAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Forgets the application and its in-memory cache, and deletes a persisted cache.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is IPublicClientApplication pca)
            {
                foreach (IAccount account in await pca.GetAccountsAsync().ConfigureAwait(false))
                {
                    await pca.RemoveAsync(account).ConfigureAwait(false);
                }
            }
            else if (_app is IConfidentialClientApplication web && _options.IsConfidentialAuthorizationCode)
            {
#pragma warning disable CS0618 // one user per cache here (see DefenderAuthenticator); remove whoever signed in
                foreach (IAccount account in await web.GetAccountsAsync().ConfigureAwait(false))
#pragma warning restore CS0618
                {
                    await web.RemoveAsync(account).ConfigureAwait(false);
                }
            }

            if (_protected is not null && _app is IClientApplicationBase client)
            {
                _protected.UnregisterCache(client.UserTokenCache);
                if (_app is IConfidentialClientApplication cca)
                {
                    _protected.UnregisterCache(cca.AppTokenCache);
                }

#pragma warning disable CS0618 // Clear is the documented way to wipe the protected store
                _protected.Clear();
#pragma warning restore CS0618
            }

            _plainFile?.Delete();
            _app = null;
            _protected = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<object> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _app) is object existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _app ??= await BuildAsync().ConfigureAwait(false);
            return _app;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<object> BuildAsync()
    {
        DefenderCloud cloud = _options.Cloud;
        bool emulator = cloud.IsEmulator;
        if (_options.Flow == DefenderAuthFlow.ManagedIdentity)
        {
            ManagedIdentityId id = string.IsNullOrEmpty(_options.ManagedIdentityClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.WithUserAssignedClientId(_options.ManagedIdentityClientId);
            return ManagedIdentityApplicationBuilder.Create(id)
                .WithHttpClientFactory(_http)
                .WithLogging(OnMsalLog, LogLevel.Info, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .Build();
        }

        string tenant = Require(_options.TenantId, nameof(_options.TenantId));
        string clientId = Require(_options.ClientId, nameof(_options.ClientId));
        string authority = new Uri(cloud.LoginHost, Uri.EscapeDataString(tenant) + "/").ToString();
        ITokenCache userCache;
        ITokenCache? appCache = null;
        object app;
        if (IsPublic)
        {
            CheckRedirect(_options.RedirectUri);
            IPublicClientApplication pca = PublicClientApplicationBuilder.Create(clientId)
                .WithAuthority(authority, validateAuthority: !emulator)
                .WithInstanceDiscovery(!emulator)
                .WithRedirectUri(_options.RedirectUri.OriginalString)
                .WithHttpClientFactory(_http)
                .WithLogging(OnMsalLog, LogLevel.Info, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .WithClientName("Defender365Typed")
                .Build();
            userCache = pca.UserTokenCache;
            app = pca;
        }
        else
        {
            ConfidentialClientApplicationBuilder builder = ConfidentialClientApplicationBuilder.Create(clientId)
                .WithAuthority(authority, validateAuthority: !emulator)
                .WithInstanceDiscovery(!emulator)
                .WithHttpClientFactory(_http)
                .WithLogging(OnMsalLog, LogLevel.Info, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .WithClientName("Defender365Typed");
            if (_options.IsConfidentialAuthorizationCode)
            {
                CheckRedirect(_options.RedirectUri);
                builder = builder.WithRedirectUri(_options.RedirectUri.OriginalString);
            }

            if (_options.Flow == DefenderAuthFlow.ClientSecret || _options.ClientSecret is not null && _options.IsConfidentialAuthorizationCode)
            {
                builder = builder.WithClientSecret(Require(_options.ClientSecret, nameof(_options.ClientSecret)));
            }
            else
            {
                ClientCertificateOptions certificate = _options.Certificate
                    ?? throw new DefenderConfigurationException("DefenderAuthOptions.Certificate is required for the client certificate flow.");
                builder = builder.WithCertificate(CertificateLoader.Load(certificate), certificate.SendCertificateChain);
            }

            IConfidentialClientApplication cca = builder.Build();
            userCache = cca.UserTokenCache;
            appCache = _options.IsConfidentialAuthorizationCode ? null : cca.AppTokenCache; // a web app's sign-in is a user's
            app = cca;
        }

        await BindCacheAsync(userCache, appCache).ConfigureAwait(false);
        return app;
    }

    private async Task BindCacheAsync(ITokenCache userCache, ITokenCache? appCache)
    {
        TokenCacheOptions cache = _options.TokenCache;
        switch (cache.Mode)
        {
            case TokenCacheMode.Memory:
                return;
            case TokenCacheMode.PlainFile:
                if (!cache.AllowUnprotectedFile)
                {
                    throw new DefenderConfigurationException("TokenCacheMode.PlainFile stores refresh tokens unencrypted; set TokenCacheOptions.AllowUnprotectedFile to opt in.");
                }

                _plainFile = new PlainFileTokenCache(Require(cache.FilePath, nameof(cache.FilePath)));
                _plainFile.Bind(appCache ?? userCache);
                return;
            case TokenCacheMode.Protected:
                _protected = await ProtectedTokenCache.CreateAsync(Require(cache.FilePath, nameof(cache.FilePath))).ConfigureAwait(false);
                ProtectedTokenCache.Register(_protected, appCache ?? userCache);
                return;
            default:
                throw new DefenderConfigurationException($"Unknown token cache mode {cache.Mode}.");
        }
    }

    private static void CheckRedirect(Uri redirect)
    {
        // The redirect URI is where the browser lands, never a server this library calls; only forbid
        // a plain-HTTP redirect to a non-loopback host, which would expose the code.
        if (redirect.Scheme == Uri.UriSchemeHttp && !DefenderCloud.IsLoopback(redirect))
        {
            throw new DefenderConfigurationException("The redirect URI must be HTTPS or a loopback http://localhost address.");
        }
    }

    private void OnMsalLog(LogLevel level, string message, bool containsPii)
    {
        if (!containsPii && _logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            Log.Msal(_logger, Redaction.Scrub(message, _secrets));
        }
    }

    private static string Require(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new DefenderConfigurationException($"DefenderAuthOptions.{name} is required for this flow.") : value;

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }
}
