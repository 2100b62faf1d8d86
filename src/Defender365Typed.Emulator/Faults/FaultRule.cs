using System;
using System.Threading;

namespace Defender365Typed.Emulator.Faults;

/// <summary>A fault applied to the next <c>times</c> requests that match a method and path.</summary>
public sealed class FaultRule
{
    private int _remaining;

    /// <summary>Creates a rule.</summary>
    /// <param name="kind">The fault.</param>
    /// <param name="pathContains">Matches requests whose path contains this (ordinal, case-insensitive).</param>
    /// <param name="method">The HTTP method, or null for any.</param>
    /// <param name="times">How many matching requests get the fault.</param>
    public FaultRule(FaultKind kind, string pathContains, string? method = null, int times = 1)
    {
        Kind = kind;
        PathContains = pathContains;
        Method = method;
        _remaining = times;
    }

    /// <summary>The fault.</summary>
    public FaultKind Kind { get; }

    /// <summary>The path fragment to match.</summary>
    public string PathContains { get; }

    /// <summary>The method to match, or null.</summary>
    public string? Method { get; }

    /// <summary>The Retry-After seconds for 429 and 503.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Delay of <see cref="FaultKind.Slow"/>.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Also match a request whose query string contains this, if set.</summary>
    public string? QueryContains { get; init; }

    /// <summary>Requests still to fault.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Requests that got this fault.</summary>
    public int Hits { get; private set; }

    internal bool TryTake()
    {
        while (true)
        {
            int current = Volatile.Read(ref _remaining);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _remaining, current - 1, current) == current)
            {
                Hits++;
                return true;
            }
        }
    }
}
