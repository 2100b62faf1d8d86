using System;
using System.Linq;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests;

public sealed class GeneratorSnapshotTests
{
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
        // Compare every file before failing, so one run writes all the received files to review.
        string[] mismatches = result.GeneratedSources
            .Select(source => Snapshot.Compare(source.HintName[..^".g.cs".Length], source.SourceText.ToString()))
            .OfType<string>()
            .ToArray();
        Assert.True(mismatches.Length == 0, string.Join(Environment.NewLine, mismatches));

        // The sample compiles cleanly with what was generated: no errors and no warnings.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
