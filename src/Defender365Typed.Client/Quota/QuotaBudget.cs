using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Quota;

/// <summary>
/// One budget of a governor (hunting or incidents): a fair queue in front of its limiters, its concurrency bound and its
/// pause after a 429. One call at a time holds the turn and waits for everything it needs (a slot, the end of a pause, a
/// permit from each limiter); the turn then passes round-robin between callers (clients), first come first served within
/// one, so a caller with many queued calls cannot starve the others.
/// </summary>
internal sealed class QuotaBudget : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<object, Queue<Waiter>> _queues = [];
    private readonly List<object> _rotation = []; // callers with queued calls, in round-robin order
    private readonly RateLimiter[] _limiters;
    private readonly bool _ownsLimiters;
    private readonly SemaphoreSlim? _slots;
    private readonly int _queueLimit;
    private readonly TimeSpan _limiterRetry;
    private readonly TimeProvider _time;
    private readonly bool _failWhileCpuSpent;
    private int _cursor;
    private Waiter? _holder;
    private int _waiting; // queued calls, and the holder once it has had to wait
    private DateTimeOffset _pausedUntil;
    private DefenderQuotaReason _pauseReason;

    public QuotaBudget(DefenderQuotaKind kind, IList<RateLimiter> limiters, (int Limit, TimeSpan Window)[] windows, int maxConcurrent, DefenderQuotaOptions options)
    {
        Kind = kind;
        _time = options.TimeProvider;
        _ownsLimiters = limiters.Count == 0;
        _limiters = _ownsLimiters ? [new QuotaWindowRateLimiter(_time, windows)] : [.. limiters];
        _slots = maxConcurrent > 0 ? new SemaphoreSlim(maxConcurrent, maxConcurrent) : null;
        _queueLimit = options.QueueLimit;
        _limiterRetry = options.RateLimiterRetryInterval;
        _failWhileCpuSpent = options.CpuExhausted == DefenderCpuExhaustedBehavior.Fail;
    }

    public DefenderQuotaKind Kind { get; }

    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_gate)
            {
                return _pausedUntil > _time.GetUtcNow() ? _pausedUntil : null;
            }
        }
    }

    /// <summary>Calls waiting for a permit.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    /// <summary>Stops every call of this budget until <paramref name="until"/> because of <paramref name="reason"/> (a pause only ever grows).</summary>
    public void PauseUntil(DateTimeOffset until, DefenderQuotaReason reason)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                (_pausedUntil, _pauseReason) = (until, reason);
            }
        }
    }

    public async ValueTask<(RateLimitLease[] Leases, bool HoldsSlot, bool Waited)> AcquireAsync(object caller, Action? onWait, CancellationToken cancellationToken)
    {
        var me = new Waiter(caller, onWait);
        bool queued = false;
        lock (_gate)
        {
            if (_holder is null && _rotation.Count == 0)
            {
                _holder = me;
            }
            else
            {
                RefuseIfFull(_waiting);
                if (!_queues.TryGetValue(caller, out Queue<Waiter>? queue))
                {
                    _queues[caller] = queue = new Queue<Waiter>();
                    _rotation.Add(caller);
                }

                queue.Enqueue(me);
                _waiting++;
                me.Counted = queued = true;
            }
        }

        if (queued)
        {
            me.OnWait?.Invoke();
            using (cancellationToken.Register(static w => ((Waiter)w!).Cancel(), me))
            {
                try
                {
                    await me.Turn.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    if (!Withdraw(me))
                    {
                        PassTurn(me); // the turn came as it was cancelled
                    }

                    throw;
                }
            }
        }

        try
        {
            return await PassAsync(me, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            PassTurn(me);
        }
    }

    /// <summary>The holder waits for a slot, the end of any pause and a permit from every limiter.</summary>
    private async ValueTask<(RateLimitLease[] Leases, bool HoldsSlot, bool Waited)> PassAsync(Waiter me, CancellationToken cancellationToken)
    {
        bool holdsSlot = false;
        try
        {
            if (_slots is not null && !(holdsSlot = _slots.Wait(0, CancellationToken.None)))
            {
                await WaitAsync(me, () => _slots.WaitAsync(cancellationToken)).ConfigureAwait(false);
                holdsSlot = true;
            }

            while (true)
            {
                DateTimeOffset now = _time.GetUtcNow();
                DateTimeOffset pausedUntil;
                DefenderQuotaReason pauseReason;
                lock (_gate)
                {
                    (pausedUntil, pauseReason) = (_pausedUntil, _pauseReason);
                }

                if (pausedUntil > now)
                {
                    if (pauseReason == DefenderQuotaReason.Cpu && _failWhileCpuSpent)
                    {
                        throw new DefenderQuotaException(
                            $"The tenant's hunting CPU is spent until {pausedUntil.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; the call was not sent (DefenderQuotaOptions.CpuExhausted = Fail).")
                        { Reason = DefenderQuotaReason.Cpu, ResetAt = pausedUntil };
                    }

                    await WaitAsync(me, () => Task.Delay(pausedUntil - now, _time, cancellationToken)).ConfigureAwait(false);
                    continue;
                }

                (RateLimitLease[]? leases, TimeSpan retry) = await TryLimitersAsync(cancellationToken).ConfigureAwait(false);
                if (leases is not null)
                {
                    return (leases, holdsSlot, me.Counted);
                }

                await WaitAsync(me, () => Task.Delay(retry, _time, cancellationToken)).ConfigureAwait(false);
            }
        }
        catch
        {
            if (holdsSlot)
            {
                _slots!.Release();
            }

            throw;
        }
    }

    /// <summary>One permit from each limiter in order, or none (what was taken is given back) and how long to wait.</summary>
    private async ValueTask<(RateLimitLease[]? Leases, TimeSpan Retry)> TryLimitersAsync(CancellationToken cancellationToken)
    {
        var leases = new RateLimitLease[_limiters.Length];
        for (int i = 0; i < _limiters.Length; i++)
        {
            RateLimitLease lease = await _limiters[i].AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                TimeSpan retry = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) && after > TimeSpan.Zero ? after : _limiterRetry;
                lease.Dispose();
                for (int j = 0; j < i; j++)
                {
                    leases[j].Dispose();
                }

                return (null, retry);
            }

            leases[i] = lease;
        }

        return (leases, TimeSpan.Zero);
    }

    public void ReleaseSlot() => _slots?.Release();

    /// <summary>
    /// The holder starts a wait and awaits it. The first time it has to wait it joins the queue's count (or is refused if the
    /// queue is full, before anything is started); it is announced only once started, so its timer is armed by then.
    /// </summary>
    private async Task WaitAsync(Waiter me, Func<Task> start)
    {
        bool first;
        lock (_gate)
        {
            first = !me.Counted;
            if (first)
            {
                RefuseIfFull(_waiting);
                _waiting++;
                me.Counted = true;
            }
        }

        Task wait = start();
        if (first)
        {
            me.OnWait?.Invoke();
        }

        await wait.ConfigureAwait(false);
    }

    private void RefuseIfFull(int waiting)
    {
        if (waiting >= _queueLimit)
        {
            throw new DefenderQuotaException(
                $"The client-side quota governor's queue for {Kind} calls is full ({_queueLimit} waiting); the call was not sent.")
            { Reason = DefenderQuotaReason.ClientQueue };
        }
    }

    /// <summary>Takes a cancelled call out of the queue; false if it already had the turn.</summary>
    private bool Withdraw(Waiter me)
    {
        lock (_gate)
        {
            if (_holder == me)
            {
                return false;
            }

            Queue<Waiter> queue = _queues[me.Caller];
            int n = queue.Count;
            for (int i = 0; i < n; i++)
            {
                Waiter w = queue.Dequeue();
                if (w != me)
                {
                    queue.Enqueue(w);
                }
            }

            if (queue.Count == 0)
            {
                RemoveCaller(me.Caller);
            }

            _waiting--;
            return true;
        }
    }

    /// <summary>The holder is done (passed or gave up): the next caller in the rotation gets the turn.</summary>
    private void PassTurn(Waiter me)
    {
        Waiter? next = null;
        lock (_gate)
        {
            if (_holder != me)
            {
                return;
            }

            if (me.Counted)
            {
                _waiting--;
                me.Counted = false;
            }

            _holder = null;
            if (_rotation.Count > 0)
            {
                _cursor %= _rotation.Count;
                if (_rotation.Count > 1 && ReferenceEquals(_rotation[_cursor], me.Caller))
                {
                    _cursor = (_cursor + 1) % _rotation.Count; // the caller that just went lets the others go first
                }

                object caller = _rotation[_cursor];
                Queue<Waiter> queue = _queues[caller];
                next = queue.Dequeue();
                if (queue.Count == 0)
                {
                    RemoveCaller(caller);
                }
                else
                {
                    _cursor++;
                }

                _holder = next;
            }
        }

        next?.Turn.TrySetResult();
    }

    private void RemoveCaller(object caller)
    {
        int index = _rotation.IndexOf(caller);
        _rotation.RemoveAt(index);
        _queues.Remove(caller);
        if (index < _cursor)
        {
            _cursor--;
        }
    }

    public void Dispose()
    {
        _slots?.Dispose();
        if (_ownsLimiters)
        {
            foreach (RateLimiter limiter in _limiters)
            {
                limiter.Dispose();
            }
        }
    }

    private sealed class Waiter(object caller, Action? onWait)
    {
        public object Caller { get; } = caller;

        public Action? OnWait { get; } = onWait;

        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether this call counts against the queue limit (it is queued, or held the turn and had to wait).</summary>
        public bool Counted { get; set; }

        public void Cancel() => Turn.TrySetCanceled();
    }
}
