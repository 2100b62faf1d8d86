using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Quota;

/// <summary>
/// The governor's own call-rate limiter: at most <c>Limit</c> permits in any <c>Window</c> (every window at once, say 45 a
/// minute and 1,500 an hour), each permit coming back exactly one window after it was taken. That is a token bucket that
/// refills token by token, so unlike a bucket refilled per period (or a segmented sliding window) no window of that length,
/// wherever it starts, ever holds more than the limit. It runs on a <see cref="TimeProvider"/> and never queues: a refused
/// lease carries <see cref="MetadataName.RetryAfter"/>, the time until a permit comes back; the governor does the waiting.
/// </summary>
internal sealed class QuotaWindowRateLimiter : RateLimiter
{
    private readonly (int Limit, TimeSpan Window)[] _windows;
    private readonly TimeSpan _longest;
    private readonly TimeProvider _time;
    private readonly List<DateTimeOffset> _taken = []; // ascending; trimmed to the longest window
    private long _successful;
    private long _failed;

    public QuotaWindowRateLimiter(TimeProvider time, params (int Limit, TimeSpan Window)[] windows)
    {
        _time = time;
        _windows = windows;
        foreach ((_, TimeSpan window) in windows)
        {
            _longest = window > _longest ? window : _longest;
        }
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_taken)
            {
                Trim(_time.GetUtcNow());
                return _taken.Count == 0 ? TimeSpan.Zero : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_taken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            Trim(now);
            long available = long.MaxValue;
            foreach ((int limit, TimeSpan window) in _windows)
            {
                available = Math.Min(available, limit - CountSince(now - window));
            }

            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, available),
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        foreach ((int limit, _) in _windows)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, limit);
        }

        lock (_taken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            Trim(now);
            TimeSpan wait = TimeSpan.Zero;
            foreach ((int limit, TimeSpan window) in _windows)
            {
                int inWindow = CountSince(now - window);
                if (inWindow + permitCount > limit)
                {
                    // The permit that has to leave for permitCount to fit, and when it leaves.
                    DateTimeOffset leaving = _taken[_taken.Count + permitCount - limit - 1];
                    wait = wait > leaving + window - now ? wait : leaving + window - now;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                _failed++;
                return new Lease(false, wait);
            }

            for (int i = 0; i < permitCount; i++)
            {
                _taken.Add(now);
            }

            _successful += permitCount > 0 ? 1 : 0;
            return new Lease(true, null);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Permits taken at or after <paramref name="since"/> (the window is half-open: one taken a whole window ago is out).</summary>
    private int CountSince(DateTimeOffset since)
    {
        int count = 0;
        for (int i = _taken.Count - 1; i >= 0 && _taken[i] > since; i--)
        {
            count++;
        }

        return count;
    }

    private void Trim(DateTimeOffset now)
    {
        int stale = 0;
        while (stale < _taken.Count && _taken[stale] <= now - _longest)
        {
            stale++;
        }

        _taken.RemoveRange(0, stale);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
