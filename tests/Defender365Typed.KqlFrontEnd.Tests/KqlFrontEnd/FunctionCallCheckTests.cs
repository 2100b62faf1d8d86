using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>Function names judged against the full catalog, including calls in clauses that do not shape the output.</summary>
public sealed class FunctionCallCheckTests
{
    private static KqlDiagnostic Single(string text, KqlDiagnosticKind kind, string at)
    {
        var r = KqlAnalysis.Analyze(text, TestSchema.BuiltIn);
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(kind, d.Kind);
        Assert.Equal((text.IndexOf(at, System.StringComparison.Ordinal), at.Length), (d.Start, d.Length));
        return d;
    }

    private static void AssertClean(string text)
    {
        var r = KqlAnalysis.Analyze(text, TestSchema.BuiltIn);
        Assert.True(r.Diagnostics.Count == 0, string.Join("\n", r.Diagnostics));
    }

    [Theory]
    [InlineData("DeviceProcessEvents | summarize make_st(FileName) by DeviceName", "make_st", "make_set")]
    [InlineData("DeviceProcessEvents | extend n = array_lengh(split(FileName, \".\"))", "array_lengh", "array_length")]
    [InlineData("DeviceProcessEvents | extend d = datetime_dif(\"day\", now(), Timestamp)", "datetime_dif", "datetime_diff")]
    [InlineData("DeviceNetworkEvents | where ipv4_is_privae(RemoteIP)", "ipv4_is_privae", "ipv4_is_private")]
    public void A_misspelling_inside_a_function_family_is_reported(string text, string name, string suggestion)
    {
        var d = Single(text, KqlDiagnosticKind.UnknownFunction, name);
        Assert.Equal(suggestion, d.Suggestion);
    }

    [Theory]
    [InlineData("DeviceProcessEvents | summarize make_set(FileName), make_set_if(SHA1, FileSize > 0), make_bag(pack(\"a\", 1)) by DeviceName")]
    [InlineData("print a = series_fir(dynamic([1, 2]), dynamic([1])), b = geo_point_to_s2cell(1.0, 2.0), c = array_sort_asc(dynamic([2, 1]))")]
    [InlineData("print a = makeset(1), b = makelist(1), c = covariance(1, 2), d = punycode_to_string(\"x\")")]
    [InlineData("DeviceProcessEvents | summarize makeset(FileName), makelist(SHA1) by DeviceName")]
    public void Every_Kusto_function_name_and_legacy_alias_is_known(string text) => AssertClean(text);

    [Fact]
    public void A_name_only_known_function_is_neither_counted_nor_typed() =>
        AssertClean("print a = series_stats(dynamic([1]), 1, 2, 3, 4), b = toupper(geo_point_to_h3cell(1.0, 2.0, 3))");

    [Fact]
    public void Hidden_functions_are_known_but_not_suggested()
    {
        AssertClean("print __hash_djb2(\"x\")");
        Assert.DoesNotContain(FunctionCatalog.Names, n => n.StartsWith("__", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Make_series_bounds_are_checked()
    {
        var d = Single("DeviceProcessEvents | make-series n = count() on Timestamp from startofdy(ago(7d)) to now() step 1d by DeviceName",
            KqlDiagnosticKind.UnknownFunction, "startofdy");
        Assert.Equal("startofday", d.Suggestion);
        Single("DeviceProcessEvents | make-series n = count() on Timestamp in range(ago(7d), nwo(), 1d)", KqlDiagnosticKind.UnknownFunction, "nwo");
        AssertClean("DeviceProcessEvents | make-series n = count() default = 0 on Timestamp from startofday(ago(7d)) to now() step 1d by DeviceName");
    }

    [Fact]
    public void Top_nested_clauses_are_checked()
    {
        const string Valid = "DeviceProcessEvents | top-nested 3 of DeviceName with others = \"other\" by n = dcount(FileName) desc, top-nested of FileName by count() asc";
        AssertClean(Valid);
        Single(Valid.Replace("n = dcount(", "n = dcont(", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownFunction, "dcont");
        var d = Single(Valid.Replace("of FileName", "of FileNme", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownColumn, "FileNme");
        Assert.Equal("FileName", d.Suggestion);
    }

    [Fact]
    public void Graph_match_calls_are_checked_but_not_its_pattern_variables()
    {
        const string Valid = "DeviceProcessEvents | make-graph DeviceId --> FileName with DeviceInfo on DeviceId | graph-match (d)-[e*1..3]->(f) where isnotnull(d.DeviceName) and all(e, isnotempty(e.FileName)) project Device = d.DeviceName, Hops = array_length(e)";
        AssertClean(Valid);
        Single(Valid.Replace("where isnotnull", "where isnotnul", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownFunction, "isnotnul");
        Single(Valid.Replace("Hops = array_length", "Hops = array_lenght", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownFunction, "array_lenght");
    }

    [Theory]
    [InlineData("DeviceProcessEvents | top-nested 3 of DeviceName by")]
    [InlineData("DeviceProcessEvents | top-nested 3 DeviceName")]
    [InlineData("DeviceProcessEvents | graph-match (a)-->(b) where")]
    public void Syntax_these_clauses_do_not_expect_is_skipped_as_before(string text) =>
        Assert.Empty(KqlAnalysis.Analyze(text, TestSchema.BuiltIn).Diagnostics);
}
