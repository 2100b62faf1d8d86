using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Equality and hashing of KQL values: numbers compare by value across int/long/real/decimal, strings ordinally.</summary>
public sealed class ValueComparer : IEqualityComparer<object?>
{
    /// <summary>The shared instance.</summary>
    public static ValueComparer Instance { get; } = new();

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y) => object.Equals(Normalize(x), Normalize(y));

    /// <inheritdoc/>
    public int GetHashCode(object? obj) => Normalize(obj)?.GetHashCode() ?? 0;

    internal static object? Normalize(object? v)
    {
        switch (v)
        {
            case int i:
                return (long)i;
            case double d when d == Math.Floor(d) && d >= -9.0e18 && d <= 9.0e18:
                return (long)d;
            case decimal m when m == decimal.Floor(m) && m >= long.MinValue && m <= long.MaxValue:
                return (long)m;
            case decimal m:
                return (double)m;
            case DateTime dt:
                return dt.Ticks;
            default:
                return v;
        }
    }
}

/// <summary>Equality of key tuples (group-by, join and distinct keys).</summary>
internal sealed class RowKeyComparer : IEqualityComparer<object?[]>
{
    public static RowKeyComparer Instance { get; } = new();

    public bool Equals(object?[]? x, object?[]? y)
    {
        if (x is null || y is null || x.Length != y.Length)
        {
            return x == y;
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (!ValueComparer.Instance.Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(object?[] obj)
    {
        var h = new HashCode();
        foreach (object? v in obj)
        {
            h.Add(ValueComparer.Instance.GetHashCode(v));
        }

        return h.ToHashCode();
    }
}

/// <summary>Conversions, comparisons and text forms of KQL values.</summary>
internal static class Values
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool b) => b ? True : False;

    public static bool IsNumber(object? v) => v is int or long or double or decimal;

    public static bool IsTrue(object? v) => v is true;

    // ------------------------------------------------------------------ text

    public static string DateTimeText(DateTime dt) =>
        DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string TimeSpanText(TimeSpan ts) => ts.ToString("c", CultureInfo.InvariantCulture);

    public static string RealText(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>tostring()</c>: null becomes the empty string.</summary>
    public static string ToText(object? v) => v switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => RealText(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => DateTimeText(dt),
        TimeSpan ts => TimeSpanText(ts),
        Guid g => g.ToString("D"),
        _ => DynamicJson.ToJson(v),
    };

    // ------------------------------------------------------------------ conversions

    public static long? ToLong(object? v)
    {
        switch (v)
        {
            case null: return null;
            case int i: return i;
            case long l: return l;
            case double d: return double.IsFinite(d) && Math.Abs(d) < 9.2e18 ? (long)d : null;
            case decimal m: return m >= long.MinValue && m <= long.MaxValue ? (long)m : null;
            case bool b: return b ? 1 : 0;
            case DateTime dt: return dt.Ticks;
            case TimeSpan ts: return ts.Ticks;
            case string s:
                s = s.Trim();
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long r))
                {
                    return r;
                }

                if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out r))
                {
                    return r;
                }

                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double dd) ? ToLong(dd) : null;
            default: return null;
        }
    }

    public static int? ToInt(object? v)
    {
        long? l = ToLong(v);
        return l is { } x && x >= int.MinValue && x <= int.MaxValue ? (int)x : null;
    }

    public static double? ToReal(object? v) => v switch
    {
        null => null,
        int i => i,
        long l => l,
        double d => d,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        string s => ParseReal(s.Trim()),
        _ => null,
    };

    private static double? ParseReal(string s)
    {
        switch (s.ToUpperInvariant())
        {
            case "NAN": return double.NaN;
            case "INF": case "+INF": case "INFINITY": case "+INFINITY": return double.PositiveInfinity;
            case "-INF": case "-INFINITY": return double.NegativeInfinity;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
    }

    public static decimal? ToDecimal(object? v)
    {
        try
        {
            return v switch
            {
                null => null,
                int i => i,
                long l => l,
                double d => double.IsFinite(d) ? (decimal)d : null,
                decimal m => m,
                bool b => b ? 1m : 0m,
                string s => decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m) ? m : null,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static bool? ToBool(object? v)
    {
        switch (v)
        {
            case null: return null;
            case bool b: return b;
            case int or long or double or decimal: return ToReal(v) != 0;
            case string s:
                s = s.Trim();
                if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1")
                {
                    return true;
                }

                if (s.Equals("false", StringComparison.OrdinalIgnoreCase) || s == "0")
                {
                    return false;
                }

                return null;
            default: return null;
        }
    }

    public static DateTime? ToDateTime(object? v) => v switch
    {
        DateTime dt => dt,
        string s => ParseDateTime(s),
        _ => null,
    };

    public static DateTime? ParseDateTime(string s)
    {
        s = s.Trim();
        if (s.Length == 0)
        {
            return null;
        }

        return DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime dt)
            ? DateTime.SpecifyKind(dt, DateTimeKind.Utc)
            : null;
    }

    public static TimeSpan? ToTimeSpan(object? v) => v switch
    {
        TimeSpan ts => ts,
        string s => ParseTimeSpan(s),
        int or long => new TimeSpan(ToLong(v)!.Value),
        _ => null,
    };

    /// <summary>Parses <c>1d</c>, <c>-30m</c>, <c>1.5h</c>, <c>100ms</c>, <c>15tick</c> or <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public static TimeSpan? ParseTimeSpan(string s)
    {
        s = s.Trim();
        if (s.Length == 0)
        {
            return null;
        }

        int i = 0;
        bool negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }

        int numberStart = i;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
        {
            i++;
        }

        string unit = s[i..].Trim().ToUpperInvariant();
        if (i > numberStart && unit.Length > 0 && unit.All(char.IsLetter)
            && double.TryParse(s.AsSpan(numberStart, i - numberStart), NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
        {
            double ticksPerUnit = unit switch
            {
                "D" or "DAY" or "DAYS" => TimeSpan.TicksPerDay,
                "H" or "HR" or "HRS" or "HOUR" or "HOURS" => TimeSpan.TicksPerHour,
                "M" or "MIN" or "MINUTE" or "MINUTES" => TimeSpan.TicksPerMinute,
                "S" or "SEC" or "SECOND" or "SECONDS" => TimeSpan.TicksPerSecond,
                "MS" or "MILLI" or "MILLIS" or "MILLISECOND" or "MILLISECONDS" => TimeSpan.TicksPerMillisecond,
                "MICRO" or "MICROS" or "MICROSECOND" or "MICROSECONDS" => 10,
                "TICK" or "TICKS" => 1,
                "NANOSECOND" or "NANOSECONDS" => 0.01,
                _ => -1,
            };
            if (ticksPerUnit < 0)
            {
                return null;
            }

            long ticks = (long)Math.Round(n * ticksPerUnit);
            return new TimeSpan(negative ? -ticks : ticks);
        }

        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan ts) ? ts : null;
    }

    public static Guid? ToGuid(object? v) => v switch
    {
        Guid g => g,
        string s => Guid.TryParse(s.Trim(), out Guid g) ? g : null,
        _ => null,
    };

    /// <summary>Converts the text inside a typed literal (<c>datetime(…)</c>, <c>int(…)</c>...); null for <c>null</c> or bad text.</summary>
    public static object? ParseLiteral(KqlScalarType type, string text)
    {
        text = text.Trim();
        if (text == "null")
        {
            return null;
        }

        if (text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0])
        {
            text = text[1..^1];
        }

        return type switch
        {
            KqlScalarType.Bool => ToBool(text),
            KqlScalarType.Int => ToInt(text),
            KqlScalarType.Long => ToLong(text),
            KqlScalarType.Real => ParseReal(text),
            KqlScalarType.Decimal => ToDecimal(text),
            KqlScalarType.String => text,
            KqlScalarType.DateTime => ParseDateTime(text),
            KqlScalarType.TimeSpan => ParseTimeSpan(text),
            KqlScalarType.Guid => ToGuid(text),
            _ => DynamicJson.TryParse(text, out object? d) ? d : null,
        };
    }

    /// <summary>Converts a value to the representation of <paramref name="type"/> (casts, not parsing, except for strings).</summary>
    public static object? Coerce(object? v, KqlScalarType type)
    {
        if (v is null)
        {
            return type == KqlScalarType.String ? "" : null;
        }

        switch (type)
        {
            case KqlScalarType.String:
                return v as string ?? ToText(v);
            case KqlScalarType.Long:
                return v is long ? v : ToLong(v);
            case KqlScalarType.Int:
                return v is int ? v : v is long l ? unchecked((int)l) : ToInt(v);
            case KqlScalarType.Real:
                return v is double ? v : ToReal(v);
            case KqlScalarType.Decimal:
                return v is decimal ? v : ToDecimal(v);
            case KqlScalarType.Bool:
                return v is bool ? v : ToBool(v);
            case KqlScalarType.DateTime:
                return v is DateTime ? v : ToDateTime(v);
            case KqlScalarType.TimeSpan:
                return v is TimeSpan ? v : ToTimeSpan(v);
            case KqlScalarType.Guid:
                return v is Guid ? v : ToGuid(v);
            default:
                return v is int i ? (long)i : v;
        }
    }

    /// <summary>The natural type of a runtime value.</summary>
    public static KqlScalarType TypeOf(object? v) => v switch
    {
        bool => KqlScalarType.Bool,
        int => KqlScalarType.Int,
        long => KqlScalarType.Long,
        double => KqlScalarType.Real,
        decimal => KqlScalarType.Decimal,
        string => KqlScalarType.String,
        DateTime => KqlScalarType.DateTime,
        TimeSpan => KqlScalarType.TimeSpan,
        Guid => KqlScalarType.Guid,
        _ => KqlScalarType.Dynamic,
    };

    // ------------------------------------------------------------------ comparison

    /// <summary>Orders two non-null values; null when they cannot be compared.</summary>
    public static int? Compare(object a, object b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double || b is double)
            {
                return ToReal(a)!.Value.CompareTo(ToReal(b)!.Value);
            }

            if (a is decimal || b is decimal)
            {
                return ToDecimal(a)!.Value.CompareTo(ToDecimal(b)!.Value);
            }

            return ToLong(a)!.Value.CompareTo(ToLong(b)!.Value);
        }

        return (a, b) switch
        {
            (string x, string y) => string.CompareOrdinal(x, y),
            (DateTime x, DateTime y) => x.CompareTo(y),
            (TimeSpan x, TimeSpan y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            (Guid x, Guid y) => string.CompareOrdinal(x.ToString("D"), y.ToString("D")),
            (Guid x, string y) => string.Compare(x.ToString("D"), y, StringComparison.OrdinalIgnoreCase),
            (string x, Guid y) => string.Compare(x, y.ToString("D"), StringComparison.OrdinalIgnoreCase),
            (DynamicArray or DynamicBag, _) or (_, DynamicArray or DynamicBag) => string.CompareOrdinal(ToText(a), ToText(b)),
            _ => null,
        };
    }

    /// <summary><c>==</c>: null when either side is null (so the row does not match).</summary>
    public static bool? AreEqual(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (a is DynamicArray || a is DynamicBag || b is DynamicArray || b is DynamicBag)
        {
            return ValueComparer.Instance.Equals(a, b);
        }

        int? c = Compare(a, b);
        return c is null ? null : c == 0;
    }

    /// <summary>Sort order with KQL null placement: nulls first when ascending, last when descending (by default).</summary>
    public static int CompareForSort(object? a, object? b, bool nullsFirst)
    {
        if (a is null || b is null)
        {
            if (a is null && b is null)
            {
                return 0;
            }

            return (a is null ? -1 : 1) * (nullsFirst ? 1 : -1);
        }

        int? c = Compare(a, b);
        return c ?? string.CompareOrdinal(TypeOf(a).ToString(), TypeOf(b).ToString());
    }
}
