using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>
/// Types judged as Kusto.Language judges them (FunctionCatalog.Signatures.cs). Each expected type and verdict below
/// was checked against Kusto.Language 12.4.1 on the same text (tools/kql-check).
/// </summary>
public sealed class TypeJudgmentTests
{
    private static string Columns(string text)
    {
        var r = KqlAnalysis.Analyze(text, TestSchema.BuiltIn);
        Assert.True(r.Diagnostics.Count == 0, string.Join("\n", r.Diagnostics));
        return string.Join(", ", r.Output!.Columns);
    }

    [Fact]
    public void Scalar_function_results_follow_their_signatures() =>
        Assert.Equal(
            "a:long, b:string, c:datetime, d:long, e:real, f:dynamic, g:long, h:real, i:timespan, j:long, k:long",
            Columns("DeviceProcessEvents | project a = strlen(FileName), b = tostring(ProcessId), c = bin(Timestamp, 1h), d = bin(FileSize, 10), " +
                "e = iff(FileSize > 0, 1, 2.5), f = pack(\"k\", 1), g = datetime_diff(\"day\", now(), Timestamp), h = round(2.5), " +
                "i = Timestamp - ago(1d), j = FileSize * 2, k = coalesce(ProcessId, FileSize)"));

    [Fact]
    public void Aggregate_results_follow_their_signatures() =>
        Assert.Equal(
            "c:long, a:real, s:long, t:long, m:string, l:dynamic, st:real, p:long, dc:long",
            Columns("DeviceProcessEvents | summarize c = count(), a = avg(FileSize), s = sum(ProcessId), t = sum(toint(ProcessId)), m = min(FileName), " +
                "l = make_list(FileName), st = stdev(FileSize), p = percentile(FileSize, 50), dc = dcount(FileName)"));

    [Fact]
    public void An_aggregate_with_one_signature_is_reported_at_the_argument()
    {
        var d = AnalysisAssert.Single("DeviceProcessEvents | summarize sum(FileName)", KqlDiagnosticKind.ArgumentTypeMismatch, "FileName");
        Assert.Equal("Argument 1 of 'sum' must be a number, datetime or timespan, not a string.", d.Message);
    }

    [Fact]
    public void An_aggregate_with_several_signatures_is_reported_at_its_name_as_Kusto_does()
    {
        var d = AnalysisAssert.Single("DeviceProcessEvents | summarize avg(DeviceName)", KqlDiagnosticKind.ArgumentTypeMismatch, "avg");
        Assert.Equal("The function 'avg' is not compatible with arguments (string): argument 1 of 'avg' must be a number, datetime or timespan, not a string.", d.Message);
    }

    [Fact]
    public void Arguments_that_fit_no_overload_together_are_reported_at_the_name()
    {
        var d = AnalysisAssert.Single("DeviceProcessEvents | summarize count() by bin(Timestamp, \"1h\")", KqlDiagnosticKind.ArgumentTypeMismatch, "bin");
        Assert.Equal("The function 'bin' is not compatible with arguments (datetime, string).", d.Message);
    }

    [Theory]
    [InlineData("DeviceProcessEvents | where Timestamp > ago(7)", "7", "Argument 1 of 'ago' must be a timespan, not a long.")]
    [InlineData("DeviceProcessEvents | extend s = substring(FileName, \"1\")", "\"1\"", "Argument 2 of 'substring' must be a long or int, not a string.")]
    [InlineData("DeviceProcessEvents | extend n = array_length(FileName)", "FileName", "Argument 1 of 'array_length' must be a dynamic value, not a string.")]
    [InlineData("DeviceProcessEvents | summarize countif(FileName)", "FileName", "Argument 1 of 'countif' must be a bool, not a string.")]
    public void A_wrong_argument_of_a_single_signature_is_named(string text, string at, string message) =>
        Assert.Equal(message, AnalysisAssert.Single(text, KqlDiagnosticKind.ArgumentTypeMismatch, at).Message);

    [Theory]
    [InlineData("DeviceProcessEvents | extend p = pack(\"a\", 1, \"b\")", "pack(\"a\", 1, \"b\")", "The function 'pack' cannot take 3 arguments: they do not complete its repeated groups.")]
    [InlineData("DeviceProcessEvents | extend s = substring(FileName)", "substring(FileName)", "The function 'substring' takes 2 to 3 arguments, not 1.")]
    [InlineData("DeviceProcessEvents | summarize count(FileName, 1)", "count(FileName, 1)", "The function 'count' takes 0 to 1 arguments, not 2.")]
    public void Argument_counts_follow_the_signatures(string text, string at, string message) =>
        Assert.Equal(message, AnalysisAssert.Single(text, KqlDiagnosticKind.WrongArgumentCount, at).Message);

    [Theory]
    [InlineData("DeviceProcessEvents | where FileSize contains \"1\"", "FileSize contains \"1\"", "The operator 'contains' cannot take a long with a string.")]
    [InlineData("DeviceProcessEvents | where Timestamp has \"2024\"", "Timestamp has \"2024\"", "The operator 'has' cannot take a datetime with a string.")]
    [InlineData("DeviceProcessEvents | where ProcessId =~ \"4\"", "ProcessId =~ \"4\"", "The operator '=~' cannot take a long with a string.")]
    [InlineData("DeviceProcessEvents | extend x = FileName + 1", "FileName + 1", "The operator '+' cannot take a string with a long.")]
    [InlineData("DeviceProcessEvents | extend x = Timestamp + 1", "Timestamp + 1", "The operator '+' cannot take a datetime with a long.")]
    [InlineData("DeviceProcessEvents | where FileName > 5", "FileName > 5", "The operator '>' cannot compare a string with a long.")]
    [InlineData("DeviceProcessEvents | where ProcessId in~ (\"1\", \"2\")", "ProcessId", "The operator 'in~' compares strings, not a long.")]
    [InlineData("DeviceProcessEvents | where FileSize has_any (\"1\")", "FileSize", "The operator 'has_any' compares strings, not a long.")]
    public void Operators_on_types_Kusto_rejects_are_reported(string text, string at, string message) =>
        Assert.Equal(message, AnalysisAssert.Single(text, KqlDiagnosticKind.TypeMismatch, at).Message);

    [Theory]
    [InlineData("DeviceProcessEvents | where ProcessId in (\"1\", 2)")] // in takes any scalar, mixed lists too
    [InlineData("DeviceProcessEvents | where FileName in~ (\"a.exe\") and FileName !contains \"x\"")]
    [InlineData("DeviceProcessEvents | extend x = Timestamp + 1d, y = Timestamp - Timestamp, z = 1d * 2, w = FileSize / 2.0")]
    [InlineData("DeviceProcessEvents | extend x = tostring(parse_json(AdditionalFields).a) has \"b\", y = parse_json(AdditionalFields).n + 1, z = parse_json(AdditionalFields).s has \"q\"")] // dynamic: not judged
    [InlineData("DeviceProcessEvents | summarize avg(FileSize), avg(Timestamp), sum(1d), max(FileName), make_set(FileName, 10)")]
    [InlineData("DeviceProcessEvents | extend c = case(FileSize > 1, \"a\", FileSize > 2, \"b\", \"c\"), p = pack(\"a\", 1, \"b\", 2), s = strcat(FileName, 1, Timestamp)")]
    public void What_Kusto_accepts_is_clean(string text) => AnalysisAssert.Clean(text);

    [Fact]
    public void Every_Kusto_function_has_a_catalog_entry_and_most_are_judged()
    {
        var judged = KustoFunctionNamesInCatalog().Count(f => f.Signatures.Count > 0);
        var all = KustoFunctionNamesInCatalog().Count();
        Assert.Equal(486, all);
        Assert.True(judged >= 440, $"only {judged} of {all} functions have modelled signatures");
    }

    private static System.Collections.Generic.IEnumerable<KqlFunction> KustoFunctionNamesInCatalog() =>
        Generators.Tests.QueryAnalysis.KustoFunctionNames.All.Select(n => FunctionCatalog.TryGet(n, out var f) ? f : null!).Where(f => f != null);
}
