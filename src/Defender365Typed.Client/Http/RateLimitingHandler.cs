using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Http;

/// <summary>Waits for a permit from the hunting or the incidents limiter before each attempt.</summary>
internal sealed class RateLimitingHandler : DelegatingHandler
{
    private readonly RateLimiter _hunting;
    private readonly RateLimiter _incidents;
    private readonly ILogger _logger;

    public RateLimitingHandler(DefenderRateLimitOptions options, ILogger logger)
    {
        _hunting = Create(options.HuntingPerMinute, options.QueueLimit);
        _incidents = Create(options.IncidentsPerMinute, options.QueueLimit);
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        DefenderCallKind kind = DefenderRequest.KindOf(request);
        RateLimiter limiter = kind == DefenderCallKind.Hunting ? _hunting : _incidents;
        RateLimitLease lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            Log.RateLimited(_logger, kind.ToString());
            lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                throw new DefenderQuotaException($"The client-side rate limiter's queue for {kind} calls is full.");
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SlidingWindowRateLimiter Create(int perMinute, int queue) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, perMinute),
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = Math.Max(0, queue),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hunting.Dispose();
            _incidents.Dispose();
        }

        base.Dispose(disposing);
    }
}
