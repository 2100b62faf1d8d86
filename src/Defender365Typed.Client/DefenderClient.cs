using System;
using System.Net.Http;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Defender365Typed.Client;

/// <summary>
/// The Defender client: advanced hunting (<see cref="Hunting"/>) and incidents on Graph
/// (<see cref="Incidents"/>) and on the legacy API (<see cref="LegacyIncidents"/>), and alerts on Graph (<see cref="Alerts"/>). Create it with
/// <see cref="Create"/>, or register it with <c>AddDefender365Client</c>.
/// </summary>
public sealed class DefenderClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Uses an HttpClient whose handlers already authenticate and retry (as <c>AddDefender365Client</c> builds).</summary>
    public DefenderClient(HttpClient httpClient, DefenderClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(httpClient, options, loggerFactory, ownsHttp: false)
    {
    }

    private DefenderClient(HttpClient httpClient, DefenderClientOptions options, ILoggerFactory? loggerFactory, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _ownsHttp = ownsHttp;
        ILogger logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Defender365Typed.Client");
        var transport = new DefenderTransport(httpClient, options);
        var pager = new IncidentPager(transport, logger);
        Hunting = new HuntingClient(transport, logger);
        Incidents = new GraphIncidentsClient(transport, pager);
        LegacyIncidents = new LegacyIncidentsClient(transport, pager);
        Alerts = new AlertsClient(transport, pager);
    }

    /// <summary>Advanced hunting.</summary>
    public HuntingClient Hunting { get; }

    /// <summary>Incidents on Microsoft Graph security.</summary>
    public GraphIncidentsClient Incidents { get; }

    /// <summary>Incidents on the legacy Defender XDR API.</summary>
    public LegacyIncidentsClient LegacyIncidents { get; }

    /// <summary>Alerts on Microsoft Graph security (<c>alerts_v2</c>).</summary>
    public AlertsClient Alerts { get; }

    /// <summary>The alerts client of <paramref name="api"/>, for code that picks its API at run time.</summary>
    /// <exception cref="DefenderApiNotSupportedException"><paramref name="api"/> is <see cref="DefenderApi.Legacy"/>: the legacy API has no alerts endpoint.</exception>
    public AlertsClient AlertsOn(DefenderApi api) => api == DefenderApi.Graph
        ? Alerts
        : throw new DefenderApiNotSupportedException(api, "alerts",
            "The legacy Defender XDR API has no alerts endpoint (alerts_v2 is Microsoft Graph only); a legacy incident carries its alerts (DefenderIncident.Alerts). Use Microsoft Graph for alerts.");

    /// <summary>Creates a client with its own HTTP pipeline: quota governor (optional), retries and timeouts, bearer tokens, HTTPS policy.</summary>
    public static DefenderClient Create(DefenderClientOptions options, IDefenderTokenProvider tokens, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ILogger logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Defender365Typed.Client");
        HttpMessageHandler handler = DefenderHttpPipeline.Build(options, tokens, logger);
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        return new DefenderClient(http, options, loggerFactory, ownsHttp: true);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}

/// <summary>
/// The handler chain, outermost first: resilience (total timeout, retry, quota governor when set, attempt timeout:
/// <see cref="DefenderResilience"/>) → bearer token → logging and metrics → HTTPS policy → sockets.
/// </summary>
internal static class DefenderHttpPipeline
{
    public static HttpMessageHandler Build(DefenderClientOptions options, IDefenderTokenProvider tokens, ILogger logger)
    {
        HttpMessageHandler handler = TransportPolicy.CreatePrimaryHandler(options.Cloud);
        handler = new HttpsOnlyHandler(options.Cloud, allowLoopbackHttp: false) { InnerHandler = handler };
        handler = new LoggingHandler(logger, options.TelemetryTenantId) { InnerHandler = handler };
        handler = new BearerTokenHandler(tokens, logger) { InnerHandler = handler };
        return new ResilienceHandler(DefenderResilience.Build(options, logger)) { InnerHandler = handler };
    }
}
