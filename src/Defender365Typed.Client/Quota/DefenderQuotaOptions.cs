using System;
using System.Collections.Generic;
using System.Threading.RateLimiting;

namespace Defender365Typed.Client;

/// <summary>
/// Settings of a <see cref="DefenderQuotaGovernor"/>. The defaults are the documented per-tenant limits: hunting 45 calls a
/// minute and 1,500 an hour (Graph runHuntingQuery and the legacy API alike), legacy incidents 50 a minute and 1,500 an hour.
/// </summary>
public sealed class DefenderQuotaOptions
{
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The tenant the budget belongs to: the <c>defender.tenant.id</c> tag of the governor's metrics; optional.</summary>
    public string? TenantId { get; set; }

    /// <summary>Hunting calls (runHuntingQuery, advancedhunting/run, getHuntingSchema) that may start in any minute.</summary>
    public int HuntingPerMinute { get; set; } = 45;

    /// <summary>Hunting calls that may start in any hour.</summary>
    public int HuntingPerHour { get; set; } = 1500;

    /// <summary>Incident and alert calls that may start in any minute.</summary>
    public int IncidentsPerMinute { get; set; } = 50;

    /// <summary>Incident and alert calls that may start in any hour.</summary>
    public int IncidentsPerHour { get; set; } = 1500;

    /// <summary>Hunting calls that may wait for their response at once; 0 for no bound.</summary>
    public int MaxConcurrentHuntingCalls { get; set; } = 10;

    /// <summary>
    /// The tenant's hunting CPU allowance per 15-minute cycle (aligned to the clock), charged with the CPU each legacy
    /// response reports (<c>Stats</c>; Graph responses report none): once a cycle's total reaches it, hunting calls wait
    /// for the next cycle instead of meeting the service's CPU 429. Null (the default) for none. The documented figures:
    /// the Defender for Endpoint API allows 10 minutes of running time an hour (and 3 hours a day); Defender XDR scales the
    /// CPU allocation with the tenant's size and does not publish one figure.
    /// </summary>
    public TimeSpan? HuntingCpuPerCycle { get; set; }

    /// <summary>
    /// What a hunting call does while the tenant's hunting CPU is spent: the cycle's <see cref="HuntingCpuPerCycle"/> is used
    /// up, or a 429 said the CPU allocation was reached. <see cref="DefenderCpuExhaustedBehavior.Wait"/> (the default) holds
    /// it until the reset (the next 15-minute cycle, or what the 429 named); <see cref="DefenderCpuExhaustedBehavior.Fail"/>
    /// fails it at once, unsent, with <see cref="DefenderQuotaException"/> (<see cref="DefenderQuotaReason.Cpu"/>, and the
    /// reset in <see cref="DefenderQuotaException.ResetAt"/>), for callers that cannot wait up to 15 minutes.
    /// </summary>
    public DefenderCpuExhaustedBehavior CpuExhausted { get; set; } = DefenderCpuExhaustedBehavior.Wait;

    /// <summary>Calls of one kind that may wait for a permit; beyond that a call fails at once with <see cref="DefenderQuotaException"/>.</summary>
    public int QueueLimit { get; set; } = 1000;

    /// <summary>
    /// Limiters that replace the per-minute and per-hour windows of hunting calls, asked in order for one permit each
    /// (for example Redis-backed ones from Defender365Typed.Client.Redis, so that a fleet of processes shares one tenant
    /// budget). The governor queues, orders and retries; a limiter only says yes or no (with
    /// <see cref="MetadataName.RetryAfter"/> when it knows when). The governor does not dispose them.
    /// </summary>
    public IList<RateLimiter> HuntingRateLimiters { get; } = [];

    /// <summary>Limiters that replace the per-minute and per-hour windows of incident and alert calls, as <see cref="HuntingRateLimiters"/>.</summary>
    public IList<RateLimiter> IncidentRateLimiters { get; } = [];

    /// <summary>How long to wait before asking a limiter again that refused without saying for how long.</summary>
    public TimeSpan RateLimiterRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock of the windows and of every wait; <see cref="TimeProvider.System"/> unless a test substitutes one.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal void Validate()
    {
        Positive(HuntingPerMinute, nameof(HuntingPerMinute));
        Positive(HuntingPerHour, nameof(HuntingPerHour));
        Positive(IncidentsPerMinute, nameof(IncidentsPerMinute));
        Positive(IncidentsPerHour, nameof(IncidentsPerHour));
        NotNegative(MaxConcurrentHuntingCalls, nameof(MaxConcurrentHuntingCalls));
        NotNegative(QueueLimit, nameof(QueueLimit));
        if (HuntingCpuPerCycle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HuntingCpuPerCycle), HuntingCpuPerCycle, "DefenderQuotaOptions.HuntingCpuPerCycle must be positive (or null for no CPU accounting).");
        }

        if (!Enum.IsDefined(CpuExhausted))
        {
            throw new ArgumentOutOfRangeException(nameof(CpuExhausted), CpuExhausted, "DefenderQuotaOptions.CpuExhausted must be Wait or Fail.");
        }

        if (RateLimiterRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimiterRetryInterval), RateLimiterRetryInterval, "DefenderQuotaOptions.RateLimiterRetryInterval must be positive.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"DefenderQuotaOptions.{name} must be at least 1.");
        }
    }

    private static void NotNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"DefenderQuotaOptions.{name} cannot be negative.");
        }
    }
}

/// <summary>What a hunting call does while the tenant's hunting CPU is spent (<see cref="DefenderQuotaOptions.CpuExhausted"/>).</summary>
public enum DefenderCpuExhaustedBehavior
{
    /// <summary>Wait for the reset: the next 15-minute cycle, or the one a CPU 429 named (the default).</summary>
    Wait = 0,

    /// <summary>Fail at once, unsent, with <see cref="DefenderQuotaException"/> (reason <see cref="DefenderQuotaReason.Cpu"/>, carrying the reset).</summary>
    Fail = 1,
}

/// <summary>The budgets of a <see cref="DefenderQuotaGovernor"/>: each has its own windows, queue and pauses.</summary>
public enum DefenderQuotaKind
{
    /// <summary>Advanced hunting calls (and the hunting schema read).</summary>
    Hunting,

    /// <summary>Incident and alert calls.</summary>
    Incidents,
}

/// <summary>Which limit a 429 (or the client-side governor) says was reached.</summary>
public enum DefenderQuotaReason
{
    /// <summary>The response did not say.</summary>
    Unknown,

    /// <summary>Too many calls (the per-minute or per-hour call count).</summary>
    CallRate,

    /// <summary>The tenant's hunting CPU (running time) allocation; it resets with the service's 15-minute cycle.</summary>
    Cpu,

    /// <summary>The client-side governor's queue was full: the call was never sent.</summary>
    ClientQueue,
}
