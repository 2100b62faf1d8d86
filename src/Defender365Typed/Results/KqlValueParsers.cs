using System;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Defender365Typed.Results;

/// <summary>Parsers for the text forms the hunting APIs use, on UTF-8 bytes, with no allocation.</summary>
internal static class KqlValueParsers
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    /// <summary>
    /// ISO 8601: <c>yyyy-MM-dd</c>, then optionally <c>T</c> (or a space) <c>HH:mm</c>, <c>:ss</c>, a fraction of any
    /// length (digits past the 7th, below 100 ns, are dropped), then <c>Z</c>, <c>±HH:mm</c>, <c>±HHmm</c> or nothing
    /// (UTC, as KQL datetimes are). <paramref name="utcTicks"/> is the instant in UTC.
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<byte> s, out long utcTicks, out int offsetMinutes)
    {
        if (s.Length == 28 && TryParseRoundTripUtc(s, out utcTicks))
        {
            offsetMinutes = 0;
            return true;
        }

        return TryParseIso8601(s, out utcTicks, out offsetMinutes);
    }

    /// <summary>The general ISO 8601 parser (any fraction length, offsets, date only); also the fast path's test oracle.</summary>
    internal static bool TryParseIso8601(ReadOnlySpan<byte> s, out long utcTicks, out int offsetMinutes)
    {
        offsetMinutes = 0;
        utcTicks = 0;
        if (s.Length < 10
            || !Digits(s, 0, 4, out int year) || s[4] != (byte)'-'
            || !Digits(s, 5, 2, out int month) || s[7] != (byte)'-'
            || !Digits(s, 8, 2, out int day))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        long fraction = 0;
        int i = 10;
        if (i < s.Length && (s[i] == (byte)'T' || s[i] == (byte)'t' || s[i] == (byte)' '))
        {
            if (s.Length < i + 6 || !Digits(s, i + 1, 2, out hour) || s[i + 3] != (byte)':' || !Digits(s, i + 4, 2, out minute))
            {
                return false;
            }

            i += 6;
            if (i < s.Length && s[i] == (byte)':')
            {
                if (s.Length < i + 3 || !Digits(s, i + 1, 2, out second))
                {
                    return false;
                }

                i += 3;
                if (i < s.Length && (s[i] == (byte)'.' || s[i] == (byte)','))
                {
                    i++;
                    int digits = 0;
                    while (i < s.Length && (uint)(s[i] - '0') <= 9)
                    {
                        if (digits < 7)
                        {
                            fraction = (fraction * 10) + (s[i] - '0');
                            digits++;
                        }

                        i++;
                    }

                    if (digits == 0)
                    {
                        return false;
                    }

                    for (; digits < 7; digits++)
                    {
                        fraction *= 10;
                    }
                }
            }
        }

        if (i < s.Length)
        {
            byte zone = s[i];
            if (zone is (byte)'Z' or (byte)'z')
            {
                i++;
            }
            else if (zone is (byte)'+' or (byte)'-')
            {
                if (s.Length < i + 3 || !Digits(s, i + 1, 2, out int offsetHours))
                {
                    return false;
                }

                i += 3;
                int offsetMins = 0;
                if (i < s.Length && s[i] == (byte)':')
                {
                    i++;
                }

                if (i < s.Length)
                {
                    if (!Digits(s, i, 2, out offsetMins))
                    {
                        return false;
                    }

                    i += 2;
                }

                if (offsetHours > 14 || offsetMins > 59)
                {
                    return false;
                }

                offsetMinutes = (offsetHours * 60) + offsetMins;
                if (zone == (byte)'-')
                {
                    offsetMinutes = -offsetMinutes;
                }
            }
        }

        if (i != s.Length
            || year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = new DateTime(year, month, day).Ticks
            + (((hour * 3600L) + (minute * 60L) + second) * TicksPerSecond)
            + fraction
            - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < 0 || ticks > MaxTicks)
        {
            return false;
        }

        utcTicks = ticks;
        return true;
    }

    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value) =>
        Utf8Parser.TryParse(s, out value, out int consumed) && consumed == s.Length && s.Length > 0 && s[0] != (byte)'+';

    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (s.SequenceEqual("NaN"u8))
        {
            value = double.NaN;
            return true;
        }

        if (s.SequenceEqual("Infinity"u8) || s.SequenceEqual("+Infinity"u8))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (s.SequenceEqual("-Infinity"u8))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return Utf8Parser.TryParse(s, out value, out int consumed) && consumed == s.Length && double.IsFinite(value);
    }

    public static bool TryParseDecimal(ReadOnlySpan<byte> s, out decimal value) =>
        Utf8Parser.TryParse(s, out value, out int consumed) && consumed == s.Length;

    public static bool TryParseGuid(ReadOnlySpan<byte> s, out Guid value)
    {
        if (Utf8Parser.TryParse(s, out value, out int consumed) && consumed == s.Length)
        {
            return true;
        }

        if (s.Length is 32 or 38)
        {
            Span<char> chars = stackalloc char[38];
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] >= 0x80)
                {
                    return false;
                }

                chars[i] = (char)s[i];
            }

            return Guid.TryParseExact(chars[..s.Length], s.Length == 32 ? "N" : "B", out value);
        }

        return false;
    }

    /// <summary>The .NET constant format <c>[-][d.]hh:mm:ss[.fffffff]</c>, as KQL timespans are sent.</summary>
    public static bool TryParseTimeSpan(ReadOnlySpan<byte> s, out TimeSpan value) =>
        Utf8Parser.TryParse(s, out value, out int consumed, 'c') && consumed == s.Length;

    public static bool TryParseBool(ReadOnlySpan<byte> s, out bool value)
    {
        if (s.Length == 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'r' && (s[2] | 0x20) == 'u' && (s[3] | 0x20) == 'e')
        {
            value = true;
            return true;
        }

        if (s.Length == 5 && (s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'l' && (s[3] | 0x20) == 's' && (s[4] | 0x20) == 'e')
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>
    /// The form the hunting APIs send almost always, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (28 bytes), read without the
    /// general parser's branches; false sends anything else to it.
    /// </summary>
    private static bool TryParseRoundTripUtc(ReadOnlySpan<byte> s, out long utcTicks)
    {
        utcTicks = 0;
        if (s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':'
            || s[19] != (byte)'.' || s[27] != (byte)'Z')
        {
            return false;
        }

        uint y0 = (uint)(s[0] - '0'), y1 = (uint)(s[1] - '0'), y2 = (uint)(s[2] - '0'), y3 = (uint)(s[3] - '0');
        uint mo0 = (uint)(s[5] - '0'), mo1 = (uint)(s[6] - '0'), d0 = (uint)(s[8] - '0'), d1 = (uint)(s[9] - '0');
        uint h0 = (uint)(s[11] - '0'), h1 = (uint)(s[12] - '0'), mi0 = (uint)(s[14] - '0'), mi1 = (uint)(s[15] - '0');
        uint s0 = (uint)(s[17] - '0'), s1 = (uint)(s[18] - '0');
        if ((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1) > 9)
        {
            return false;
        }

        long fraction = 0;
        for (int i = 20; i < 27; i++)
        {
            uint digit = (uint)(s[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            fraction = (fraction * 10) + digit;
        }

        int year = (int)((y0 * 1000) + (y1 * 100) + (y2 * 10) + y3);
        int month = (int)((mo0 * 10) + mo1);
        int day = (int)((d0 * 10) + d1);
        int hour = (int)((h0 * 10) + h1);
        int minute = (int)((mi0 * 10) + mi1);
        int second = (int)((s0 * 10) + s1);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utcTicks = new DateTime(year, month, day).Ticks + (((hour * 3600L) + (minute * 60L) + second) * TicksPerSecond) + fraction;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
