using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Defender365Typed.Client.Quota;

/// <summary>
/// What a 429 says: which limit (call count or CPU, read from the body's message, as the documentation asks) and when it
/// resets (Retry-After; else a wait the message names; else the limit's own cycle: the next minute for calls, the next
/// 15-minute boundary for CPU).
/// </summary>
internal readonly record struct QuotaThrottle(DefenderQuotaReason Reason, DateTimeOffset ResetAt)
{
    /// <summary>The service's CPU cycle: 15 minutes, aligned to the clock.</summary>
    public static readonly TimeSpan CpuCycle = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CallWindow = TimeSpan.FromMinutes(1);

    public static QuotaThrottle From(TimeSpan? retryAfter, string? message, DateTimeOffset now)
    {
        DefenderQuotaReason reason = ReasonOf(message);
        TimeSpan wait = retryAfter ?? WaitNamedIn(message) ?? (reason == DefenderQuotaReason.Cpu ? UntilNextCycle(now) : CallWindow);
        return new QuotaThrottle(reason, now + (wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
    }

    /// <summary>The limit a 429's message names: CPU / running or execution time, or the call count.</summary>
    public static DefenderQuotaReason ReasonOf(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return DefenderQuotaReason.Unknown;
        }

        if (Contains(message, "cpu") || Contains(message, "running time") || Contains(message, "execution time") || Contains(message, "resource"))
        {
            return DefenderQuotaReason.Cpu;
        }

        return Contains(message, "rate limit") || Contains(message, "request") || Contains(message, "calls")
            ? DefenderQuotaReason.CallRate
            : DefenderQuotaReason.Unknown;
    }

    /// <summary>"... in 37 seconds", "... in 2 minutes" or a time span ("00:12:30") in the message.</summary>
    private static TimeSpan? WaitNamedIn(string? message)
    {
        if (message is null)
        {
            return null;
        }

        Match unit = Regex.Match(message, @"(\d{1,6})\s*(second|sec|minute|min)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        if (unit.Success)
        {
            int n = int.Parse(unit.Groups[1].Value, CultureInfo.InvariantCulture);
            return unit.Groups[2].Value.StartsWith("m", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
        }

        Match span = Regex.Match(message, @"\b\d{1,2}:\d{2}:\d{2}\b", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return span.Success && TimeSpan.TryParse(span.Value, CultureInfo.InvariantCulture, out TimeSpan named) ? named : null;
    }

    /// <summary>The start of the CPU cycle <paramref name="now"/> falls in (UTC).</summary>
    public static DateTimeOffset CycleStart(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % CpuCycle.Ticks), TimeSpan.Zero);

    private static TimeSpan UntilNextCycle(DateTimeOffset now) => CycleStart(now) + CpuCycle - now;

    private static bool Contains(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
