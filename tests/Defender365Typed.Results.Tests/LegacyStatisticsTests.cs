using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary>The legacy response's <c>Stats</c>: its CPU and running time are read beside the rows, never at their expense.</summary>
public class LegacyStatisticsTests
{
    private const string Schema = """ "Schema":[{"Name":"Count","Type":"Int64"},{"Name":"When","Type":"DateTime"},{"Name":"Flag","Type":"Boolean"}]""";
    private const string Results = """ "Results":[{"Count":1,"When":"2020-08-30T06:38:35.7664356Z","Flag":true},{"Count":2,"When":"2020-08-30T06:38:36Z","Flag":false}]""";

    // The documentation's example Stats (docs: "Response (200, QueryResponse)").
    private const string DocumentedStats = """
        "Stats":{"ExecutionTime":4.621215,"resource_usage":{"cache":{"memory":{"hits":773461,"misses":4481,"total":777942},
        "disk":{"hits":994,"misses":197,"total":1191}},"cpu":{"user":"00:00:19.0468750","kernel":"00:00:00.0156250",
        "total cpu":"00:00:19.0625000"},"memory":{"peak_per_node":236822432}},"dataset_statistics":[{"table_row_count":2,"table_size":102}]}
        """;

    /// <summary>The two streaming entry points: a <see cref="Stream"/> and a <see cref="PipeReader"/>.</summary>
    public enum Source
    {
        Stream,
        Pipe,
    }

    [Theory]
    [InlineData(100_000, Source.Stream)] // the whole body in one buffer
    [InlineData(7, Source.Stream)] // Stats split over many reads: it is read once it has all arrived
    [InlineData(100_000, Source.Pipe)]
    [InlineData(7, Source.Pipe)]
    public void The_documented_stats_give_the_total_cpu_and_the_running_time(int chunk, Source source)
    {
        (List<StrictRow> rows, List<HuntingStatistics> seen) = Read("{" + DocumentedStats + "," + Schema + "," + Results + "}", chunk, source);

        Assert.Equal([1L, 2L], rows.ConvertAll(r => r.Count));
        HuntingStatistics stats = Assert.Single(seen);
        Assert.Equal(new TimeSpan(0, 0, 0, 19, 62, 500), stats.TotalCpu);
        Assert.Equal(TimeSpan.FromSeconds(4.621215), stats.ExecutionTime);
    }

    [Theory]
    [InlineData(Source.Stream)]
    [InlineData(Source.Pipe)]
    public void Stats_after_the_results_is_read_too(Source source)
    {
        (List<StrictRow> rows, List<HuntingStatistics> seen) = Read("{" + Schema + "," + Results + "," + DocumentedStats + "}", 7, source);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new TimeSpan(0, 0, 0, 19, 62, 500), Assert.Single(seen).TotalCpu);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("""["00:00:01"]""")]
    [InlineData("""{"ExecutionTime":"soon","resource_usage":{"cpu":{"total cpu":"a lot"}}}""")]
    [InlineData("""{"ExecutionTime":-1,"resource_usage":{"cpu":{"total cpu":19.06}}}""")]
    [InlineData("""{"ExecutionTime":{"seconds":1},"resource_usage":{"cpu":"00:00:01"}}""")]
    [InlineData("""{"resource_usage":[{"cpu":{"total cpu":"00:00:01"}}]}""")]
    public void A_malformed_stats_leaves_the_rows_alone_and_gives_no_figures(string stats)
    {
        (List<StrictRow> rows, List<HuntingStatistics> seen) = Read("{\"Stats\":" + stats + "," + Schema + "," + Results + "}", 7);

        Assert.Equal([1L, 2L], rows.ConvertAll(r => r.Count));
        HuntingStatistics read = Assert.Single(seen);
        Assert.Null(read.TotalCpu);
        Assert.Null(read.ExecutionTime);
    }

    [Fact]
    public void A_malformed_stats_leaves_the_rows_of_a_pipe_alone_too()
    {
        (List<StrictRow> rows, List<HuntingStatistics> seen) = Read("{\"Stats\":[\"00:00:01\"]," + Schema + "," + Results + "}", 7, Source.Pipe);

        Assert.Equal([1L, 2L], rows.ConvertAll(r => r.Count));
        Assert.Null(Assert.Single(seen).TotalCpu);
    }

    [Theory]
    [InlineData(Source.Stream)]
    [InlineData(Source.Pipe)]
    public void A_graph_response_has_no_statistics(Source source)
    {
        const string graph = """{"@odata.context":"x","schema":[{"name":"Count","type":"Int64"},{"name":"When","type":"DateTime"},{"name":"Flag","type":"Boolean"}],"results":[{"Count":1,"When":"2020-08-30T06:38:36Z","Flag":true}]}""";

        (List<StrictRow> rows, List<HuntingStatistics> seen) = Read(graph, 7, source);

        Assert.Single(rows);
        Assert.Empty(seen);
    }

    private static (List<StrictRow> Rows, List<HuntingStatistics> Seen) Read(string json, int chunk, Source source = Source.Stream)
    {
        var seen = new List<HuntingStatistics>();
        using Stream body = new TrickleStream(Encoding.UTF8.GetBytes(json), chunk);
        var options = new HuntingReaderOptions { StreamBufferSize = 256 };
        List<StrictRow> rows = BasicReadTests.Collect(source == Source.Pipe
            ? HuntingResultReader.StreamAsync<StrictRow>(PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 512, minimumReadSize: 1)), options, seen.Add)
            : HuntingResultReader.StreamAsync<StrictRow>(body, options, seen.Add));
        return (rows, seen);
    }
}
