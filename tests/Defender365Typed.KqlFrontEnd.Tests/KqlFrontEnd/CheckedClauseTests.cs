using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>Clauses that do not shape an operator's output, whose names and calls are checked all the same.</summary>
public sealed class CheckedClauseTests
{
    [Fact]
    public void Make_series_bounds_are_checked()
    {
        var d = AnalysisAssert.Single("DeviceProcessEvents | make-series n = count() on Timestamp from startofdy(ago(7d)) to now() step 1d by DeviceName",
            KqlDiagnosticKind.UnknownFunction, "startofdy");
        Assert.Equal("startofday", d.Suggestion);
        AnalysisAssert.Single("DeviceProcessEvents | make-series n = count() on Timestamp in range(ago(7d), nwo(), 1d)", KqlDiagnosticKind.UnknownFunction, "nwo");
        AnalysisAssert.Clean("DeviceProcessEvents | make-series n = count() default = 0 on Timestamp from startofday(ago(7d)) to now() step 1d by DeviceName");
    }

    [Fact]
    public void Top_nested_clauses_are_checked()
    {
        const string Valid = "DeviceProcessEvents | top-nested 3 of DeviceName with others = \"other\" by n = dcount(FileName) desc, top-nested of FileName by count() asc";
        AnalysisAssert.Clean(Valid);
        AnalysisAssert.Single(Valid.Replace("n = dcount(", "n = dcont(", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownFunction, "dcont");
        var d = AnalysisAssert.Single(Valid.Replace("of FileName", "of FileNme", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownColumn, "FileNme");
        Assert.Equal("FileName", d.Suggestion);
    }

    [Fact]
    public void Graph_match_calls_are_checked_but_not_its_pattern_variables()
    {
        const string Valid = "DeviceProcessEvents | make-graph DeviceId --> FileName with DeviceInfo on DeviceId | graph-match (d)-[e*1..3]->(f) where isnotnull(d.DeviceName) and all(e, isnotempty(e.FileName)) project Device = d.DeviceName, Hops = array_length(e)";
        AnalysisAssert.Clean(Valid);
        AnalysisAssert.Single(Valid.Replace("where isnotnull", "where isnotnul", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownFunction, "isnotnul");
        AnalysisAssert.Single(Valid.Replace("Hops = array_length", "Hops = array_lenght", System.StringComparison.Ordinal), KqlDiagnosticKind.UnknownFunction, "array_lenght");
    }

    [Fact]
    public void A_search_predicate_names_columns_of_any_searched_table()
    {
        AnalysisAssert.Clean("search in (DeviceNetworkEvents, DeviceFileEvents) RemoteIP == \"10.0.0.1\" or FileOriginIP == \"10.0.0.1\"");
        var d = AnalysisAssert.Single("search in (DeviceNetworkEvents, DeviceEvents) RemoteIP == \"1.2.3.4\" or IPAddres == \"1.2.3.4\"", KqlDiagnosticKind.UnknownColumn, "IPAddres");
        Assert.Equal("'IPAddres' is not a column of the input.", d.Message);
        AnalysisAssert.Single("search in (DeviceNetworkEvents) tolowr(RemoteUrl) has \"x\"", KqlDiagnosticKind.UnknownFunction, "tolowr");
        AnalysisAssert.Single("DeviceNetworkEvents | search RemoteIp == \"1.2.3.4\"", KqlDiagnosticKind.UnknownColumn, "RemoteIp");
    }

    [Theory]
    [InlineData("search \"administrator\"")]
    [InlineData("search kind=case_sensitive in (DeviceFileEvents) \"ntds\" and \"dit\"")]
    [InlineData("search in (Device*) AnyColumn == 1")]
    [InlineData("search AnyColumn == 1")]
    public void Search_forms_whose_columns_are_not_known_are_not_judged(string text) => AnalysisAssert.Clean(text);

    [Theory]
    [InlineData("search in (DeviceFileEvents) \"ntds\" and ActionType:\"FileModified\"")]
    [InlineData("DeviceProcessEvents | top-nested 3 of DeviceName by")]
    [InlineData("DeviceProcessEvents | top-nested 3 DeviceName")]
    [InlineData("DeviceProcessEvents | graph-match (a)-->(b) where")]
    public void Syntax_these_clauses_do_not_expect_is_skipped_as_before(string text) =>
        Assert.Empty(KqlAnalysis.Analyze(text, TestSchema.BuiltIn).Diagnostics);
}
