using System;
using Defender365Typed.Cli.Commands;

namespace Defender365Typed.Cli.Tests;

/// <summary>The one reader of 7d / 12h / 30m / 45s behind --since, --slice, --min-slice, --timespan and --interval.</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData("7d", 7 * 24 * 60 * 60)]
    [InlineData(" 12H ", 12 * 60 * 60)]
    [InlineData("30m", 30 * 60)]
    [InlineData("45s", 45)]
    public void A_whole_number_with_a_unit_is_that_duration(string value, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(value));

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("1.5h")]
    [InlineData("7w")]
    [InlineData("P7D")]
    [InlineData("99999999999999d")] // longer than a TimeSpan: refused, not an overflow
    public void Anything_else_is_not_a_duration(string value) => Assert.Null(Durations.Parse(value));

    [Fact]
    public void A_since_reaches_back_from_now_and_a_sliced_range_stops_at_100000_days()
    {
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddHours(-12), TriageCommands.ParseSince("12h", now));
        Assert.Equal(TimeSpan.FromDays(100_000), HuntSplit.ParseDuration("100000d"));
        Assert.Null(HuntSplit.ParseDuration("100001d"));
    }
}
