using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Http;

/// <summary>
/// Waits for a permit from the hunting or the incidents limiter before each attempt: a one-minute window in six segments
/// that slides on a timer of the client's <see cref="TimeProvider"/> (the limiters' own timer would run on the system clock).
/// </summary>
internal sealed class RateLimitingHandler : DelegatingHandler
{
    private const int SegmentsPerWindow = 6;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly SlidingWindowRateLimiter _hunting;
    private readonly SlidingWindowRateLimiter _incidents;
    private readonly ITimer _replenish;
    private readonly ILogger _logger;

    public RateLimitingHandler(DefenderRateLimitOptions options, TimeProvider time, ILogger logger)
    {
        _hunting = Create(options.HuntingPerMinute, options.QueueLimit);
        _incidents = Create(options.IncidentsPerMinute, options.QueueLimit);
        TimeSpan segment = Window / SegmentsPerWindow;
        _replenish = time.CreateTimer(static state => ((RateLimitingHandler)state!).Replenish(), this, segment, segment);
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        DefenderCallKind kind = DefenderRequest.KindOf(request);
        RateLimiter limiter = kind is DefenderCallKind.Hunting or DefenderCallKind.HuntingSchema ? _hunting : _incidents;
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
        // Next to no window of its own: a limiter skips a replenishment that comes sooner than Window / SegmentsPerWindow
        // (here one tick) on the system's stopwatch, so the timer above decides when the window slides.
        Window = TimeSpan.FromTicks(SegmentsPerWindow),
        SegmentsPerWindow = SegmentsPerWindow,
        QueueLimit = Math.Max(0, queue),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = false,
    });

    /// <summary>Slides both windows by one segment (a manually replenished limiter moves one segment per call).</summary>
    private void Replenish()
    {
        _hunting.TryReplenish();
        _incidents.TryReplenish();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _replenish.Dispose();
            _hunting.Dispose();
            _incidents.Dispose();
        }

        base.Dispose(disposing);
    }
}
