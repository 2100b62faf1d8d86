using System;
using System.Globalization;
using System.Text;
using CsCheck;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary>The datetime parser's fast path for <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> agrees with .NET's own parsing.</summary>
public class DateTimeParsingTests
{
    private const string RoundTrip = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [Fact]
    public void Every_round_trip_utc_value_parses_to_its_ticks()
    {
        Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks].Sample(ticks =>
        {
            var expected = new DateTime(ticks, DateTimeKind.Utc);
            byte[] text = Encoding.ASCII.GetBytes(expected.ToString(RoundTrip, CultureInfo.InvariantCulture));

            Assert.True(KqlValueParsers.TryParseDateTime(text, out long parsed, out int offset));
            Assert.Equal(ticks, parsed);
            Assert.Equal(0, offset);
        }, iter: 20_000);
    }

    [Fact]
    public void Mutated_28_byte_values_read_the_same_as_with_the_general_parser()
    {
        const string alphabet = "0123456789-T:.Z x+";
        Gen.Select(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks], Gen.Int[0, 27], Gen.Int[0, alphabet.Length - 1]).Sample((ticks, at, replacement) =>
        {
            char[] chars = new DateTime(ticks, DateTimeKind.Utc).ToString(RoundTrip, CultureInfo.InvariantCulture).ToCharArray();
            chars[at] = alphabet[replacement];
            string text = new(chars);

            byte[] utf8 = Encoding.ASCII.GetBytes(text);
            bool general = KqlValueParsers.TryParseIso8601(utf8, out long expectedTicks, out int expectedOffset);
            bool ours = KqlValueParsers.TryParseDateTime(utf8, out long parsed, out int offset);

            Assert.True(general == ours, $"'{text}': general {general}, ours {ours}");
            Assert.Equal(expectedTicks, parsed);
            Assert.Equal(expectedOffset, offset);
            bool dotnet = DateTime.TryParseExact(text, RoundTrip, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime exact);
            if (dotnet)
            {
                Assert.True(ours, $"'{text}' is a valid round-trip value");
                Assert.Equal(exact.Ticks, parsed);
            }
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("2024-02-30T00:00:00.0000000Z")]
    [InlineData("2023-02-29T00:00:00.0000000Z")]
    [InlineData("2024-13-01T00:00:00.0000000Z")]
    [InlineData("0000-01-01T00:00:00.0000000Z")]
    [InlineData("2024-01-01T24:00:00.0000000Z")]
    [InlineData("2024-01-01T00:60:00.0000000Z")]
    [InlineData("2024-01-01T00:00:60.0000000Z")]
    [InlineData("2024-01-01T00:00:00.000000aZ")]
    public void Impossible_dates_are_refused(string text) =>
        Assert.False(KqlValueParsers.TryParseDateTime(Encoding.ASCII.GetBytes(text), out _, out _));
}
