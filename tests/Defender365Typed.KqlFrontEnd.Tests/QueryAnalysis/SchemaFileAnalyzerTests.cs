using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.SchemaFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// Raw KQL against a project's hunting schema files (*.hunting-schema.json among AdditionalFiles): their tables,
/// extra columns and saved functions bind with types; a table they leave out is DTQ131; a bad file changes nothing.
/// </summary>
public sealed class SchemaFileAnalyzerTests
{
    private const string Tenant = """
        {
          "tables": [
            { "name": "Contoso_CL", "columns": [ { "name": "Timestamp", "type": "datetime" }, { "name": "DeviceName", "type": "string" }, { "name": "Score", "type": "real" } ] },
            { "name": "DeviceInfo", "columns": [ { "name": "Timestamp", "type": "datetime" }, { "name": "DeviceName", "type": "string" }, { "name": "ContosoTag", "type": "string" } ] },
            { "name": "DeviceProcessEvents", "columns": [ { "name": "Timestamp", "type": "datetime" }, { "name": "FileName", "type": "string" } ] }
          ],
          "functions": [
            { "name": "SuspiciousLogons", "kind": "saved",
              "parameters": [ { "name": "account", "type": "string" }, { "name": "minCount", "type": "long", "defaultValue": "5" } ],
              "outputColumns": [ { "name": "AccountName", "type": "string" }, { "name": "Failures", "type": "long" } ] },
            { "name": "RecentAlerts", "kind": "saved", "outputColumns": [ { "name": "AlertId", "type": "string" } ] }
          ]
        }
        """;

    private static readonly AdditionalText TenantFile = new InMemoryText("/src/contoso.hunting-schema.json", Tenant);

    private static string InMethod(string statement) => "using Demo; class C { void M() { " + statement + " } }";

    [Theory]
    [InlineData("Contoso_CL | where Score > 0.5 and DeviceName has 'web' | project Timestamp")]
    [InlineData("DeviceInfo | where ContosoTag == 'prod' | project DeviceName")]
    [InlineData("SuspiciousLogons('alice') | where Failures > 10 | project AccountName")]
    [InlineData("SuspiciousLogons('alice', 7) | summarize sum(Failures) by AccountName")]
    [InlineData("RecentAlerts | project AlertId")]
    [InlineData("RecentAlerts() | project AlertId")]
    [InlineData("DeviceProcessEvents | join kind=inner (SuspiciousLogons('a')) on $left.FileName == $right.AccountName | project Failures")]
    public void Queries_over_the_files_tables_columns_and_functions_bind(string kql)
    {
        var diagnostics = AnalyzerHarness.Run(AnalyzerHarness.Compile(InMethod($"Api.Run(\"{kql}\");")), TenantFile);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[|Contoso_CL|] | take 1", "DTQ101")]
    [InlineData("DeviceInfo | where [|ContosoTag|] == 'x'", "DTQ102")]
    [InlineData("[|SuspiciousLogons|]('alice')", "DTQ105")]
    public void Without_the_file_the_same_queries_are_reported(string marked, string id)
    {
        var (diagnostics, expected, source) = AnalyzerHarness.RunMarked(InMethod($"Api.Run(\"{marked}\");"));

        var d = Assert.Single(diagnostics, x => x.Id == id);
        Assert.Equal(expected[0], (d.Location.SourceSpan.Start, d.Location.SourceSpan.End));
        Assert.NotNull(source);
    }

    [Theory]
    [InlineData("SuspiciousLogons('alice') | where [|Failurs|] > 10", "DTQ102", "'Failurs' is not a column of SuspiciousLogons; did you mean 'Failures'?")]
    [InlineData("SuspiciousLogons('alice') | where [|AccountName > 3|]", "DTQ103", null)]
    [InlineData("SuspiciousLogons([|5|])", "DTQ104", "Argument 1 of 'SuspiciousLogons' (account) must be a string, not a long.")]
    [InlineData("[|SuspiciousLogons()|]", "DTQ106", "The function 'SuspiciousLogons' takes 1 to 2 arguments, not 0.")]
    [InlineData("[|SuspiciousLogons('a', 1, 2)|]", "DTQ106", "The function 'SuspiciousLogons' takes 1 to 2 arguments, not 3.")]
    [InlineData("[|DeviceEvents|] | take 1", "DTQ131", "The table 'DeviceEvents' is not in the hunting schema file(s) of this project: the signed-in caller may not be able to query it.")]
    [InlineData("DeviceProcessEvents | where [|ProcessId|] > 4", "DTQ102", "'ProcessId' is not a column of DeviceProcessEvents.")]
    public void With_the_file_mistakes_are_reported_where_they_are(string marked, string id, string? message)
    {
        var (diagnostics, expected, source) = AnalyzerHarness.RunMarked(InMethod($"Api.Run(\"{marked}\");"), TenantFile);

        var d = Assert.Single(diagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(source.Substring(expected[0].Start, expected[0].End - expected[0].Start), source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        if (message != null)
        {
            Assert.Equal(message, d.GetMessage(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_table_left_out_of_the_file_is_a_warning_and_only_when_a_file_is_present()
    {
        const string code = "using Demo; class C { void M() { Api.Run(\"DeviceEvents | take 1\"); } }";

        var withFile = Assert.Single(AnalyzerHarness.Run(AnalyzerHarness.Compile(code), TenantFile));
        Assert.Equal(("DTQ131", DiagnosticSeverity.Warning), (withFile.Id, withFile.Severity));
        Assert.Empty(AnalyzerHarness.Run(AnalyzerHarness.Compile(code)));
        Assert.Empty(AnalyzerHarness.Run(AnalyzerHarness.Compile(code), new InMemoryText("/src/tenant.json", Tenant))); // not a schema file name
    }

    [Fact]
    public void A_bad_file_is_left_out_without_a_crash_and_other_files_still_count()
    {
        const string code = "using Demo; class C { void M() { Api.Run(\"DeviceEvents | take 1\"); Api.Run(\"Contoso_CL | take 1\"); } }";
        var bad = new InMemoryText("/src/broken.hunting-schema.json", "{\"tables\": [ {\"name\": 1} ]");

        var onlyBad = AnalyzerHarness.Run(AnalyzerHarness.Compile(code), bad);
        var both = AnalyzerHarness.Run(AnalyzerHarness.Compile(code), bad, TenantFile);

        Assert.Equal(["DTQ101"], onlyBad.Select(d => d.Id)); // as without a file: Contoso_CL unknown, DeviceEvents fine
        Assert.Equal(["DTQ131"], both.Select(d => d.Id));
    }

    [Fact]
    public void A_typed_query_on_a_table_left_out_of_the_file_is_a_warning_where_it_starts()
    {
        const string code = """
            using Defender365Typed;
            using Defender365Typed.Tables;
            class C
            {
                object Hidden() => Hunting.DeviceEvents.Take(1);
                object HiddenToo() => DeviceEvents.Table;
                object Listed() => Hunting.DeviceProcessEvents.Take(1);
                object Result() => Hunting.DeviceInfo.Take(1).Count();
            }
            """;
        var compilation = AnalyzerHarness.Compile(code);

        var withFile = Run(compilation, TenantFile);
        var withoutFile = Run(compilation);

        Assert.Equal(["Hunting.DeviceEvents", "DeviceEvents.Table"], withFile.Select(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
        Assert.All(withFile, d => Assert.Equal(("DTQ131", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal(
            "The table 'DeviceEvents' is not in the hunting schema file(s) of this project: the signed-in caller may not be able to query it.",
            withFile[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(withoutFile);
    }

    private static ImmutableArray<Diagnostic> Run(CSharpCompilation compilation, params AdditionalText[] files) =>
        compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new TenantTableUseAnalyzer()),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(files.ToImmutableArray()), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
