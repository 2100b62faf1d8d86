using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Http;

/// <summary>Logs method, path (no query string, no headers, no body), status and duration of every attempt.</summary>
internal sealed class LoggingHandler : DelegatingHandler
{
    private readonly ILogger _logger;

    public LoggingHandler(ILogger logger) => _logger = logger;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Log.Response(_logger, request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return response;
    }
}
