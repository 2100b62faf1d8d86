using System;
using System.Globalization;

namespace Defender365Typed;

/// <summary>The one routine that turns C# values into KQL literal text.</summary>
/// <remarks>
/// <para>Every value that goes into a query passes through here, so no value can change the query's structure
/// (KQL injection). Each result is exactly one KQL token: negative numbers use the typed form
/// (<c>long(-5)</c>, <c>real(-1.5)</c>, <c>time(-7d)</c>), so that <c>x - &lt;literal&gt;</c> never becomes
/// <c>x - -5</c> and <see cref="long.MinValue"/> is not read as <c>-(9223372036854775808)</c>, which overflows.</para>
/// <para>The rules were settled against Microsoft's own parser (Kusto.Language 12.4.1); see the tests in
/// <c>tests/Defender365Typed.Tests/Literals</c>.</para>
/// </remarks>
public static class KqlLiteral
{
    /// <summary>A KQL string literal in double quotes, e.g. <c>"a\"b"</c>.</summary>
    /// <param name="value">Any text without unpaired surrogates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null: KQL strings cannot be null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> has an unpaired surrogate (its index is in the message).</exception>
    public static string String(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "KQL strings cannot be null; use an empty string.");
        }

        return KqlStringEscaper.Quote(value, '"', string.Empty, string.Empty, nameof(value));
    }

    /// <summary>A KQL datetime literal in UTC with 7 fractional digits, e.g. <c>datetime(2024-01-02T03:04:05.1234567Z)</c>.</summary>
    /// <param name="value">
    /// A <see cref="DateTimeKind.Local"/> value is converted to UTC; a <see cref="DateTimeKind.Unspecified"/> value is
    /// taken as UTC as it is (KQL datetimes are UTC, and guessing a time zone would silently shift it).
    /// </param>
    public static string DateTime(System.DateTime value)
    {
        System.DateTime utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => System.DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };

        // "O" of a UTC value is yyyy-MM-ddTHH:mm:ss.fffffffZ: always 28 characters.
        Span<char> text = stackalloc char[28];
        utc.TryFormat(text, out int written, "O", CultureInfo.InvariantCulture);
        return string.Concat("datetime(", text.Slice(0, written), ")");
    }

    /// <summary>A KQL datetime literal of the same instant in UTC.</summary>
    public static string DateTime(DateTimeOffset value) => DateTime(value.UtcDateTime);

    /// <summary>A compact, exact KQL timespan literal: <c>7d</c>, <c>1h</c>, <c>30m</c>, <c>10s</c>, <c>100ms</c>, <c>3tick</c>; negative as <c>time(-7d)</c>.</summary>
    public static string TimeSpan(System.TimeSpan value) => KqlTimeSpanFormat.Format(value);

    /// <summary>A KQL long literal: <c>42</c>, or <c>long(-42)</c> when negative.</summary>
    public static string Long(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        return value < 0
            ? string.Concat("long(", digits.Slice(0, written), ")")
            : new string(digits.Slice(0, written));
    }

    /// <summary>A KQL int literal, e.g. <c>int(5)</c> (a bare number would be a long).</summary>
    public static string Int(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        return string.Concat("int(", digits.Slice(0, written), ")");
    }

    /// <summary>
    /// A KQL real literal that round-trips: <c>1.0</c> (never <c>1</c>, a long), <c>1E+20</c>, <c>real(-1.5)</c>,
    /// <c>real(-0.0)</c>, <c>real(nan)</c>, <c>real(+inf)</c>, <c>real(-inf)</c>.
    /// </summary>
    public static string Real(double value)
    {
        if (double.IsNaN(value))
        {
            return "real(nan)";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "real(+inf)" : "real(-inf)";
        }

        if (value == 0)
        {
            // The sign of zero is lost by "R" ("-0" would also read as a long).
            return double.IsNegative(value) ? "real(-0.0)" : "0.0";
        }

        Span<char> text = stackalloc char[34];
        value.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
        ReadOnlySpan<char> number = text.Slice(0, written);
        // Without a point or an exponent the parser would type the number as long.
        ReadOnlySpan<char> typing = number.IndexOfAny('.', 'E') < 0 ? ".0" : default;
        return value < 0
            ? string.Concat("real(", number, typing, ")")
            : string.Concat(number, typing);
    }

    /// <summary>A KQL decimal literal, e.g. <c>decimal(1.5)</c>, with every digit and the scale of the value.</summary>
    public static string Decimal(decimal value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        return string.Concat("decimal(", text.Slice(0, written), ")");
    }

    /// <summary>A KQL bool literal: <c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A KQL guid literal, e.g. <c>guid(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)</c>.</summary>
    public static string Guid(System.Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out int written, "D");
        return string.Concat("guid(", text.Slice(0, written), ")");
    }

    /// <summary>
    /// A column or table name: as-is when it is a plain identifier (<c>[A-Za-z_][A-Za-z0-9_]*</c>) and not a KQL
    /// keyword, otherwise bracketed and escaped, e.g. <c>['where']</c>, <c>['a b']</c>, <c>['it\'s']</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty, or has an unpaired surrogate.</exception>
    public static string Identifier(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A KQL name cannot be null or empty.", nameof(name));
        }

        return IsPlainIdentifier(name) && !KqlKeywords.IsReserved(name)
            ? name
            : KqlStringEscaper.Quote(name, '\'', "[", "]", nameof(name));
    }

    private static bool IsPlainIdentifier(string name)
    {
        if (!char.IsAsciiLetter(name[0]) && name[0] != '_')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
