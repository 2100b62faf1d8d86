using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// make-series and the series functions against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/make-series-operator.md and series-*-function.md).
/// </summary>
public sealed class SeriesReferenceTests
{
    private const string Data = """
        let data=datatable(timestamp:datetime, metric: real)
        [
          datetime(2016-12-31T06:00), 50,
          datetime(2017-01-01), 4,
          datetime(2017-01-02), 3,
          datetime(2017-01-03), 4,
          datetime(2017-01-03T03:00), 6,
          datetime(2017-01-05), 8,
          datetime(2017-01-05T13:40), 13,
          datetime(2017-01-06), 4,
          datetime(2017-01-07), 3,
          datetime(2017-01-08), 8,
          datetime(2017-01-08T21:00), 8,
          datetime(2017-01-09), 2,
          datetime(2017-01-09T12:00), 11,
          datetime(2017-01-10T05:00), 5,
        ];
        let interval = 1d;
        let stime = datetime(2017-01-01);
        let etime = datetime(2017-01-10);
        data

        """;

    private const string Axis = """[ "2017-01-01T00:00:00.0000000Z", "2017-01-02T00:00:00.0000000Z", "2017-01-03T00:00:00.0000000Z", "2017-01-04T00:00:00.0000000Z", "2017-01-05T00:00:00.0000000Z", "2017-01-06T00:00:00.0000000Z", "2017-01-07T00:00:00.0000000Z", "2017-01-08T00:00:00.0000000Z", "2017-01-09T00:00:00.0000000Z" ]""";

    // make-series-operator.md, "Examples": rows before from and at or after to are left out, an empty bin is 0.
    [Fact]
    public void Make_series_avg_over_a_day_axis() => DocsTable.AssertOutput(
        Data + "| make-series avg(metric) on timestamp from stime to etime step interval",
        $"""
        |avg_metric|timestamp|
        |---|---|
        |[ 4.0, 3.0, 5.0, 0.0, 10.5, 4.0, 3.0, 8.0, 6.5 ]|{Axis}|
        """);

    // make-series-operator.md: "When the input to make-series is empty, the default behavior of make-series produces an
    // empty result."
    [Fact]
    public void Make_series_of_an_empty_input_has_no_rows() => DocsTable.AssertOutput(
        Data + "| take 0\n| make-series avg(metric) default=1.0 on timestamp from stime to etime step interval\n| count",
        "|Count|\n|---|\n|0|");

    // make-series-operator.md: "Using kind=nonempty in make-series will produce a non-empty result of the default values".
    [Fact]
    public void Make_series_kind_nonempty_gives_the_defaults() => DocsTable.AssertOutput(
        Data + "| take 0\n| make-series kind=nonempty avg(metric) default=1.0 on timestamp from stime to etime step interval",
        $"""
        |avg_metric|timestamp|
        |---|---|
        |[<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0<br>]|{Axis}|
        """);

    // series-stats-dynamic-function.md, "Example".
    [Fact]
    public void Series_stats_dynamic() => DocsTable.AssertOutput(
        """
        print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29])
        | project stats=series_stats_dynamic(x)
        """,
        """
        |stats|
        |---|
        |{"min": 2.0, "min_idx": 8, "max": 87.0, "max_idx": 3, "avg": 32.8, "stdev": 28.503633853548269, "variance": 812.45714285714291, "sum": 492.0, "len": 15}|
        """);

    // series-stats-dynamic-function.md: "The default is false, which returns null if non-finite values are present".
    [Fact]
    public void Series_stats_dynamic_of_a_series_with_a_null_is_null_unless_ignored()
    {
        Assert.Null(DocsTable.Print("series_stats_dynamic(dynamic([1, null, 3]))"));
        var stats = Assert.IsType<DynamicBag>(DocsTable.Print("series_stats_dynamic(dynamic([1, null, 3]), true)"));
        Assert.Equal(2.0, stats["avg"]);
        Assert.Equal(2L, stats["max_idx"]);
    }

    // series-decompose-anomalies-function.md, "Detect anomalies in weekly seasonality": `extend
    // series_decompose_anomalies(y)` adds series_decompose_anomalies_y_ad_flag, _ad_score and _baseline (the names the
    // reference's later examples use). The reference's series adds 2*rand() noise and plots the result; the engine has
    // no rand() and models no seasonality (its baseline is the average), so this checks the columns, that flags are
    // ternary, and that the example's largest spike (t = 600, 15 + 8 on a weekday at midnight) is flagged up.
    [Fact]
    public void Series_decompose_anomalies_adds_the_three_documented_columns()
    {
        KqlResultTable t = DocsTable.Run("""
            let ts=range t from 1 to 24*7*5 step 1
            | extend Timestamp = datetime(2018-03-01 05:00) + 1h * t
            | extend y = iff((t/24)%7>=5, 10.0, 15.0) - (((t%24)/10)*((t%24)/10)) // generate a series with weekly seasonality
            | extend y=iff(t==150 or t==200 or t==780, y-8.0, y) // add some dip outliers
            | extend y=iff(t==300 or t==400 or t==600, y+8.0, y) // add some spike outliers
            | summarize Timestamp=make_list(Timestamp, 10000),y=make_list(y, 10000);
            ts
            | extend series_decompose_anomalies(y)
            | render timechart
            """);
        Assert.Equal(
            ["Timestamp", "y", "series_decompose_anomalies_y_ad_flag", "series_decompose_anomalies_y_ad_score", "series_decompose_anomalies_y_baseline"],
            t.Columns.Select(c => c.Name));
        Assert.Equal("timechart", t.Visualization);
        var flags = Assert.IsType<DynamicArray>(t.Rows[0][2]);
        Assert.Equal(24 * 7 * 5, flags.Count);
        Assert.All(flags, f => Assert.Contains(f, new object[] { -1L, 0L, 1L }));
        Assert.Equal(1L, flags[600 - 1]);
    }
}
