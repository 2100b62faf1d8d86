using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Defender365Typed.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>
/// Compiles test sources in memory against the .NET 8 reference assemblies and the real runtime
/// library, and runs the generator and the declaration analyzer over them as a build would.
/// </summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net80.References.All,
        MetadataReference.CreateFromFile(typeof(HuntingTableAttribute).Assembly.Location),
    ];

    public static CSharpCompilation Create(params string[] sources) => CSharpCompilation.Create(
        "Tests",
        sources.Select((source, i) => Parse(source, $"Test{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static SyntaxTree Parse(string source, string path = "Test0.cs") => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A driver that records every tracked step, so tests can read run reasons.</summary>
    public static GeneratorDriver CreateDriver(params AdditionalText[] additionalTexts) => CSharpGeneratorDriver.Create(
        [new HuntingGenerator().AsSourceGenerator()],
        additionalTexts: additionalTexts,
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator (with any AdditionalFiles); returns the compilation with the generated sources and the generator's own diagnostics.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(Compilation compilation, params AdditionalText[] additionalTexts)
    {
        GeneratorDriver driver = CreateDriver(additionalTexts).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The analyzer's diagnostics over the compilation after generation, as a real build sees it.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        (Compilation output, _) = Generate(compilation);
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers analyzed = output.WithAnalyzers([new DeclarationAnalyzer()], options);
        ImmutableArray<Diagnostic> diagnostics = await analyzed.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        Assert.Empty(exceptions);
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>Compiler errors of the compilation after generation.</summary>
    public static IReadOnlyList<Diagnostic> Errors(Compilation compilation)
    {
        (Compilation output, _) = Generate(compilation);
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
