using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Identity;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// One emulator on a real loopback socket per test, a log recorder for everything, and on dispose a
/// scan of all recorded log lines and captured exceptions for every secret and token the test used.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    public const string Graph = EmulatorDirectory.Graph;
    public const string Legacy = EmulatorDirectory.Legacy;

    private readonly ConcurrentBag<string> _secrets = [];
    private readonly ConcurrentBag<string> _exceptionTexts = [];

    private Harness(DefenderEmulator emulator, RecordingLoggerProvider logs, ILoggerFactory loggerFactory)
    {
        Emulator = emulator;
        Logs = logs;
        LoggerFactory = loggerFactory;
        ClientSecret = "sec~" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        AddSecret(ClientSecret);
    }

    public DefenderEmulator Emulator { get; }

    public RecordingLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public string ClientSecret { get; }

    public string TenantId => Emulator.Directory.TenantId;

    public DefenderCloud Cloud => DefenderCloud.Emulator(Emulator.BaseUri, Emulator.ServerCertificate);

    public static async Task<Harness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var logs = new RecordingLoggerProvider();
        ILoggerFactory factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = new EmulatorOptions { LoggerProvider = logs };
        configure?.Invoke(options);
        DefenderEmulator emulator = await DefenderEmulator.StartAsync(options);
        return new Harness(emulator, logs, factory);
    }

    public void AddSecret(string secret) => _secrets.Add(secret);

    /// <summary>Records an exception's full text for the secret scan and returns it.</summary>
    public T Captured<T>(T exception)
        where T : Exception
    {
        _exceptionTexts.Add(exception.ToString());
        _exceptionTexts.Add(exception.Message);
        return exception;
    }

    public async Task<T> ThrowsAsync<T>(Func<Task> action)
        where T : Exception => Captured(await Assert.ThrowsAsync<T>(action));

    /// <summary>An app with a secret and all application permissions on both APIs unless others are given.</summary>
    public EmulatedApp SecretApp(string clientId = "app-secret", params string[] graphRoles)
    {
        EmulatedApp app = Emulator.Directory.AddApp(clientId);
        app.ClientSecret = ClientSecret;
        app.GrantApplication(Graph, graphRoles.Length > 0 ? graphRoles : ["ThreatHunting.Read.All", "SecurityIncident.ReadWrite.All"]);
        app.GrantApplication(Legacy, "AdvancedHunting.Read.All", "Incident.ReadWrite.All");
        return app;
    }

    /// <summary>A public client app with delegated permissions on both APIs.</summary>
    public EmulatedApp PublicApp(string clientId = "app-public", bool consented = true)
    {
        EmulatedApp app = Emulator.Directory.AddApp(clientId);
        app.RedirectUris.Add("http://localhost");
        if (consented)
        {
            app.GrantDelegated(Graph, "ThreatHunting.Read.All", "SecurityIncident.ReadWrite.All");
            app.GrantDelegated(Legacy, "AdvancedHunting.Read", "Incident.ReadWrite");
        }

        return app;
    }

    public DefenderAuthOptions AuthOptions(DefenderAuthFlow flow, string clientId) => new()
    {
        Cloud = Cloud,
        Flow = flow,
        TenantId = TenantId,
        ClientId = clientId,
        ClientSecret = flow == DefenderAuthFlow.ClientSecret ? ClientSecret : null,
    };

    public DefenderAuthenticator Authenticator(DefenderAuthOptions options) => new(options, LoggerFactory);

    public DefenderAuthenticator SecretAuthenticator(string clientId = "app-secret") =>
        Authenticator(AuthOptions(DefenderAuthFlow.ClientSecret, clientId));

    public DefenderClientOptions ClientOptions(Action<DefenderClientOptions>? configure = null)
    {
        var options = new DefenderClientOptions { Cloud = Cloud };
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(20);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(5);
        options.Resilience.IncidentAttemptTimeout = TimeSpan.FromSeconds(5);
        options.Resilience.HuntingAttemptTimeout = TimeSpan.FromSeconds(10);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        configure?.Invoke(options);
        return options;
    }

    public DefenderClient Client(IDefenderTokenProvider tokens, Action<DefenderClientOptions>? configure = null) =>
        DefenderClient.Create(ClientOptions(configure), tokens, LoggerFactory);

    /// <summary>Client credentials (secret) and a client, the common case.</summary>
    public (DefenderClient Client, DefenderAuthenticator Auth) SecretClient(Action<DefenderClientOptions>? configure = null)
    {
        SecretApp();
        DefenderAuthenticator auth = SecretAuthenticator();
        return (Client(auth, configure), auth);
    }

    /// <summary>An HttpClient that trusts only the emulator's certificate and does not follow redirects (the "browser").</summary>
    public HttpClient Browser()
    {
        byte[] pinned = Emulator.ServerCertificate.GetCertHash(HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned);
        return new HttpClient(handler);
    }

    /// <summary>Every secret and token of this test that must never be logged or shown.</summary>
    public IReadOnlyCollection<string> AllSecrets() =>
        [.. _secrets, .. Emulator.Tokens.IssuedSecrets, Emulator.ManagedIdentity.Header];

    public void AssertNoSecretLeaked()
    {
        IReadOnlyCollection<string> lines = Logs.Lines;
        Assert.NotEmpty(lines); // the scan is only meaningful if logging was on
        foreach (string secret in AllSecrets().Where(s => s.Length >= 8))
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(_exceptionTexts, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            AssertNoSecretLeaked();
        }
        finally
        {
            LoggerFactory.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}

/// <summary>Base for tests that need a fresh emulator each.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected Harness H { get; private set; } = null!;

    public async Task InitializeAsync() => H = await Harness.StartAsync();

    public async Task DisposeAsync() => await H.DisposeAsync();
}
