using System;
using System.Net.Http;
using System.Threading;

namespace Defender365Typed.Client.Http;

/// <summary>
/// The limit for one call with all its retries (<see cref="DefenderResilienceOptions.TotalTimeout"/>, until the response
/// headers), on the client's <see cref="TimeProvider"/>. The transport starts one per call and hands its token to the
/// pipeline. Unlike a Polly timeout it can stand still: the quota governor pauses it (<see cref="Pause"/>) while the call
/// waits for a permit, so only time spent calling and backing off between attempts counts, and a call queued behind the
/// tenant's budget never times out before it was sent.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    private static readonly HttpRequestOptionsKey<CallDeadline> Key = new("Defender365Typed.CallDeadline");
    private readonly object _gate = new();
    private readonly CancellationTokenSource _cancel;
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private TimeSpan _remaining;
    private long _runningSince;
    private int _pauses;
    private bool _done;

    private CallDeadline(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        _time = time;
        _remaining = timeout;
        _runningSince = time.GetTimestamp();
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = time.CreateTimer(static d => ((CallDeadline)d!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when the caller cancels or the time runs out.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether the time ran out.</summary>
    public bool Expired { get; private set; }

    /// <summary>Starts the deadline of <paramref name="request"/>'s call.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive or is longer than a day.</exception>
    public static CallDeadline Start(HttpRequestMessage request, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "DefenderResilienceOptions.TotalTimeout must be positive and at most one day.");
        }

        var deadline = new CallDeadline(timeout, time, cancellationToken);
        request.Options.Set(Key, deadline);
        return deadline;
    }

    /// <summary>Stops the deadline of <paramref name="request"/>'s call until the returned scope is disposed; null when it has none.</summary>
    public static IDisposable? Pause(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out CallDeadline? deadline) ? deadline.PauseOnce() : null;

    public void Dispose()
    {
        lock (_gate)
        {
            _done = true;
        }

        _timer.Dispose();
        _cancel.Dispose();
    }

    private Resume PauseOnce()
    {
        lock (_gate)
        {
            if (_pauses++ == 0 && !_done)
            {
                _remaining -= _time.GetElapsedTime(_runningSince);
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        return new Resume(this);
    }

    private void Unpause()
    {
        lock (_gate)
        {
            if (--_pauses == 0 && !_done)
            {
                _runningSince = _time.GetTimestamp();
                _timer.Change(_remaining > TimeSpan.Zero ? _remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Expire()
    {
        lock (_gate)
        {
            if (_pauses > 0 || _done)
            {
                return; // paused as it fired: resuming re-arms it with what is left
            }

            Expired = _done = true;
            _cancel.Cancel(); // under the lock, so never after Dispose
        }
    }

    private sealed class Resume(CallDeadline deadline) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                deadline.Unpause();
            }
        }
    }
}
