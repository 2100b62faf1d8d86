using System;
using System.Net.Http;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Defender365Typed.Client;

/// <summary>Registers the Defender client with Microsoft.Extensions.DependencyInjection and IHttpClientFactory.</summary>
public static class DefenderServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the client uses.</summary>
    public const string HttpClientName = "Defender365Typed";

    /// <summary>
    /// Registers <see cref="DefenderClient"/> (singleton) on a named HttpClient with the resilience,
    /// quota-governor, bearer-token and HTTPS handlers, and a <see cref="DefenderAuthenticator"/> from
    /// <see cref="DefenderClientOptions.Auth"/> unless an <see cref="IDefenderTokenProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddDefender365Client(this IServiceCollection services, Action<DefenderClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DefenderClientOptions();
        configure(options);
        options.Auth.Cloud = options.Cloud;
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new DefenderAuthenticator(options.Auth, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IDefenderTokenProvider>(sp => sp.GetRequiredService<DefenderAuthenticator>());

        IHttpClientBuilder http = services.AddHttpClient(HttpClientName, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => TransportPolicy.CreatePrimaryHandler(options.Cloud));
        // The same pipeline DefenderClient.Create builds, rather than AddResilienceHandler: Polly's DI registry sets the
        // builder's TimeProvider itself, so DefenderClientOptions.TimeProvider would not reach the timeouts and waits.
        http.AddHttpMessageHandler(sp => new ResilienceHandler(DefenderResilience.Build(options, Logger(sp))));
        http.AddHttpMessageHandler(sp => new BearerTokenHandler(sp.GetRequiredService<IDefenderTokenProvider>(), Logger(sp)))
            .AddHttpMessageHandler(sp => new LoggingHandler(Logger(sp), options.TelemetryTenantId))
            .AddHttpMessageHandler(() => new HttpsOnlyHandler(options.Cloud, allowLoopbackHttp: false));

        services.TryAddSingleton(sp => new DefenderClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options, sp.GetService<ILoggerFactory>()));
        return services;
    }

    private static ILogger Logger(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Defender365Typed.Client");
}
