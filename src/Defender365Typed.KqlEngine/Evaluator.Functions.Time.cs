using System;
using System.Globalization;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Date and time functions: datetime_diff/add/part, bin_at, format_timespan, unix times, time zones, make_datetime.</summary>
internal sealed partial class Evaluator
{
    private Scalar? CompileTimeFunction(FunctionCall c)
    {
        switch (c.Name)
        {
            case "datetime_diff":
            {
                c.Count(3, 3);
                c.Require(1, KqlScalarType.DateTime);
                c.Require(2, KqlScalarType.DateTime);
                string part = DatePart(c, 0);
                return c.Of(KqlScalarType.Long, v => v[1] is DateTime a && v[2] is DateTime b ? DateTimeDiff(part, a, b) : null);
            }

            case "datetime_add":
            {
                c.Count(3, 3);
                c.Require(2, KqlScalarType.DateTime);
                string part = DatePart(c, 0);
                return c.Of(KqlScalarType.DateTime, v => v[2] is DateTime d && Values.ToLong(v[1]) is { } n ? DateTimeAdd(part, n, d) : null);
            }

            case "datetime_part":
            {
                c.Count(2, 2);
                c.Require(1, KqlScalarType.DateTime);
                string part = DatePart(c, 0);
                return c.Of(KqlScalarType.Int, v => v[1] is DateTime d ? DateTimePart(part, d) : null);
            }

            case "week_of_year":
                c.Count(1, 1);
                c.Require(0, KqlScalarType.DateTime);
                return c.Of(KqlScalarType.Int, v => v[0] is DateTime d ? ISOWeek.GetWeekOfYear(d) : null);
            case "unixtime_seconds_todatetime":
            case "unixtime_milliseconds_todatetime":
            case "unixtime_microseconds_todatetime":
            case "unixtime_nanoseconds_todatetime":
            {
                c.Count(1, 1);
                double ticksPerUnit = c.Name switch
                {
                    "unixtime_seconds_todatetime" => TimeSpan.TicksPerSecond,
                    "unixtime_milliseconds_todatetime" => TimeSpan.TicksPerMillisecond,
                    "unixtime_microseconds_todatetime" => 10,
                    _ => 0.01,
                };
                return c.Of(KqlScalarType.DateTime, v => Values.ToReal(v[0]) is { } n ? AddTicks(DateTime.UnixEpoch, n * ticksPerUnit) : null);
            }

            case "datetime_local_to_utc":
            case "datetime_utc_to_local":
            {
                c.Count(2, 2);
                c.Require(0, KqlScalarType.DateTime);
                bool toUtc = c.Name == "datetime_local_to_utc";
                return c.Of(KqlScalarType.DateTime, v =>
                {
                    if (v[0] is not DateTime d || !TimeZoneInfo.TryFindSystemTimeZoneById(Values.ToText(v[1]), out TimeZoneInfo? zone))
                    {
                        return null;
                    }

                    DateTime unspecified = DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
                    return toUtc
                        ? DateTime.SpecifyKind(unspecified - zone.GetUtcOffset(unspecified), DateTimeKind.Utc)
                        : DateTime.SpecifyKind(d + zone.GetUtcOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)), DateTimeKind.Utc);
                });
            }

            case "bin_at":
            {
                c.Count(3, 3);
                KqlScalarType type = c.Args[0].Type is KqlScalarType.DateTime or KqlScalarType.TimeSpan ? c.Args[0].Type
                    : Array.Exists(c.Args, a => a.Type == KqlScalarType.Real) ? KqlScalarType.Real
                    : c.Args[0].Type;
                return c.Of(type, v => BinAt(v[0], v[1], v[2]));
            }

            case "format_timespan":
                c.Count(2, 2);
                c.Require(0, KqlScalarType.TimeSpan);
                return c.Of(KqlScalarType.String, v => v[0] is TimeSpan t ? FormatTimeSpan(t, Values.ToText(v[1])) : "");
            case "make_datetime":
                c.Count(3, 7);
                return c.Of(KqlScalarType.DateTime, v =>
                {
                    long[] p = new long[6];
                    for (int i = 0; i < Math.Min(6, v.Length); i++)
                    {
                        p[i] = Values.ToLong(v[i]) ?? 0;
                    }

                    try
                    {
                        double seconds = v.Length > 5 ? Values.ToReal(v[5]) ?? 0 : 0;
                        return new DateTime((int)p[0], (int)p[1], (int)p[2], (int)p[3], (int)p[4], 0, DateTimeKind.Utc).AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        return null;
                    }
                });
            case "make_timespan":
                c.Count(2, 5);
                return c.Of(KqlScalarType.TimeSpan, v =>
                {
                    double[] p = new double[4];
                    int offset = 4 - Math.Min(4, v.Length);
                    for (int i = 0; i < Math.Min(4, v.Length); i++)
                    {
                        p[offset + i] = Values.ToReal(v[i]) ?? 0;
                    }

                    return v.Length == 2
                        ? new TimeSpan((long)((p[2] * TimeSpan.TicksPerHour) + (p[3] * TimeSpan.TicksPerMinute)))
                        : new TimeSpan((long)((p[0] * TimeSpan.TicksPerDay) + (p[1] * TimeSpan.TicksPerHour) + (p[2] * TimeSpan.TicksPerMinute) + (p[3] * TimeSpan.TicksPerSecond)));
                });
            default:
                return null;
        }
    }

    private string DatePart(FunctionCall c, int index)
    {
        string part = c.ConstantText(index).ToUpperInvariant();
        return part switch
        {
            "YEAR" or "QUARTER" or "MONTH" or "WEEK" or "WEEK_OF_YEAR" or "DAY" or "DAYOFYEAR" or "HOUR" or "MINUTE" or "SECOND" or "MILLISECOND"
                or "MICROSECOND" or "NANOSECOND" => part,
            _ => throw Error(c.Expr.Args[index], $"'{c.Expr.Name.Name}' does not know the date part '{c.ConstantText(index)}'."),
        };
    }

    /// <summary>datetime_diff: the number of <paramref name="part"/> boundaries between the two values (first minus second).</summary>
    private static long DateTimeDiff(string part, DateTime a, DateTime b) => part switch
    {
        "YEAR" => a.Year - b.Year,
        "QUARTER" => ((a.Year - b.Year) * 4) + ((a.Month - 1) / 3) - ((b.Month - 1) / 3),
        "MONTH" => ((a.Year - b.Year) * 12) + a.Month - b.Month,
        "WEEK" or "WEEK_OF_YEAR" => (a.Date.AddDays(-(int)a.DayOfWeek) - b.Date.AddDays(-(int)b.DayOfWeek)).Days / 7,
        "DAY" or "DAYOFYEAR" => (a.Date - b.Date).Days,
        "HOUR" => (a.Ticks / TimeSpan.TicksPerHour) - (b.Ticks / TimeSpan.TicksPerHour),
        "MINUTE" => (a.Ticks / TimeSpan.TicksPerMinute) - (b.Ticks / TimeSpan.TicksPerMinute),
        "SECOND" => (a.Ticks / TimeSpan.TicksPerSecond) - (b.Ticks / TimeSpan.TicksPerSecond),
        "MILLISECOND" => (a.Ticks / TimeSpan.TicksPerMillisecond) - (b.Ticks / TimeSpan.TicksPerMillisecond),
        "MICROSECOND" => (a.Ticks / 10) - (b.Ticks / 10),
        _ => (a.Ticks - b.Ticks) * 100,
    };

    private static DateTime? DateTimeAdd(string part, long n, DateTime d)
    {
        try
        {
            return part switch
            {
                "YEAR" => d.AddYears((int)n),
                "QUARTER" => d.AddMonths((int)(n * 3)),
                "MONTH" => d.AddMonths((int)n),
                "WEEK" or "WEEK_OF_YEAR" => d.AddDays(n * 7),
                "DAY" or "DAYOFYEAR" => d.AddDays(n),
                "HOUR" => d.AddHours(n),
                "MINUTE" => d.AddMinutes(n),
                "SECOND" => d.AddSeconds(n),
                "MILLISECOND" => d.AddMilliseconds(n),
                "MICROSECOND" => d.AddTicks(n * 10),
                _ => d.AddTicks(n / 100),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int DateTimePart(string part, DateTime d) => part switch
    {
        "YEAR" => d.Year,
        "QUARTER" => ((d.Month - 1) / 3) + 1,
        "MONTH" => d.Month,
        "WEEK" or "WEEK_OF_YEAR" => ISOWeek.GetWeekOfYear(d),
        "DAY" => d.Day,
        "DAYOFYEAR" => d.DayOfYear,
        "HOUR" => d.Hour,
        "MINUTE" => d.Minute,
        "SECOND" => d.Second,
        "MILLISECOND" => d.Millisecond,
        "MICROSECOND" => (int)(d.Ticks % TimeSpan.TicksPerSecond / 10),
        _ => (int)(d.Ticks % TimeSpan.TicksPerSecond * 100),
    };

    /// <summary>bin_at: bin() of the distance from <paramref name="fixedPoint"/>, so the bins are aligned to it.</summary>
    private static object? BinAt(object? value, object? size, object? fixedPoint)
    {
        try
        {
            return (value, fixedPoint) switch
            {
                (DateTime d, DateTime f) => Bin(d - f, size) is TimeSpan t ? f + t : null,
                (TimeSpan d, TimeSpan f) => Bin(d - f, size) is TimeSpan t ? f + t : null,
                _ when value is double || size is double || fixedPoint is double => Values.ToReal(value) is { } v && Values.ToReal(fixedPoint) is { } f
                    ? Values.ToReal(Bin(v - f, size)) + f
                    : null,
                _ => Values.ToLong(value) is { } v && Values.ToLong(fixedPoint) is { } f && Values.ToLong(Bin(v - f, size)) is { } b ? b + f : null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// format_timespan: d…dddddddd, H/HH (h/hh too), m/mm, s/ss, f…/F… as .NET's TimeSpan specifiers; every other
    /// character is a literal. A negative timespan is its duration with a leading '-'.
    /// </summary>
    private static string FormatTimeSpan(TimeSpan t, string format)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char ch in format)
        {
            if ("dhHmsfF".Contains(ch, StringComparison.Ordinal))
            {
                sb.Append(ch == 'H' ? 'h' : ch);
            }
            else
            {
                sb.Append('\\').Append(ch);
            }
        }

        try
        {
            string custom = sb.Length == 1 ? "%" + sb : sb.ToString();
            return (t < TimeSpan.Zero ? "-" : "") + t.Duration().ToString(custom, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static DateTime? AddTicks(DateTime d, double ticks)
    {
        try
        {
            return d.AddTicks((long)ticks);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
