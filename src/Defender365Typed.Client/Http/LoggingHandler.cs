using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Http;

/// <summary>
/// Logs method, path (no query string, no headers, no body), status and duration of every attempt, and counts it in the
/// metrics. A 429's body (small) is read here once: the limit it names goes to the throttle metric and, through the
/// request's options, to the quota governor; the response keeps the same bytes for the error that may follow.
/// </summary>
internal sealed class LoggingHandler : DelegatingHandler
{
    private readonly ILogger _logger;
    private readonly string? _tenantId;

    public LoggingHandler(ILogger logger, string? tenantId = null)
    {
        _logger = logger;
        _tenantId = tenantId;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        DefenderApi api = request.Options.TryGetValue(DefenderRequest.Api, out DefenderApi a) ? a : DefenderApi.Graph;
        DefenderCallKind kind = DefenderRequest.KindOf(request);
        Log.Response(_logger, request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, (long)elapsed.TotalMilliseconds);
        DefenderTelemetry.RecordAttempt(api, kind, _tenantId, (int)response.StatusCode, elapsed);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            byte[] body = await DefenderErrors.ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content.Dispose();
            response.Content = content;
            string? message = DefenderErrors.ParseError(body).Message;
            request.Options.Set(DefenderRequest.ServiceMessage, message);
            DefenderTelemetry.RecordThrottle(api, kind, _tenantId, Quota.QuotaThrottle.ReasonOf(message));
        }

        return response;
    }
}
