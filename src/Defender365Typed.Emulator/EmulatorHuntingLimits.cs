using System;

namespace Defender365Typed.Emulator;

/// <summary>
/// The service limits the emulator enforces on hunting calls (<see cref="EmulatorOptions.HuntingLimits"/>), with the
/// documented values as defaults (docs/emulator-limits.md). Each limit set to null is off. The properties are read on
/// every request, so a test may change them while the emulator runs.
/// </summary>
/// <remarks>
/// The emulator is one tenant: every call counts against <see cref="EmulatorOptions.TenantId"/>. Time is
/// <see cref="EmulatorOptions.Time"/>, so quotas move with a fake clock. Query cost is a deterministic model (never the
/// wall clock): <c>CpuPerQuery + rows of the tables the query read × (1 + the query's pipes) × CpuPerRowOperator</c>;
/// the same modelled time is the query's running time, its CPU and the legacy <c>Stats.ExecutionTime</c>.
/// </remarks>
public sealed class EmulatorHuntingLimits
{
    /// <summary>The result size the MDE API documents (124 MB, that is 124 × 2^20 bytes: "approximately 130 million bytes").</summary>
    public const long DocumentedMaxResultBytes = 124L * 1024 * 1024;

    /// <summary>False: no limit is enforced (as when <see cref="EmulatorOptions.HuntingLimits"/> is null). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows returned at most by an evaluated query (the service's 100,000); extra rows are dropped. Null: the engine's own cap.</summary>
    public int? RowCap { get; set; } = 100_000;

    /// <summary>
    /// The largest response body, in bytes (default 124 MB): a larger result is answered with the service's 400 "Query
    /// execution has exceeded the allowed result size..." and no row is sent.
    /// </summary>
    public long? MaxResultBytes { get; set; } = DocumentedMaxResultBytes;

    /// <summary>
    /// The longest a query may run (default 3 minutes, Defender XDR and Graph; the MDE API says 200 s), measured on the cost
    /// model: a query whose modelled time exceeds it gets the 400 "Query exceeded the timeout period." and is charged
    /// this much CPU.
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Calls accepted per tenant in any sliding minute (default 45); more get a 429 naming this quota.</summary>
    public int? CallsPerMinute { get; set; } = 45;

    /// <summary>Calls accepted per tenant in any sliding hour (default 1,500, the MDE API); more get a 429 naming this quota.</summary>
    public int? CallsPerHour { get; set; } = 1_500;

    /// <summary>
    /// Modelled CPU a tenant may use per <see cref="CpuCycle"/> (default 2.5 minutes: the MDE API's 10 minutes per hour,
    /// spread over its four 15-minute cycles). Once used up, every hunting call gets the CPU 429 until the next cycle.
    /// </summary>
    public TimeSpan? CpuAllowance { get; set; } = TimeSpan.FromMinutes(2.5);

    /// <summary>The CPU accounting cycle (default 15 minutes); cycles start at multiples of it since the Unix epoch.</summary>
    public TimeSpan CpuCycle { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Cost model: what every evaluated query costs before it reads a row (default 50 ms).</summary>
    public TimeSpan CpuPerQuery { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Cost model: what one row read costs per operator the query applies (default 1 µs).</summary>
    public TimeSpan CpuPerRowOperator { get; set; } = TimeSpan.FromTicks(10);
}
