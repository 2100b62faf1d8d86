using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Identity;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Emulation;

/// <summary>
/// An in-process Defender emulator on loopback with the command line's app registered, device codes approved
/// automatically, and the content of an <see cref="IEmulatorDataSource"/>. One signed-in authenticator is shared
/// by the commands that run against it.
/// </summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    /// <summary>The client ID of the command line's app in the emulator's directory.</summary>
    public const string ClientId = "defender365-cli";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DefenderAuthenticator? _signedIn;

    private EmulatorSession(DefenderEmulator emulator, IEmulatorDataSource data)
    {
        Emulator = emulator;
        Data = data;
        Cloud = DefenderCloud.Emulator(emulator.BaseUri, emulator.ServerCertificate);
    }

    public DefenderEmulator Emulator { get; }

    public IEmulatorDataSource Data { get; }

    public DefenderCloud Cloud { get; }

    public string TenantId => Emulator.Directory.TenantId;

    /// <param name="data">What the emulator holds; null: <see cref="EmulatorDataSources.CreateDefault"/>.</param>
    /// <param name="schema">The tenant schema it serves (<see cref="EmulatorOptions.HuntingSchema"/>); null: the documented one.</param>
    /// <param name="limits">The service limits it enforces on hunting (<see cref="EmulatorOptions.HuntingLimits"/>); null: none.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<EmulatorSession> StartAsync(IEmulatorDataSource? data = null, HuntingSchemaDocument? schema = null, EmulatorHuntingLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        data ??= EmulatorDataSources.CreateDefault();
        DefenderEmulator emulator = await DefenderEmulator.StartAsync(new EmulatorOptions { HuntingSchema = schema, HuntingLimits = limits }, cancellationToken);
        try
        {
            emulator.Entra.AutoApproveDeviceCodes = true;
            EmulatedApp app = emulator.Directory.AddApp(ClientId);
            app.RedirectUris.Add("http://localhost");
            app.GrantDelegated(EmulatorDirectory.Graph, "ThreatHunting.Read.All", "SecurityIncident.ReadWrite.All", "SecurityAlert.ReadWrite.All");
            app.GrantDelegated(EmulatorDirectory.Legacy, "AdvancedHunting.Read", "Incident.ReadWrite");
            data.Fill(emulator);
            return new EmulatorSession(emulator, data);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sign-in settings for the emulator (in-memory token cache).</summary>
    public DefenderAuthOptions AuthOptions(DefenderAuthFlow flow = DefenderAuthFlow.DeviceCode) => new()
    {
        Cloud = Cloud,
        Flow = flow,
        TenantId = TenantId,
        ClientId = ClientId,
    };

    /// <summary>The Web-platform redirect URI of the confidential app that <see cref="AcceptClientSecret"/> registers.</summary>
    public static Uri WebRedirectUri { get; } = new("https://localhost/defender365/callback");

    /// <summary>
    /// Lets the confidential app sign in with a client secret (the emulator accepts the one given): app-only, or the
    /// authorization code flow through <see cref="WebRedirectUri"/>.
    /// </summary>
    public void AcceptClientSecret(string secret)
    {
        EmulatedApp app = Emulator.Directory.AddApp(ClientId + "-app");
        app.ClientSecret = secret;
        app.WebRedirectUris.Add(WebRedirectUri.OriginalString);
        app.GrantDelegated(EmulatorDirectory.Graph, "ThreatHunting.Read.All", "SecurityIncident.ReadWrite.All", "SecurityAlert.ReadWrite.All");
        app.GrantDelegated(EmulatorDirectory.Legacy, "AdvancedHunting.Read", "Incident.ReadWrite");
        app.GrantApplication(EmulatorDirectory.Graph, "ThreatHunting.Read.All", "SecurityIncident.ReadWrite.All", "SecurityAlert.ReadWrite.All");
        app.GrantApplication(EmulatorDirectory.Legacy, "AdvancedHunting.Read.All", "Incident.ReadWrite.All");
    }

    /// <summary>The client ID of the app that <see cref="AcceptClientSecret"/> registers.</summary>
    public static string ConfidentialClientId => ClientId + "-app";

    /// <summary>Client settings with short retry delays (the emulator is local).</summary>
    public DefenderClientOptions ClientOptions()
    {
        var options = new DefenderClientOptions { Cloud = Cloud };
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(50);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Resilience.MaxRetryAttempts = 2;
        return options;
    }

    /// <summary>
    /// The shared authenticator, signed in with a device code that the emulator approves on its first poll.
    /// <paramref name="progress"/> receives the device code instructions the first time.
    /// </summary>
    public async Task<DefenderAuthenticator> SignedInAsync(TextWriter? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_signedIn is null)
            {
                var auth = new DefenderAuthenticator(AuthOptions());
                try
                {
                    DeviceCodeChallenge challenge = await auth.StartDeviceCodeAsync(cancellationToken);
                    progress?.WriteLine(challenge.Message);
                    progress?.WriteLine("(the emulator approves the code automatically)");
                    await challenge.CompleteAsync(cancellationToken);
                }
                catch
                {
                    auth.Dispose();
                    throw;
                }

                _signedIn = auth;
            }

            return _signedIn;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _signedIn?.Dispose();
        _gate.Dispose();
        await Emulator.DisposeAsync();
    }
}
