using System;

namespace Defender365Typed.Client;

/// <summary>
/// The legacy API serves the last 30 days only (it has no <c>Timespan</c>): a slice older than that comes back empty, which
/// would look like a complete result. The sliced runner therefore never sends a legacy slice, or the part of one, that
/// starts before the window; that part fails (a gap), and a strict run over such a range is refused up front. The window
/// is measured on the client's clock, so a start up to <see cref="Tolerance"/> older is let through: the range
/// "now − 30 days" computed a moment earlier, and a client clock a little off the service's, are not refused.
/// </summary>
internal static class LegacyHuntingWindow
{
    /// <summary>How far back the legacy API serves rows.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromDays(30);

    /// <summary>How much older than the window a start may be before the runner counts it as outside.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The oldest time the legacy API serves at <paramref name="now"/>.</summary>
    public static DateTime OldestServed(DateTimeOffset now) => (now - Length).UtcDateTime;

    /// <summary>
    /// The part of [<paramref name="start"/>, <paramref name="end"/>) the legacy API no longer serves at
    /// <paramref name="now"/> (it ends at the window's start, or at <paramref name="end"/>) and why, or null when it serves all of it.
    /// </summary>
    public static (DateTime End, string Reason)? Outside(DateTime start, DateTime end, DateTimeOffset now)
    {
        DateTime oldest = OldestServed(now);
        if (start >= oldest - Tolerance)
        {
            return null;
        }

        return (end < oldest ? end : oldest,
            $"the range is older than the 30 days the legacy API serves (the oldest time it served when the slice was due was {SlicedRunOptions.Format(oldest)}); it was not sent, since it would have come back empty");
    }

    /// <summary>Why a strict run whose range starts at <paramref name="start"/> is refused (its first slice could only fail), or null.</summary>
    public static string? Refusal(DateTime start, DateTimeOffset now) =>
        Outside(start, start, now) is null
            ? null
            : $"SlicedRunOptions.Start ({SlicedRunOptions.Format(start)}) is older than the legacy API serves: it covers the last 30 days, from {SlicedRunOptions.Format(OldestServed(now))}. Start there or later, use the Graph API (its Timespan reaches further back), or run in SlicedRunMode.Lenient to get the served part and the rest reported as a gap.";
}
