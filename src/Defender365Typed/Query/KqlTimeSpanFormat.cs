using System;
using System.Globalization;
using System.Numerics;

namespace Defender365Typed;

/// <summary>Chooses the shortest exact KQL text for a <see cref="TimeSpan"/>.</summary>
/// <remarks>
/// <para>The largest unit that divides the value exactly is used: <c>7d</c>, <c>1h</c>, <c>30m</c>, <c>10s</c>,
/// <c>100ms</c>, else <c>N tick</c>. <c>microsecond</c> is skipped on purpose: Kusto.Language decodes it as
/// <c>N / 1e6</c> seconds in floating point, which is not exact (<c>tick</c> is).</para>
/// <para>Kusto.Language reads the number of a unit literal as a <see cref="double"/>, so a tick count that a double
/// cannot hold exactly (beyond 2^53 ticks, about 28.5 years, with an odd low part) would be rounded; such values
/// use the documented <c>time(d.hh:mm:ss.fffffff)</c> form instead, which is exact.</para>
/// <para>A negative value is written inside <c>time(...)</c> (<c>time(-7d)</c>) so that it stays one token:
/// <c>x - time(-7d)</c> is safe where <c>x - -7d</c> reads as two operators.</para>
/// </remarks>
internal static class KqlTimeSpanFormat
{
    private static readonly (long Ticks, string Suffix)[] Units =
    [
        (TimeSpan.TicksPerDay, "d"),
        (TimeSpan.TicksPerHour, "h"),
        (TimeSpan.TicksPerMinute, "m"),
        (TimeSpan.TicksPerSecond, "s"),
        (TimeSpan.TicksPerMillisecond, "ms"),
        (1, "tick"),
    ];

    public static string Format(TimeSpan value)
    {
        long ticks = value.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }

        bool negative = ticks < 0;
        // Unsigned magnitude, so that TimeSpan.MinValue (-2^63 ticks) does not overflow.
        ulong magnitude = negative ? 0UL - (ulong)ticks : (ulong)ticks;
        if (!IsExactDouble(magnitude))
        {
            return string.Concat("time(", value.ToString("c", CultureInfo.InvariantCulture), ")");
        }

        foreach ((long unitTicks, string suffix) in Units)
        {
            if (magnitude % (ulong)unitTicks == 0)
            {
                ulong count = magnitude / (ulong)unitTicks;
                Span<char> digits = stackalloc char[20];
                count.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
                return negative
                    ? string.Concat("time(-", digits.Slice(0, written), suffix, ")")
                    : string.Concat(digits.Slice(0, written), suffix);
            }
        }

        throw new InvalidOperationException("Unreachable: the tick unit divides every value.");
    }

    // A double holds an integer exactly when its odd part fits in the 53-bit significand.
    private static bool IsExactDouble(ulong magnitude) =>
        magnitude >> BitOperations.TrailingZeroCount(magnitude) < (1UL << 53);
}
