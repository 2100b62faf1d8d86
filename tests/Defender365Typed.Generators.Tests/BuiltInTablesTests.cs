using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Tests;

/// <summary>The library's own declarations must pass the analyzer that its users get.</summary>
public sealed class BuiltInTablesTests
{
    [Fact]
    public async Task Referencing_the_runtime_alone_gives_no_diagnostics()
    {
        CSharpCompilation compilation = TestCompilation.Create(
            "public static class UserCode { public static string Run() => Defender365Typed.Hunting.DeviceInfo.Take(1).ToKql(); }");

        Assert.Empty(await TestCompilation.AnalyzeAsync(compilation));
        Assert.Empty(TestCompilation.Errors(compilation));
    }

    [Fact]
    public async Task Every_built_in_table_declaration_passes_the_analyzer()
    {
        // The table sources are marked auto-generated, which the analyzer skips: drop that header so it
        // reads them, and move them to a nested namespace so they do not clash with the referenced copies.
        string[] sources = Directory.GetFiles(Path.Combine(RepoPaths.RuntimeSources, "Tables"), "*.cs")
            .Where(path => Path.GetFileName(path) != "Hunting.cs")
            .Select(path => string.Join('\n', File.ReadAllLines(path).Where(line => !line.Contains("auto-generated", StringComparison.Ordinal)))
                .Replace("namespace Defender365Typed.Tables;", "namespace Defender365Typed.CopyOfTables;", StringComparison.Ordinal))
            .ToArray();
        Assert.True(sources.Length >= 60, $"Only {sources.Length} table sources found.");
        CSharpCompilation compilation = TestCompilation.Create(sources);

        ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(compilation);
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(compilation);

        Assert.Empty(diagnostics);
        Assert.Null(run.Results[0].Exception);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5));
        // One shape source and one row reader per table.
        Assert.Equal(sources.Length, run.GeneratedTrees.Count(t => !t.FilePath.EndsWith(".Reader.g.cs", StringComparison.Ordinal)));
        Assert.Equal(sources.Length, run.GeneratedTrees.Count(t => t.FilePath.EndsWith(".Reader.g.cs", StringComparison.Ordinal)));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
