using System;
using System.Globalization;

namespace Defender365Typed.Tests.Literals;

public sealed class ScalarLiteralTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00.0000000", DateTimeKind.Utc, "datetime(0001-01-01T00:00:00.0000000Z)")]
    [InlineData("9999-12-31T23:59:59.9999999", DateTimeKind.Utc, "datetime(9999-12-31T23:59:59.9999999Z)")]
    [InlineData("2024-01-02T03:04:05.1234567", DateTimeKind.Utc, "datetime(2024-01-02T03:04:05.1234567Z)")]
    [InlineData("2024-01-02T03:04:05", DateTimeKind.Utc, "datetime(2024-01-02T03:04:05.0000000Z)")]
    [InlineData("1970-01-01T00:00:00.0000001", DateTimeKind.Utc, "datetime(1970-01-01T00:00:00.0000001Z)")]
    // Unspecified is taken as UTC, unchanged.
    [InlineData("2024-02-29T23:59:59", DateTimeKind.Unspecified, "datetime(2024-02-29T23:59:59.0000000Z)")]
    public void DateTime_is_UTC_with_seven_fractional_digits(string iso, DateTimeKind kind, string expected)
    {
        var value = DateTime.SpecifyKind(DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), kind);

        Assert.Equal(expected, KqlLiteral.DateTime(value));
    }

    [Fact]
    public void DateTime_MinValue_and_MaxValue_keep_every_tick()
    {
        Assert.Equal("datetime(0001-01-01T00:00:00.0000000Z)", KqlLiteral.DateTime(DateTime.MinValue));
        Assert.Equal("datetime(9999-12-31T23:59:59.9999999Z)", KqlLiteral.DateTime(DateTime.MaxValue));
    }

    [Fact]
    public void Local_DateTime_is_converted_to_UTC()
    {
        var local = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Local).AddTicks(7);
        DateTime utc = local.ToUniversalTime();

        string expected = "datetime(" + utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "Z)";
        Assert.Equal(expected, KqlLiteral.DateTime(local));
    }

    [Theory]
    [InlineData(5.5, "datetime(2024-01-01T21:34:05.1234567Z)")]
    [InlineData(-8, "datetime(2024-01-02T11:04:05.1234567Z)")]
    [InlineData(0, "datetime(2024-01-02T03:04:05.1234567Z)")]
    public void DateTimeOffset_is_the_same_instant_in_UTC(double offsetHours, string expected)
    {
        var value = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(offsetHours)).AddTicks(1234567);

        Assert.Equal(expected, KqlLiteral.DateTime(value));
    }

    [Fact]
    public void DateTimeOffset_extremes()
    {
        Assert.Equal("datetime(0001-01-01T00:00:00.0000000Z)", KqlLiteral.DateTime(DateTimeOffset.MinValue));
        Assert.Equal("datetime(9999-12-31T23:59:59.9999999Z)", KqlLiteral.DateTime(DateTimeOffset.MaxValue));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(7 * TimeSpan.TicksPerDay, "7d")]
    [InlineData(TimeSpan.TicksPerHour, "1h")]
    [InlineData(30 * TimeSpan.TicksPerMinute, "30m")]
    [InlineData(10 * TimeSpan.TicksPerSecond, "10s")]
    [InlineData(100 * TimeSpan.TicksPerMillisecond, "100ms")]
    [InlineData(90 * TimeSpan.TicksPerMinute, "90m")]
    [InlineData(1L, "1tick")]
    [InlineData(10L, "10tick")] // one microsecond: the microsecond unit is not decoded exactly
    [InlineData(937845000000L, "93784500ms")] // 1.02:03:04.5
    [InlineData(937840000005L, "937840000005tick")] // 1.02:03:04 + 5 ticks
    [InlineData(-7 * TimeSpan.TicksPerDay, "time(-7d)")]
    [InlineData(-1L, "time(-1tick)")]
    [InlineData(-937845000000L, "time(-93784500ms)")]
    [InlineData(10675199 * TimeSpan.TicksPerDay, "10675199d")]
    [InlineData(1L << 53, "9007199254740992tick")]
    [InlineData((1L << 53) + 1, "time(10424.23:58:45.4740993)")] // not exact as a double: the d.hh:mm:ss form
    [InlineData(long.MaxValue, "time(10675199.02:48:05.4775807)")]
    [InlineData(long.MinValue, "time(-9223372036854775808tick)")] // 2^63 is exact as a double
    public void TimeSpan_is_compact_exact_and_negative_inside_time(long ticks, string expected)
    {
        Assert.Equal(expected, KqlLiteral.TimeSpan(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(42L, "42")]
    [InlineData(-1L, "long(-1)")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    // "-9223372036854775808" is a minus sign and a literal that overflows long: the parser reads 0.
    [InlineData(long.MinValue, "long(-9223372036854775808)")]
    [InlineData(long.MinValue + 1, "long(-9223372036854775807)")]
    public void Long_is_one_token_even_when_negative(long value, string expected)
    {
        Assert.Equal(expected, KqlLiteral.Long(value));
    }

    [Theory]
    [InlineData(0, "int(0)")]
    [InlineData(5, "int(5)")]
    [InlineData(-5, "int(-5)")]
    [InlineData(int.MaxValue, "int(2147483647)")]
    [InlineData(int.MinValue, "int(-2147483648)")]
    public void Int_is_typed_int(int value, string expected)
    {
        Assert.Equal(expected, KqlLiteral.Int(value));
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-1.0, "real(-1.0)")]
    [InlineData(0.1, "0.1")]
    [InlineData(-1.5, "real(-1.5)")]
    [InlineData(Math.PI, "3.141592653589793")]
    [InlineData(1e20, "1E+20")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(1e300, "1E+300")]
    [InlineData(-1e300, "real(-1E+300)")]
    [InlineData(double.Epsilon, "5E-324")]
    [InlineData(-double.Epsilon, "real(-5E-324)")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(double.MinValue, "real(-1.7976931348623157E+308)")]
    [InlineData(double.NaN, "real(nan)")]
    [InlineData(double.PositiveInfinity, "real(+inf)")]
    [InlineData(double.NegativeInfinity, "real(-inf)")]
    public void Real_is_always_typed_real_and_round_trips(double value, string expected)
    {
        Assert.Equal(expected, KqlLiteral.Real(value));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        Assert.Equal("real(-0.0)", KqlLiteral.Real(-0.0));
    }

    [Fact]
    public void Real_text_is_the_same_in_every_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("real(-1.5)", KqlLiteral.Real(-1.5));
            Assert.Equal("decimal(1.5)", KqlLiteral.Decimal(1.5m));
            Assert.Equal("datetime(2024-01-02T03:04:05.0000000Z)", KqlLiteral.DateTime(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    public static TheoryData<double> RoundTripReals() => new(AdversarialValues.Reals);

    [Theory]
    [MemberData(nameof(RoundTripReals))]
    public void Finite_real_text_parses_back_to_the_same_double(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        string literal = KqlLiteral.Real(value);
        string number = literal.StartsWith("real(", StringComparison.Ordinal) ? literal[5..^1] : literal;

        double parsed = double.Parse(number, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(parsed));
    }

    public static TheoryData<string, string> Decimals() => new()
    {
        { "0", "decimal(0)" },
        { "1.5", "decimal(1.5)" },
        { "-1.5", "decimal(-1.5)" },
        { "1.50", "decimal(1.50)" },
        { "0.0000000000000000000000000001", "decimal(0.0000000000000000000000000001)" },
        { "79228162514264337593543950335", "decimal(79228162514264337593543950335)" },
        { "-79228162514264337593543950335", "decimal(-79228162514264337593543950335)" },
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void Decimal_keeps_every_digit(string value, string expected)
    {
        Assert.Equal(expected, KqlLiteral.Decimal(decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Decimal_extremes()
    {
        Assert.Equal("decimal(79228162514264337593543950335)", KqlLiteral.Decimal(decimal.MaxValue));
        Assert.Equal("decimal(-79228162514264337593543950335)", KqlLiteral.Decimal(decimal.MinValue));
    }

    [Fact]
    public void Bool_is_lower_case()
    {
        Assert.Equal("true", KqlLiteral.Bool(true));
        Assert.Equal("false", KqlLiteral.Bool(false));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", "guid(00000000-0000-0000-0000-000000000000)")]
    [InlineData("0123ABCD-4567-89EF-0123-456789ABCDEF", "guid(0123abcd-4567-89ef-0123-456789abcdef)")]
    [InlineData("{ffffffff-ffff-ffff-ffff-ffffffffffff}", "guid(ffffffff-ffff-ffff-ffff-ffffffffffff)")]
    public void Guid_is_hyphenated_lower_case(string value, string expected)
    {
        Assert.Equal(expected, KqlLiteral.Guid(Guid.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Guid_Empty()
    {
        Assert.Equal("guid(00000000-0000-0000-0000-000000000000)", KqlLiteral.Guid(Guid.Empty));
    }
}
