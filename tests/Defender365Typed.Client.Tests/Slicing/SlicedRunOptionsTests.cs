using System;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>Bad ranges and options are argument errors naming the property.</summary>
public sealed class SlicedRunOptionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Action<SlicedRunOptions>, string> Bad => new()
    {
        { "no start", o => o.Start = null, "SlicedRunOptions.Start is required" },
        { "no end", o => o.End = null, "SlicedRunOptions.End is required" },
        { "end before start", o => o.End = Start.AddHours(-1), "SlicedRunOptions.End (2026-11-23T23:00:00Z) must be after Start (2026-11-24T00:00:00Z)." },
        { "empty range", o => o.End = Start, "SlicedRunOptions.End (2026-11-24T00:00:00Z) must be after Start" },
        { "zero minimum", o => o.MinimumSlice = TimeSpan.Zero, "SlicedRunOptions.MinimumSlice (00:00:00) must be positive." },
        { "initial below minimum", o => o.InitialSlice = TimeSpan.FromSeconds(30), "SlicedRunOptions.InitialSlice (00:00:30) must be at least MinimumSlice (00:01:00)." },
        { "zero row cap", o => o.RowCap = 0, "SlicedRunOptions.RowCap (0) must be at least 1." },
        { "unknown mode", o => o.Mode = (SlicedRunMode)7, "SlicedRunOptions.Mode (7) is not Strict or Lenient." },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void A_bad_option_is_an_argument_error_naming_it(string what, Action<SlicedRunOptions> spoil, string message)
    {
        var options = new SlicedRunOptions { Start = Start, End = Start.AddDays(1) };
        spoil(options);

        ArgumentException error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void A_range_given_in_another_offset_is_read_as_UTC()
    {
        var options = new SlicedRunOptions { Start = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.FromHours(2)), End = Start.AddHours(1) };

        (DateTime start, DateTime end) = options.Validate();

        Assert.Equal((new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), DateTimeKind.Utc), (start, start.Kind));
        Assert.Equal(new DateTime(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc), end);
    }
}
