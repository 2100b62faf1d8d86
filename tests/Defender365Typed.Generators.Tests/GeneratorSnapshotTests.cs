using System;
using System.Linq;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests;

public sealed class GeneratorSnapshotTests
{
    private const string GeneratedCodeInSnapshots = "[global::System.CodeDom.Compiler.GeneratedCode(\"Defender365Typed.Generators\", \"{version}\")]";

    [Fact]
    public void Generated_sources_match_the_approved_snapshots()
    {
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(Samples.Declarations));

        GeneratorRunResult result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [
                "Sample.Hunting.Queries.DeviceCount.g.cs",
                "Sample.Hunting.Queries.DeviceCount.Reader.g.cs",
                "Sample.Hunting.Queries.SampleEvents.g.cs",
                "Sample.Hunting.Queries.SampleEvents.Reader.g.cs",
            ],
            result.GeneratedSources.Select(s => s.HintName).Order());
        // Every file carries the generator's own version; the snapshots spell it {version}, so a release needs no re-approval.
        string generatedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"Defender365Typed.Generators\", \"{typeof(HuntingGenerator).Assembly.GetName().Version}\")]";
        Assert.All(result.GeneratedSources, source => Assert.Contains(generatedCode, source.SourceText.ToString(), StringComparison.Ordinal));

        // Compare every file before failing, so one run writes all the received files to review.
        string[] mismatches = result.GeneratedSources
            .Select(source => Snapshot.Compare(
                source.HintName[..^".g.cs".Length],
                source.SourceText.ToString().Replace(generatedCode, GeneratedCodeInSnapshots, StringComparison.Ordinal)))
            .OfType<string>()
            .ToArray();
        Assert.True(mismatches.Length == 0, string.Join(Environment.NewLine, mismatches));

        // The sample compiles cleanly with what was generated: no errors and no warnings.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
