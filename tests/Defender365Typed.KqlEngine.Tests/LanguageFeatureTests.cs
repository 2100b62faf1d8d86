using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// User-defined functions, toscalar, materialize, invoke and the Defender functions, render, externaldata, lookup,
/// make-series, search, the legacy aliases and the evaluation budgets (issue 15).
/// </summary>
public sealed class LanguageFeatureTests
{
    private static object? Print(string expression) => TestData.Run("print x = " + expression).Rows[0][0];

    [Fact]
    public void Scalar_user_functions_take_row_values_and_defaults()
    {
        KqlResultTable t = TestData.Run("""
            let twice = (n: long, plus: long = 1) { n * 2 + plus };
            datatable(v: long) [1, 5]
            | extend a = twice(v), b = twice(v, 0)
            """);
        Assert.Equal([3L, 11L], t.Rows.Select(r => r[1]));
        Assert.Equal([2L, 10L], t.Rows.Select(r => r[2]));
    }

    [Fact]
    public void Tabular_user_functions_are_called_directly_invoked_or_named_as_views()
    {
        const string Lets = """
            let T = datatable(k: string, v: long) ['a', 1, 'b', 2, 'c', 3];
            let above = (t: (*), min: long) { t | where v > min };
            let view_all = view () { T };
            """;
        Assert.Equal(2, TestData.Run(Lets + "above(T, 1)").Rows.Count);
        Assert.Equal(["c"], TestData.Run(Lets + "T | invoke above(2) | project k").Rows.Select(r => r[0]));
        Assert.Equal(3, TestData.Run(Lets + "view_all | count").Rows[0][0] is long n ? (int)n : -1);
    }

    [Fact]
    public void Parameters_shadow_outer_names_only_inside_the_call()
    {
        KqlResultTable t = TestData.Run("""
            let n = 100;
            let f = (n: long) { n + 1 };
            print inner = f(1), outer = n
            """);
        Assert.Equal([2L, 100L], t.Rows[0]);
    }

    [Fact]
    public void Toscalar_and_materialize_evaluate_a_table_once()
    {
        KqlResultTable t = TestData.Run("""
            let T = materialize(datatable(v: long) [4, 9, 2]);
            let top = toscalar(T | summarize max(v));
            T | where v == top
            """);
        Assert.Equal([9L], t.Rows.Select(r => r[0]));
        Assert.Null(Print("toscalar(datatable(v: long) [] | project v)"));
    }

    [Fact]
    public void FileProfile_adds_the_documented_columns_for_the_first_rows()
    {
        KqlResultTable t = TestData.Run("DeviceFileEvents | where isnotempty(SHA1) | take 3 | invoke FileProfile(SHA1, 2) | project SHA1, GlobalPrevalence, Signer, IsExecutable");
        Assert.Equal(3, t.Rows.Count);
        Assert.All(t.Rows.Take(2), r => Assert.IsType<long>(r[1]));
        Assert.Null(t.Rows[2][1]);
        KqlResultTable again = TestData.Run("DeviceFileEvents | where isnotempty(SHA1) | take 3 | invoke FileProfile(SHA1, 2) | project SHA1, GlobalPrevalence, Signer, IsExecutable");
        Assert.Equal(t.Rows.Select(r => r[1]), again.Rows.Select(r => r[1]));
    }

    [Fact]
    public void AssignedIPAddresses_and_DeviceFromIP_agree_with_the_network_events()
    {
        object?[] ev = TestData.Run("DeviceNetworkEvents | where isnotempty(LocalIP) | take 1 | project DeviceName, LocalIP, DeviceId").Rows[0];
        KqlResultTable assigned = TestData.Run($"AssignedIPAddresses('{ev[0]}')");
        Assert.Contains(ev[1], assigned.Rows.Select(r => r[assigned.IndexOf("IPAddress")]));
        KqlResultTable device = TestData.Run($"DeviceFromIP('{ev[1]}')");
        Assert.Contains(ev[2], device.Rows.Select(r => r[device.IndexOf("DeviceId")]));
    }

    [Fact]
    public void Render_keeps_the_rows_and_reports_the_chart()
    {
        KqlResultTable t = TestData.Run("datatable(v: long) [1, 2] | render timechart with (title='x')");
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal("timechart", t.Visualization);
        Assert.Null(TestData.Run("datatable(v: long) [1]").Visualization);
    }

    [Fact]
    public void Externaldata_reads_mapped_files_and_names_an_unmapped_url()
    {
        string folder = Path.Combine(Path.GetTempPath(), "engine-externaldata-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "ips.csv"), "Ip,Score\n1.2.3.4,7\n5.6.7.8,9\n");
            const string Query = "externaldata(Ip: string, Score: long) [@'https://example.test/lists/ips.csv'] with (format='csv', ignoreFirstRecord=true)";
            var byFolder = KqlEvaluator.Execute(Query, TestData.Dataset, new EngineOptions { Now = TestData.Now, ExternalDataFolder = folder });
            Assert.Equal(["1.2.3.4", 7L], byFolder.Rows[0]);
            Assert.Equal(2, byFolder.Rows.Count);

            var byMap = KqlEvaluator.Execute(Query, TestData.Dataset, new EngineOptions
            {
                Now = TestData.Now,
                ExternalDataFiles = new Dictionary<string, string> { ["https://example.test/lists/ips.csv"] = Path.Combine(folder, "ips.csv") },
            });
            Assert.Equal(2, byMap.Rows.Count);

            var ex = Assert.Throws<KqlEngineException>(() => TestData.Run(Query));
            Assert.Contains("'https://example.test/lists/ips.csv' is not mapped to a local file", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, ex.Position);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Lookup_is_a_left_outer_join_without_repeating_the_keys()
    {
        KqlResultTable t = TestData.Run("""
            let Facts = datatable(k: string, v: long) ['a', 1, 'b', 2];
            let Dim = datatable(k: string, name: string) ['a', 'Alpha'];
            Facts | lookup Dim on k
            """);
        Assert.Equal(["k", "v", "name"], t.Columns.Select(c => c.Name));
        Assert.Equal(["a", 1L, "Alpha"], t.Rows[0]);
        Assert.Equal(["b", 2L, ""], t.Rows[1]);
        KqlResultTable inner = TestData.Run("""
            let Facts = datatable(k: string, v: long) ['a', 1, 'b', 2];
            let Dim = datatable(k: string, name: string) ['a', 'Alpha'];
            Facts | lookup kind=inner Dim on k
            """);
        Assert.Single(inner.Rows);
    }

    [Fact]
    public void Make_series_fills_missing_bins_with_the_default()
    {
        KqlResultTable t = TestData.Run("""
            datatable(t: datetime, k: string) [datetime(2024-01-01 00:10), 'a', datetime(2024-01-01 00:20), 'a', datetime(2024-01-01 02:00), 'a', datetime(2024-01-01 01:30), 'b']
            | make-series n = count() default = 0 on t from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h by k
            """);
        Assert.Equal(["k", "n", "t"], t.Columns.Select(c => c.Name));
        Assert.Equal("[2,0,1]", ((DynamicArray)t.Rows[0][1]!).ToString());
        Assert.Equal("[0,1,0]", ((DynamicArray)t.Rows[1][1]!).ToString());
        Assert.Equal(3, ((DynamicArray)t.Rows[0][2]!).Count);
    }

    [Fact]
    public void Series_decompose_anomalies_flags_a_spike_and_spreads_over_three_columns()
    {
        KqlResultTable t = TestData.Run("""
            print s = dynamic([10, 11, 10, 12, 10, 11, 90, 10, 11, 10])
            | extend (flag, score, baseline) = series_decompose_anomalies(s)
            """);
        Assert.Equal("[0,0,0,0,0,0,1,0,0,0]", t.Rows[0][t.IndexOf("flag")]!.ToString());
        Assert.Equal(10, ((DynamicArray)t.Rows[0][t.IndexOf("baseline")]!).Count);
    }

    [Fact]
    public void Search_matches_terms_in_any_column_or_in_one()
    {
        const string Data = "datatable(a: string, b: string) ['ntds dit copy', 'x', 'nothing', 'FileModified'] ";
        Assert.Single(TestData.Run(Data + "| search \"ntds\" and \"dit\"").Rows);
        Assert.Single(TestData.Run(Data + "| search b:\"FileModified\"").Rows);
        Assert.Equal(2, TestData.Run(Data + "| search \"ntds\" or b:\"filemodified\"").Rows.Count);
        KqlResultTable source = TestData.Run("search in (DeviceProcessEvents) \"mimikatz\" | take 1");
        Assert.Equal("$table", source.Columns[0].Name);
    }

    [Theory]
    [InlineData("pack_array(1, 'a', true)", "[1,\"a\",true]")]
    [InlineData("base64_decode_tostring('S3VzdG8=')", "Kusto")]
    [InlineData("base64_encode_tostring('Kusto')", "S3VzdG8=")]
    [InlineData("replace_regex('abc-123', @'(\\d+)', @'<\\1>')", "abc-<123>")]
    [InlineData("replace(@'(\\d+)', @'<\\1>', 'abc-123')", "abc-<123>")]
    [InlineData("extractjson('$.a.b[1]', '{\"a\":{\"b\":[5,6]}}', typeof(long))", "6")]
    [InlineData("datetime_add('month', 1, datetime(2024-01-31))", "2024-02-29T00:00:00.0000000")]
    [InlineData("trim(@'[ -]+', '-- x --')", "x")]
    [InlineData("tostring(bag_pack('a', 1, 'b', 'x'))", "{\"a\":1,\"b\":\"x\"}")]
    [InlineData("array_index_of(dynamic(['a', 'b']), 'b')", "1")]
    [InlineData("tostring(set_difference(dynamic([1, 2, 3]), dynamic([2])))", "[1,3]")]
    [InlineData("tostring(parse_command_line(@'a.exe -x \"b c\"', 'windows'))", "[\"a.exe\",\"-x\",\"b c\"]")]
    [InlineData("tostring(geo_info_from_ip_address('10.0.0.1'))", "{}")]
    [InlineData("tostring(range(1, 8, 3))", "[1,4,7]")]
    public void Added_functions_compute_the_expected_values(string expression, string expected) =>
        Assert.Equal(expected, FunctionTests.Text(Print(expression)));

    [Fact]
    public void Geo_info_is_deterministic_and_names_a_country()
    {
        var bag = Assert.IsType<DynamicBag>(Print("geo_info_from_ip_address('20.1.2.3')"));
        Assert.Equal(bag, Print("geo_info_from_ip_address('20.1.200.9')"));
        Assert.IsType<string>(bag["country"]);
        Assert.Null(Print("geo_info_from_ip_address('not an ip')"));
    }

    [Fact]
    public void Legacy_aggregate_names_are_aliases()
    {
        KqlResultTable t = TestData.Run("datatable(k: string, v: long) ['a', 1, 'a', 1, 'a', 2] | summarize makeset(v), makelist(v), count_distinct(v) by k");
        Assert.Equal(["k", "set_v", "list_v", "count_distinct_v"], t.Columns.Select(c => c.Name));
        Assert.Equal("[1,2]", t.Rows[0][1]!.ToString());
        Assert.Equal("[1,1,2]", t.Rows[0][2]!.ToString());
        Assert.Equal(2L, t.Rows[0][3]);
    }

    [Fact]
    public void Ingestion_time_is_the_synthetic_rows_timestamp()
    {
        KqlResultTable t = TestData.Run("DeviceProcessEvents | take 5 | project same = ingestion_time() == Timestamp");
        Assert.All(t.Rows, r => Assert.Equal(true, r[0]));
    }

    [Fact]
    public void The_row_budget_stops_a_multiplying_join()
    {
        var options = new EngineOptions { Now = TestData.Now, MaxWorkingRows = 1_000 };
        var ex = Assert.Throws<KqlEngineException>(() => KqlEvaluator.Execute(
            "let T = range x from 1 to 100 step 1 | extend k = 1; T | join kind=inner T on k", TestData.Dataset, options));
        Assert.Contains("EngineOptions.MaxWorkingRows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_budget_stops_a_long_query()
    {
        var options = new EngineOptions { Now = TestData.Now, Timeout = TimeSpan.Zero };
        var ex = Assert.Throws<KqlEngineException>(() => KqlEvaluator.Execute("range x from 1 to 100000 step 1 | where x > 0", TestData.Dataset, options));
        Assert.Contains("EngineOptions.Timeout", ex.Message, StringComparison.Ordinal);
    }
}
