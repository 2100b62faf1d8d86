using System;

namespace Defender365Typed.Emulator.Api;

/// <summary>A snapshot of one tenant's hunting calls under <see cref="EmulatorOptions.HuntingLimits"/> (<see cref="HuntingLimits.Calls"/>).</summary>
/// <param name="TenantId">The tenant the calls counted against.</param>
/// <param name="Accepted">Calls let through the call and CPU quotas (whatever their answer).</param>
/// <param name="ThrottledByCallRate">Calls answered 429 for the calls-per-minute or calls-per-hour quota.</param>
/// <param name="ThrottledByCpu">Calls answered 429 because the cycle's CPU allowance was used up.</param>
/// <param name="TimedOut">Accepted calls answered 400 because their modelled time exceeded the request timeout.</param>
/// <param name="ResultTooLarge">Accepted calls answered 400 because their result exceeded the size limit.</param>
/// <param name="CpuUsedInCycle">Modelled CPU charged in the current cycle.</param>
/// <param name="CycleStart">When the current CPU cycle began.</param>
/// <param name="CpuUsedTotal">Modelled CPU charged since the emulator started.</param>
public sealed record HuntingCallCounters(
    string TenantId,
    long Accepted,
    long ThrottledByCallRate,
    long ThrottledByCpu,
    long TimedOut,
    long ResultTooLarge,
    TimeSpan CpuUsedInCycle,
    DateTimeOffset CycleStart,
    TimeSpan CpuUsedTotal)
{
    /// <summary>Every call answered 429 (<see cref="ThrottledByCallRate"/> + <see cref="ThrottledByCpu"/>).</summary>
    public long Throttled => ThrottledByCallRate + ThrottledByCpu;
}
