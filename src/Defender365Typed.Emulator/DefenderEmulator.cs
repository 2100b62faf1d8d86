using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;
using Defender365Typed.Emulator.Identity;
using Defender365Typed.KqlFrontEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Emulator;

/// <summary>
/// A loopback emulator of Entra ID and the Defender XDR APIs on real sockets: Kestrel on 127.0.0.1
/// with a free port, HTTPS with a fresh self-signed certificate (<see cref="ServerCertificate"/>,
/// which clients pin), plus a plain-HTTP port for the App Service managed identity endpoint.
/// </summary>
public sealed class DefenderEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private Uri _baseUri = new("https://127.0.0.1/");

    private DefenderEmulator(EmulatorOptions options, WebApplication app, X509Certificate2 certificate, IReadOnlyDictionary<string, KqlEngine.KqlStoredFunction>? storedFunctions)
    {
        _app = app;
        _certificate = certificate;
        ServerCertificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        Directory = new EmulatorDirectory(options.TenantId);
        Tokens = new TokenIssuer(() => new Uri(_baseUri, options.TenantId + "/v2.0").ToString(), options.Time);
        Entra = new EntraEmulator(Directory, Tokens, options.Time, () => _baseUri);
        ManagedIdentity = new ManagedIdentityEmulator(Directory, Tokens, options.Time);
        Hunting = new HuntingEmulator
        {
            Schema = options.HuntingSchema,
            StoredFunctions = storedFunctions,
            Limits = options.HuntingLimits is { } limits ? new HuntingLimits(options.TenantId, limits, options.Time) : null,
            Time = options.Time,
        };
        HuntingSchema = options.HuntingSchema ?? KqlEngine.HuntingSchema.Document;
        LiveIncidents = options.LiveIncidents is { } live ? new LiveIncidentFeed(Incidents, options.Time, live) : null;
    }

    /// <summary>The HTTPS base address, e.g. <c>https://127.0.0.1:54321/</c>: the login authority host and both API hosts.</summary>
    public Uri BaseUri => _baseUri;

    /// <summary>The HTTPS port chosen.</summary>
    public int Port => _baseUri.Port;

    /// <summary>The App Service managed identity endpoint (plain HTTP on loopback): set <c>IDENTITY_ENDPOINT</c> to it.</summary>
    public Uri ManagedIdentityEndpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The TLS certificate (public part only) that clients pin.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>Apps, users and managed identities.</summary>
    public EmulatorDirectory Directory { get; }

    /// <summary>Token issuance, expiry and the list of secrets handed out.</summary>
    public TokenIssuer Tokens { get; }

    /// <summary>The Entra ID endpoints and their controls (device code approval, refresh token revocation).</summary>
    public EntraEmulator Entra { get; }

    /// <summary>The managed identity endpoint and its header secret.</summary>
    public ManagedIdentityEmulator ManagedIdentity { get; }

    /// <summary>The incidents both APIs serve.</summary>
    public IncidentStore Incidents { get; } = new();

    /// <summary>The live incidents (<see cref="EmulatorOptions.LiveIncidents"/>), caught up before each request; null when off.</summary>
    public LiveIncidentFeed? LiveIncidents { get; }

    /// <summary>Scripted hunting answers and the queries received.</summary>
    public HuntingEmulator Hunting { get; }

    /// <summary>What <c>GET /beta/security/getHuntingSchema</c> serves: <see cref="EmulatorOptions.HuntingSchema"/>, or the documented schema.</summary>
    public HuntingSchemaDocument HuntingSchema { get; }

    /// <summary>Fault injection.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Every request served.</summary>
    public RequestJournal Journal { get; } = new();

    /// <summary>Starts an emulator and returns once it listens.</summary>
    public static async Task<DefenderEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var storedFunctions = HuntingEmulator.StoredFunctionsOf(options); // bad options fail before anything is built
        X509Certificate2 certificate = EmulatorCertificate.Create();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DefenderEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        if (options.LoggerProvider is not null)
        {
            builder.Logging.AddProvider(options.LoggerProvider);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        WebApplication app = builder.Build();
        var emulator = new DefenderEmulator(options, app, certificate, storedFunctions);
        emulator.Map(app, options.Time);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Uri https = new(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));
        Uri http = new(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        emulator._baseUri = new Uri($"https://127.0.0.1:{https.Port}/");
        emulator.ManagedIdentityEndpoint = new Uri($"http://127.0.0.1:{http.Port}/msi/token");
        return emulator;
    }

    private void Map(WebApplication app, TimeProvider time)
    {
        var auth = new ApiAuthorization(Tokens);
        var incidents = new IncidentEndpoints(Incidents, auth, Directory, time, () => _baseUri);
        var alerts = new AlertEndpoints(Incidents, auth, Directory, time, () => _baseUri);
        app.Use(async (context, next) =>
        {
            bool miPath = context.Request.Path.StartsWithSegments("/msi", StringComparison.Ordinal);
            if (context.Request.IsHttps == miPath)
            {
                context.Response.StatusCode = 404; // HTTPS for everything except the managed identity endpoint
                return;
            }

            // Journaled as the response starts, before the client can see it (a test that asserts on the journal right
            // after a call returns must find it there); a response that never starts is journaled when the request ends.
            int journaled = 0;
            void Record()
            {
                if (Interlocked.Exchange(ref journaled, 1) == 0)
                {
                    Journal.Add(new JournalEntry(context.Request.Method, context.Request.Path.Value ?? string.Empty,
                        Uri.UnescapeDataString(context.Request.QueryString.Value ?? string.Empty), context.Response.StatusCode));
                }
            }

            context.Response.OnStarting(() =>
            {
                Record();
                return Task.CompletedTask;
            });
            try
            {
                LiveIncidents?.CatchUp();
                await Faults.InvokeAsync(context, next).ConfigureAwait(false);
            }
            finally
            {
                Record();
            }
        });

        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", Entra.OpenIdConfigurationAsync);
        app.MapGet("/common/discovery/instance", Entra.InstanceDiscoveryAsync);
        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", Entra.DeviceCodeAsync);
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", Entra.AuthorizeAsync);
        app.MapPost("/{tenant}/oauth2/v2.0/token", Entra.TokenAsync);
        app.MapGet("/msi/token", ManagedIdentity.TokenAsync);

        app.MapPost("/v1.0/security/runHuntingQuery", async context =>
        {
            if (await auth.AuthorizeAsync(context, EmulatorDirectory.Graph, "ThreatHunting.Read.All").ConfigureAwait(false) is not null)
            {
                await Hunting.RunAsync(context, legacy: false).ConfigureAwait(false);
            }
        });
        app.MapPost("/api/advancedhunting/run", async context =>
        {
            if (await auth.AuthorizeAsync(context, EmulatorDirectory.Legacy, "AdvancedHunting.Read.All", "AdvancedHunting.Read").ConfigureAwait(false) is not null)
            {
                await Hunting.RunAsync(context, legacy: true).ConfigureAwait(false);
            }
        });
        var schema = new HuntingSchemaEndpoint(HuntingSchema);
        app.MapGet("/beta/security/getHuntingSchema", async context =>
        {
            if (await auth.AuthorizeAsync(context, EmulatorDirectory.Graph, "ThreatHunting.Read.All").ConfigureAwait(false) is not null)
            {
                await schema.GetAsync(context).ConfigureAwait(false);
            }
        });
        app.MapGet("/v1.0/security/incidents", context => incidents.ListAsync(context, legacy: false));
        app.MapGet("/v1.0/security/incidents/{id}", context => incidents.GetAsync(context, legacy: false));
        app.MapPatch("/v1.0/security/incidents/{id}", context => incidents.PatchAsync(context, legacy: false));
        app.MapPost("/v1.0/security/incidents/{id}/comments", incidents.AddCommentAsync);
        app.MapGet("/api/incidents", context => incidents.ListAsync(context, legacy: true));
        app.MapGet("/api/incidents/{id}", context => incidents.GetAsync(context, legacy: true));
        app.MapPatch("/api/incidents/{id}", context => incidents.PatchAsync(context, legacy: true));
        app.MapGet("/v1.0/security/alerts_v2", alerts.ListAsync);
        app.MapGet("/v1.0/security/alerts_v2/{id}", alerts.GetAsync);
        app.MapPatch("/v1.0/security/alerts_v2/{id}", alerts.PatchAsync);
        app.MapPost("/v1.0/security/alerts_v2/{id}/comments", alerts.AddCommentAsync);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
        ServerCertificate.Dispose();
    }
}
