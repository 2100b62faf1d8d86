namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The date and time functions against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/&lt;name&gt;-function.md), outputs as printed there.
/// datetime_diff is in ReferenceExampleTests.
/// </summary>
public sealed class TimeReferenceTests
{
    // datetime-add-function.md, "Period".
    [Fact]
    public void Datetime_add_each_period() => DocsTable.AssertOutput(
        """
        print  year = datetime_add('year',1,make_datetime(2017,1,1)),
        quarter = datetime_add('quarter',1,make_datetime(2017,1,1)),
        month = datetime_add('month',1,make_datetime(2017,1,1)),
        week = datetime_add('week',1,make_datetime(2017,1,1)),
        day = datetime_add('day',1,make_datetime(2017,1,1)),
        hour = datetime_add('hour',1,make_datetime(2017,1,1)),
        minute = datetime_add('minute',1,make_datetime(2017,1,1)),
        second = datetime_add('second',1,make_datetime(2017,1,1))
        """,
        """
        |year|quarter|month|week|day|hour|minute|second|
        |---|---|---|---|---|---|---|---|
        |2018-01-01 00:00:00.0000000|2017-04-01 00:00:00.0000000|2017-02-01 00:00:00.0000000|2017-01-08 00:00:00.0000000|2017-01-02 00:00:00.0000000|2017-01-01 01:00:00.0000000|2017-01-01 00:01:00.0000000|2017-01-01 00:00:01.0000000|
        """);

    // datetime-add-function.md, "Amount" (negative and large amounts).
    [Fact]
    public void Datetime_add_amounts() => DocsTable.AssertOutput(
        """
        print  year = datetime_add('year',-5,make_datetime(2017,1,1)),
        quarter = datetime_add('quarter',12,make_datetime(2017,1,1)),
        month = datetime_add('month',-15,make_datetime(2017,1,1)),
        week = datetime_add('week',100,make_datetime(2017,1,1))
        """,
        """
        |year|quarter|month|week|
        |---|---|---|---|
        |2012-01-01T00:00:00Z|2020-01-01T00:00:00Z|2015-10-01T00:00:00Z|2018-12-02T00:00:00Z|
        """);

    // datetime-part-function.md, "Examples" (every part, including the ISO week_of_year).
    [Fact]
    public void Datetime_part_every_part() => DocsTable.AssertOutput(
        """
        let dt = datetime(2017-10-30 01:02:03.7654321);
        print
        year = datetime_part("year", dt),
        quarter = datetime_part("quarter", dt),
        month = datetime_part("month", dt),
        weekOfYear = datetime_part("week_of_year", dt),
        day = datetime_part("day", dt),
        dayOfYear = datetime_part("dayOfYear", dt),
        hour = datetime_part("hour", dt),
        minute = datetime_part("minute", dt),
        second = datetime_part("second", dt),
        millisecond = datetime_part("millisecond", dt),
        microsecond = datetime_part("microsecond", dt),
        nanosecond = datetime_part("nanosecond", dt)
        """,
        """
        |year|quarter|month|weekOfYear|day|dayOfYear|hour|minute|second|millisecond|microsecond|nanosecond|
        |---|---|---|---|---|---|---|---|---|---|---|---|
        |2017|4|10|44|30|303|1|2|3|765|765432|765432100|
        """);

    // format-datetime-function.md, "Examples" (v1, v2, v3).
    [Theory]
    [InlineData("yy-MM-dd [HH:mm:ss]", "17-01-29 [09:00:05]")]
    [InlineData("yyyy-M-dd [H:mm:ss]", "2017-1-29 [9:00:05]")]
    [InlineData("yy-MM-dd [hh:mm:ss tt]", "17-01-29 [09:00:05 AM]")]
    public void Format_datetime(string format, string formatted) =>
        Assert.Equal(formatted, DocsTable.Run($"let dt = datetime(2017-01-29 09:00:05);\nprint v=format_datetime(dt,'{format}')").Rows[0][0]);

    // format-timespan-function.md, "Examples".
    [Fact]
    public void Format_timespan() => DocsTable.AssertOutput(
        """
        let t = time(29.09:00:05.12345);
        print
        v1=format_timespan(t, 'dd.hh:mm:ss:FF'),
        v2=format_timespan(t, 'ddd.h:mm:ss [fffffff]')
        """,
        """
        |v1|v2|
        |---|---|
        |29.09:00:05:12|029.9:00:05 [1234500]|
        """);

    // bin-at-function.md: a real, a timespan (a daily bin aligned to 12h gives -12h), noon-aligned days and Sunday weeks.
    [Fact]
    public void Bin_at_real() => DocsTable.AssertOutput("print x = bin_at(6.5, 2.5, 7)", "|x|\n|-------|\n| 4.5 |");

    [Fact]
    public void Bin_at_timespan() => DocsTable.AssertOutput("print x = bin_at(time(1h), 1d, 12h)", "|x|\n|-------|\n| -12:00:00 |");

    [Theory]
    [InlineData("datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0)", "2017-05-14T12:00:00Z")]
    [InlineData("datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0)", "2017-05-14T00:00:00Z")]
    public void Bin_at_datetime(string arguments, string bin) => DocsTable.AssertOutput($"print x = bin_at({arguments})", $"|x|\n|-------|\n| {bin} |");

    // bin-at-function.md, the summarize example: the key keeps the binned column's name (groups in any order).
    [Fact]
    public void Bin_at_as_a_summarize_key() => DocsTable.AssertOutputInAnyOrder(
        """
        datatable(Date:datetime, NumOfEvents:int)[
        datetime(2018-02-24T15:14),3,
        datetime(2018-02-24T15:24),4,
        datetime(2018-02-23T16:14),4,
        datetime(2018-02-23T17:29),4,
        datetime(2018-02-26T15:14),5]
        | summarize TotalEvents=sum(NumOfEvents) by bin_at(Date, 1d, datetime(2018-02-24 15:14:00.0000000))
        """,
        """
        |Date|TotalEvents|
        |---|---|
        | 2018-02-23T15:14:00Z|8|
        | 2018-02-24T15:14:00Z |7|
        | 2018-02-26T15:14:00Z |5|
        """);

    // make-timespan-function.md, unixtime-seconds-todatetime-function.md and week-of-year-function.md, "Example(s)".
    [Fact]
    public void Make_timespan() => DocsTable.AssertOutput("print ['timespan'] = make_timespan(1,12,30,55.123)", "|timespan|\n|---|\n|1.12:30:55.1230000|");

    [Fact]
    public void Unixtime_seconds_todatetime() =>
        DocsTable.AssertOutput("print date_time = unixtime_seconds_todatetime(1546300800)", "|date_time|\n|---|\n|2019-01-01 00:00:00.0000000|");

    [Theory]
    [InlineData("2020-12-31", 53)]
    [InlineData("2020-06-15", 25)]
    [InlineData("1970-01-01", 1)]
    [InlineData("2000-01-01", 52)]
    public void Week_of_year_is_iso_8601(string date, int week) => Assert.Equal(week, DocsTable.Print($"week_of_year(datetime({date}))"));
}
