using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Http;

/// <summary>
/// Sends every attempt through the client's <see cref="DefenderQuotaGovernor"/>: waits for a permit of the request's budget,
/// and on a 429 tells the governor, which holds every caller of the tenant back until the reset the response names. The
/// handler itself is the caller the governor serves round-robin against other clients.
/// </summary>
internal sealed class QuotaHandler : DelegatingHandler
{
    private readonly DefenderQuotaGovernor _governor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QuotaHandler(DefenderQuotaGovernor governor, TimeProvider time, ILogger logger)
    {
        _governor = governor;
        _time = time;
        _logger = logger;
    }

    public static DefenderQuotaKind KindOf(DefenderCallKind kind) =>
        kind is DefenderCallKind.Hunting or DefenderCallKind.HuntingSchema ? DefenderQuotaKind.Hunting : DefenderQuotaKind.Incidents;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        DefenderQuotaKind kind = KindOf(DefenderRequest.KindOf(request));
        using DefenderQuotaLease lease = await _governor.AcquireAsync(kind, this, () => Log.RateLimited(_logger, kind.ToString()), cancellationToken)
            .ConfigureAwait(false);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            request.Options.TryGetValue(DefenderRequest.ServiceMessage, out string? message);
            Quota.QuotaThrottle throttle = _governor.Throttled(kind, DefenderResilience.RetryAfter(response, _time), message);
            Log.QuotaPaused(_logger, kind.ToString(), throttle.Reason.ToString(), throttle.ResetAt);
        }

        return response;
    }
}
