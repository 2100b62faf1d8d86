using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.QueryAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// What the service would reject is an error by default; a project lowers a rule in .editorconfig
/// (<c>dotnet_diagnostic.DTQ102.severity = warning</c>), which the compiler applies per syntax tree.
/// </summary>
public sealed class DiagnosticSeverityTests
{
    private const string Misspelt = "using Defender365Typed; using Demo; class C { void M() { Api.Run(\"DeviceProcessEvents | where FileNam == 'x'\"); } }";

    [Fact]
    public void Every_raw_KQL_rule_is_an_error_by_default()
    {
        // DTQ100-DTQ108 are errors; DTQ131 (a table the project's schema files leave out) is a warning: the file may be stale.
        var rules = new RawKqlAnalyzer().SupportedDiagnostics;
        Assert.Equal(Enumerable.Range(100, 9).Select(n => "DTQ" + n).Append("DTQ131"), rules.Select(r => r.Id).OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.All(rules.Where(r => r.Id != "DTQ131"), r => Assert.Equal(DiagnosticSeverity.Error, r.DefaultSeverity));
        Assert.Equal(DiagnosticSeverity.Warning, rules.Single(r => r.Id == "DTQ131").DefaultSeverity);
    }

    [Fact]
    public void A_misspelt_column_fails_the_build_by_default()
    {
        var d = Assert.Single(AnalyzerHarness.Run(AnalyzerHarness.Compile(Misspelt)));
        Assert.Equal("DTQ102", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Theory]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public void Editorconfig_lowers_one_rule(string configured, DiagnosticSeverity expected)
    {
        var d = Assert.Single(RunWithEditorConfig($"dotnet_diagnostic.DTQ102.severity = {configured}"));
        Assert.Equal("DTQ102", d.Id);
        Assert.Equal(expected, d.Severity);
    }

    [Fact]
    public void Editorconfig_none_silences_the_rule_and_leaves_the_others_errors()
    {
        Assert.Empty(RunWithEditorConfig("dotnet_diagnostic.DTQ102.severity = none"));
        var other = Assert.Single(RunWithEditorConfig("dotnet_diagnostic.DTQ101.severity = warning"));
        Assert.Equal(DiagnosticSeverity.Error, other.Severity);
    }

    private static ImmutableArray<Diagnostic> RunWithEditorConfig(string rule)
    {
        var config = AnalyzerConfig.Parse("root = true\n[*.cs]\n" + rule + "\n", "/src/.editorconfig");
        var set = AnalyzerConfigSet.Create(ImmutableArray.Create(config));
        var compilation = AnalyzerHarness.Compile(Misspelt);
        var trees = compilation.SyntaxTrees.Select((t, i) => t.WithFilePath($"/src/File{i}.cs")).ToList();
        var options = trees.ToImmutableDictionary(t => t, t => set.GetOptionsForSourcePath(t.FilePath).TreeOptions);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees)
            .WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new EditorConfigOptions(options)));
        return AnalyzerHarness.Run(compilation);
    }

    /// <summary>The per-tree severities an .editorconfig sets, as the compiler's own provider hands them over.</summary>
    private sealed class EditorConfigOptions(ImmutableDictionary<SyntaxTree, ImmutableDictionary<string, ReportDiagnostic>> options)
        : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            if (options.TryGetValue(tree, out var byId) && byId.TryGetValue(diagnosticId, out severity))
            {
                return true;
            }

            severity = default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return false;
        }
    }
}
