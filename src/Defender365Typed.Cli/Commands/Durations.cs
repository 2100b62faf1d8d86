using System;
using System.Globalization;

namespace Defender365Typed.Cli.Commands;

/// <summary>The CLI's one reader of short durations (<c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>), for every option that takes one.</summary>
internal static class Durations
{
    /// <summary>A whole positive number with d, h, m or s (either case) → the duration; anything else, or too long for a TimeSpan, → null.</summary>
    public static TimeSpan? Parse(string value)
    {
        value = value.Trim();
        if (value.Length < 2 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0)
        {
            return null;
        }

        long unit = char.ToLowerInvariant(value[^1]) switch
        {
            'd' => TimeSpan.TicksPerDay,
            'h' => TimeSpan.TicksPerHour,
            'm' => TimeSpan.TicksPerMinute,
            's' => TimeSpan.TicksPerSecond,
            _ => 0,
        };
        return unit == 0 || n > TimeSpan.MaxValue.Ticks / unit ? null : TimeSpan.FromTicks(n * unit);
    }
}
