using System.Linq;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.QueryAnalysis;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

public sealed class RawKqlAnalyzerTests
{
    private static Diagnostic AssertSingle(string marked, string id)
    {
        var (diagnostics, expected, source) = AnalyzerHarness.RunMarked(marked);
        var d = Assert.Single(diagnostics);
        Assert.Equal(id, d.Id);
        var span = d.Location.SourceSpan;
        Assert.Equal(source.Substring(expected[0].Start, expected[0].End - expected[0].Start), source.Substring(span.Start, span.Length));
        Assert.Equal(expected[0], (span.Start, span.End));
        return d;
    }

    private static string InMethod(string statement) => "using Defender365Typed; using Demo; class C { void M() { " + statement + " } }";

    [Fact]
    public void Unknown_column_in_a_regular_literal()
    {
        var d = AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | where [|FileNam|] =~ 'powershell.exe'\");"), "DTQ102");
        Assert.Equal("'FileNam' is not a column of DeviceProcessEvents; did you mean 'FileName'?", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("FileName", d.Properties["Suggestion"]);
    }

    [Fact]
    public void Span_accounts_for_escape_sequences() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | where FolderPath == \\\"C:\\\\\\\\Temp\\\\u0041\\\" and [|TimeStamp|] > ago(1d)\");"), "DTQ102");

    [Fact]
    public void Span_in_a_verbatim_literal() =>
        AssertSingle(InMethod("Api.Run(@\"DeviceProcessEvents\n| where FolderPath == \"\"C:\\Temp\"\"\n| where [|FileNam|] != ''\");"), "DTQ102");

    [Fact]
    public void Span_in_a_single_line_raw_literal() =>
        AssertSingle(InMethod("Api.Run(\"\"\"DeviceProcessEvents | where \"x\" == [|FileNam|]\"\"\");"), "DTQ102");

    [Fact]
    public void Span_in_a_multi_line_raw_literal() =>
        AssertSingle(InMethod("Api.Run(\"\"\"\n            DeviceProcessEvents\n            | where Timestamp > ago(7d)\n            | project [|DeviceNam|], FileName\n            \"\"\");"), "DTQ102");

    [Fact]
    public void Span_in_a_constant_interpolated_string() =>
        AssertSingle("using Demo; class C { const string T = \"DeviceProcessEvents\"; void M() { Api.Run($\"{T} | where {{1}} == 1 or [|FileNam|] == 'a'\"); } }".Replace("{{1}} == 1 or ", "", System.StringComparison.Ordinal), "DTQ102");

    [Fact]
    public void Span_in_a_concatenation() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents \" + \"| where [|FileNam|] == 'a'\");"), "DTQ102");

    [Fact]
    public void Unknown_table() =>
        AssertSingle(InMethod("Api.Run(\"[|DeviceProcesEvents|] | take 1\");"), "DTQ101");

    [Fact]
    public void Syntax_error() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | [|wher|] FileName == 'a'\");"), "DTQ100");

    [Fact]
    public void Type_mismatch() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | where [|FileName > 5|]\");"), "DTQ103");

    [Fact]
    public void Argument_type_mismatch() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | where Timestamp > ago([|'7d'|])\");"), "DTQ104");

    [Fact]
    public void Unknown_function() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | extend x = [|tolowr|](FileName)\");"), "DTQ105");

    [Fact]
    public void Wrong_argument_count() =>
        AssertSingle(InMethod("Api.Run(\"DeviceProcessEvents | where [|isnotempty(FileName, 1)|]\");"), "DTQ106");

    [Fact]
    public void Strings_not_marked_Kql_are_ignored() =>
        Assert.Empty(AnalyzerHarness.Run(AnalyzerHarness.Compile(InMethod("Api.Plain(\"DeviceProcessEvents | where FileNam == 1\"); var s = \"DeviceProcesEvents\";"))));

    [Fact]
    public void Valid_queries_get_nothing() =>
        Assert.Empty(AnalyzerHarness.Run(AnalyzerHarness.Compile(InMethod(
            "Api.Run(\"\"\"\n  DeviceProcessEvents\n  | where Timestamp > ago(7d) and FileName =~ \"powershell.exe\"\n  | summarize n = count() by DeviceName\n  | top 10 by n\n  \"\"\");"))));

    [Fact]
    public void Tables_declared_in_the_compilation_are_known()
    {
        const string source = """
            using System;
            using Defender365Typed;
            using Demo;
            [HuntingTable("MyEvents")]
            public sealed partial record MyEvents
            {
                public DateTime Timestamp { get; init; }
                [HuntingColumn("Host_Name")] public string HostName { get; init; } = "";
            }
            class C { void M() { Api.Run("MyEvents | where Host_Name == 'a' and [|HostName|] == 'b'"); } }
            """;
        AssertSingle(source, "DTQ102");
    }

    [Fact]
    public void Hunting_query_constant_with_result_type()
    {
        const string source = """
            using System;
            using Defender365Typed;
            [HuntingResult]
            public sealed partial record Suspicious(DateTime Timestamp, string DeviceName, string ProcessCommandLine, int FileSize);
            static class Queries
            {
                [HuntingQuery(typeof(Suspicious))]
                public const string Query = [|"DeviceProcessEvents | where FileName =~ 'powershell.exe' | project Timestamp, DeviceName, FileSize"|];
            }
            """;
        var (diagnostics, expected, source2) = AnalyzerHarness.RunMarked(source);
        Assert.Equal(new[] { "DTQ107", "DTQ108" }, diagnostics.Select(d => d.Id).OrderBy(x => x, System.StringComparer.Ordinal));
        var missing = diagnostics.Single(d => d.Id == "DTQ107");
        Assert.Equal("'ProcessCommandLine' of Suspicious is not produced by the query", missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected[0], (missing.Location.SourceSpan.Start, missing.Location.SourceSpan.End));
        var type = diagnostics.Single(d => d.Id == "DTQ108");
        Assert.Equal("'FileSize' of Suspicious is int, but the query produces a long column", type.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        _ = source2;
    }

    [Fact]
    public void Hunting_query_constant_with_a_column_error()
    {
        const string source = """
            using Defender365Typed;
            static class Queries
            {
                [HuntingQuery]
                public const string Query = "DeviceNetworkEvents | where [|RemoteIp|] == '1.2.3.4'";
            }
            """;
        Assert.Equal("RemoteIP", AssertSingle(source, "DTQ102").Properties["Suggestion"]);
    }

    [Fact]
    public void RunAsync_type_argument_is_checked()
    {
        const string source = """
            using System;
            using Defender365Typed;
            using Demo;
            [HuntingResult]
            public sealed partial record Row(DateTime Timestamp, string DeviceName);
            class C { void M() { Api.RunAsync<Row>([|"DeviceProcessEvents | project Timestamp, Devicename = DeviceName"|]); } }
            """;
        var d = AssertSingle(source, "DTQ107");
        Assert.Equal("'DeviceName' of Row is not produced by the query; it produces 'Devicename' (KQL names are case-sensitive)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition("QueryAnalysisCache", DisableParallelization = true)]
public sealed class QueryAnalysisCacheGroup
{
}

[Collection("QueryAnalysisCache")]
public sealed class QueryAnalysisCacheTests
{
    [Fact]
    public void Unchanged_constants_are_not_bound_again()
    {
        var statement = "Api.Run(\"DeviceProcessEvents | where FileName == 'cache-" + System.Guid.NewGuid().ToString("N") + "'\");";
        var first = AnalyzerHarness.Compile("using Demo; class C { void M() { " + statement + " } }");
        var before = QueryAnalysisCache.BindCount;
        AnalyzerHarness.Run(first);
        Assert.Equal(before + 1, QueryAnalysisCache.BindCount);

        // An unrelated edit makes a new compilation: the same query text against the same schema is not re-bound.
        var second = AnalyzerHarness.Compile("using Demo; class C { void M() { " + statement + " } void Other() { } }");
        AnalyzerHarness.Run(second);
        Assert.Equal(before + 1, QueryAnalysisCache.BindCount);
    }

    [Fact]
    public void Results_are_shared_by_text_and_schema()
    {
        var schema = QueryAnalysisCache.Intern(TestSchemaCopy());
        var a = QueryAnalysisCache.Analyze("DeviceEvents | take 1", schema);
        var b = QueryAnalysisCache.Analyze("DeviceEvents | take 1", QueryAnalysisCache.Intern(TestSchemaCopy()));
        Assert.Same(a, b);
    }

    private static KqlSchema TestSchemaCopy() => new KqlSchema(Defender365Typed.Generators.Tests.KqlFrontEnd.TestSchema.BuiltIn.Tables);
}
