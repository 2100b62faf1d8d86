using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Defender365Typed.Client.Quota;

namespace Defender365Typed.Client;

/// <summary>
/// Keeps every client of one tenant in this process under the tenant's quotas: the calls that may start per minute and per
/// hour (System.Threading.RateLimiting limiters: its own exact windows, or injected ones such as a Redis-backed limiter that
/// a fleet of processes shares), the hunting calls that may run at once, and a pause for everyone after a 429 until the
/// reset it names. Waiting calls are served round-robin between clients, in arrival order within one. Give the same
/// governor to every client of the tenant (<see cref="DefenderClientOptions.QuotaGovernor"/>), for example the one
/// <see cref="DefenderQuotaGovernors.Shared"/> keeps for the cloud and tenant.
/// </summary>
public sealed class DefenderQuotaGovernor : IDisposable
{
    private readonly QuotaBudget _hunting;
    private readonly QuotaBudget _incidents;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _cpuPerCycle;
    private readonly object _cpuGate = new();
    private DateTimeOffset _cpuCycle;
    private TimeSpan _cpuUsed;

    /// <summary>Creates a governor with <paramref name="options"/> (read once: later changes to them are not seen).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive (the parameter names the option).</exception>
    public DefenderQuotaGovernor(DefenderQuotaOptions? options = null)
    {
        options ??= new DefenderQuotaOptions();
        options.Validate();
        TenantId = options.TenantId;
        _time = options.TimeProvider;
        _cpuPerCycle = options.HuntingCpuPerCycle;
        _hunting = new QuotaBudget(DefenderQuotaKind.Hunting, options.HuntingRateLimiters,
            [(options.HuntingPerMinute, TimeSpan.FromMinutes(1)), (options.HuntingPerHour, TimeSpan.FromHours(1))], options.MaxConcurrentHuntingCalls, options);
        _incidents = new QuotaBudget(DefenderQuotaKind.Incidents, options.IncidentRateLimiters,
            [(options.IncidentsPerMinute, TimeSpan.FromMinutes(1)), (options.IncidentsPerHour, TimeSpan.FromHours(1))], 0, options);
    }

    /// <summary>The tenant the budget belongs to, if given.</summary>
    public string? TenantId { get; }

    /// <summary>Until when calls of <paramref name="kind"/> are held back after a 429, or null.</summary>
    public DateTimeOffset? PausedUntil(DefenderQuotaKind kind) => Budget(kind).PausedUntil;

    /// <summary>
    /// The hunting CPU the legacy responses of the current 15-minute cycle reported (zero in a new cycle); counted whether
    /// or not <see cref="DefenderQuotaOptions.HuntingCpuPerCycle"/> is set.
    /// </summary>
    public TimeSpan CpuUsed
    {
        get
        {
            DateTimeOffset cycle = QuotaThrottle.CycleStart(_time.GetUtcNow());
            lock (_cpuGate)
            {
                return _cpuCycle == cycle ? _cpuUsed : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Calls of <paramref name="kind"/> waiting for a permit now.</summary>
    public int Waiting(DefenderQuotaKind kind) => Budget(kind).Waiting;

    /// <summary>
    /// Waits for a permit to start one call of <paramref name="kind"/>; dispose the lease when the call has its response.
    /// Clients given this governor do this for every attempt they send; call it yourself only for work that calls the API
    /// some other way.
    /// </summary>
    /// <param name="kind">The budget.</param>
    /// <param name="caller">Who is calling: waiting calls are served round-robin between callers (a client uses itself).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="DefenderQuotaException">
    /// The queue is full (<see cref="DefenderQuotaReason.ClientQueue"/>), or the tenant's hunting CPU is spent and
    /// <see cref="DefenderQuotaOptions.CpuExhausted"/> is <see cref="DefenderCpuExhaustedBehavior.Fail"/>
    /// (<see cref="DefenderQuotaReason.Cpu"/>, with <see cref="DefenderQuotaException.ResetAt"/>).
    /// </exception>
    public ValueTask<DefenderQuotaLease> AcquireAsync(DefenderQuotaKind kind, object caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return AcquireAsync(kind, caller, onWait: null, cancellationToken);
    }

    internal async ValueTask<DefenderQuotaLease> AcquireAsync(DefenderQuotaKind kind, object caller, Action? onWait, CancellationToken cancellationToken)
    {
        QuotaBudget budget = Budget(kind);
        long start = _time.GetTimestamp();
        (RateLimitLease[] leases, bool holdsSlot, bool waited) = await budget.AcquireAsync(caller, onWait, cancellationToken).ConfigureAwait(false);
        TimeSpan wait = _time.GetElapsedTime(start);
        DefenderTelemetry.RecordQuotaWait(kind, TenantId, waited ? wait : TimeSpan.Zero);
        return new DefenderQuotaLease(budget, leases, holdsSlot, waited ? wait : TimeSpan.Zero);
    }

    /// <summary>A 429 arrived for <paramref name="kind"/>: every caller waits until the reset it names.</summary>
    internal QuotaThrottle Throttled(DefenderQuotaKind kind, TimeSpan? retryAfter, string? message)
    {
        QuotaThrottle throttle = QuotaThrottle.From(retryAfter, message, _time.GetUtcNow());
        Budget(kind).PauseUntil(throttle.ResetAt, throttle.Reason);
        return throttle;
    }

    /// <summary>
    /// A hunting response reported <paramref name="cpu"/>: charges the current cycle, and once the cycle's total reaches the
    /// allowance holds hunting calls back until the next cycle (returned; null while the allowance lasts).
    /// </summary>
    internal DateTimeOffset? ChargeCpu(TimeSpan cpu)
    {
        DateTimeOffset cycle = QuotaThrottle.CycleStart(_time.GetUtcNow());
        lock (_cpuGate)
        {
            if (_cpuCycle != cycle)
            {
                _cpuCycle = cycle;
                _cpuUsed = TimeSpan.Zero;
            }

            _cpuUsed += cpu;
            if (_cpuPerCycle is not { } allowance || _cpuUsed < allowance)
            {
                return null;
            }
        }

        DateTimeOffset next = cycle + QuotaThrottle.CpuCycle;
        _hunting.PauseUntil(next, DefenderQuotaReason.Cpu);
        return next;
    }

    private QuotaBudget Budget(DefenderQuotaKind kind) => kind == DefenderQuotaKind.Hunting ? _hunting : _incidents;

    /// <inheritdoc/>
    public void Dispose()
    {
        _hunting.Dispose();
        _incidents.Dispose();
    }
}

/// <summary>A permit to start one call, from <see cref="DefenderQuotaGovernor.AcquireAsync(DefenderQuotaKind, object, CancellationToken)"/>; dispose it when the call has its response.</summary>
public sealed class DefenderQuotaLease : IDisposable
{
    private readonly QuotaBudget _budget;
    private readonly RateLimitLease[] _leases;
    private bool _holdsSlot;

    internal DefenderQuotaLease(QuotaBudget budget, RateLimitLease[] leases, bool holdsSlot, TimeSpan waited)
    {
        _budget = budget;
        _leases = leases;
        _holdsSlot = holdsSlot;
        Waited = waited;
    }

    /// <summary>How long the call waited for its permit (zero when it got one at once).</summary>
    public TimeSpan Waited { get; }

    /// <summary>Gives back the concurrency slot and what the limiters hold (a window's permit stays spent).</summary>
    public void Dispose()
    {
        if (_holdsSlot)
        {
            _holdsSlot = false;
            _budget.ReleaseSlot();
        }

        foreach (RateLimitLease lease in _leases)
        {
            lease.Dispose();
        }
    }
}
