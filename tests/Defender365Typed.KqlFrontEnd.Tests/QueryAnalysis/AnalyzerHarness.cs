using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Defender365Typed.Generators.QueryAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>Runs <see cref="RawKqlAnalyzer"/> on in-memory compilations that reference the real runtime library.</summary>
internal static class AnalyzerHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .ToList();
        paths.Add(typeof(Defender365Typed.KqlAttribute).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public const string Api = """
        namespace Demo
        {
            using Defender365Typed;
            public static class Api
            {
                public static void Run([Kql] string kql) { }
                public static void RunAsync<TResult>([Kql] string kql) { }
                public static void Plain(string notKql) { }
            }
        }
        """;

    public static CSharpCompilation Compile(params string[] sources)
    {
        var trees = sources.Concat(new[] { Api }).Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Preview)));
        var compilation = CSharpCompilation.Create("Test", trees, References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return compilation;
    }

    public static ImmutableArray<Diagnostic> Run(CSharpCompilation compilation, params AdditionalText[] additionalFiles) =>
        Run(new RawKqlAnalyzer(), compilation, additionalFiles);

    /// <summary>Runs one analyzer of the generator assembly over the compilation.</summary>
    public static ImmutableArray<Diagnostic> Run(DiagnosticAnalyzer analyzer, CSharpCompilation compilation, params AdditionalText[] additionalFiles)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles.ToImmutableArray()),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        Assert.Empty(exceptions);
        return diagnostics;
    }

    /// <summary>
    /// Compiles <paramref name="marked"/> (with the expected spans marked [|like this|]) and returns the
    /// analyzer's diagnostics and the expected spans.
    /// </summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, List<(int Start, int End)> Expected, string Source) RunMarked(string marked, params AdditionalText[] additionalFiles) =>
        RunMarked(new RawKqlAnalyzer(), marked, additionalFiles);

    /// <summary>As <see cref="RunMarked(string, AdditionalText[])"/>, with another analyzer of the generator assembly.</summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, List<(int Start, int End)> Expected, string Source) RunMarked(DiagnosticAnalyzer analyzer, string marked, params AdditionalText[] additionalFiles)
    {
        var expected = new List<(int, int)>();
        var source = new System.Text.StringBuilder();
        var i = 0;
        while (i < marked.Length)
        {
            if (string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
            {
                var close = marked.IndexOf("|]", i, StringComparison.Ordinal);
                var inner = marked.Substring(i + 2, close - i - 2);
                expected.Add((source.Length, source.Length + inner.Length));
                source.Append(inner);
                i = close + 2;
                continue;
            }

            source.Append(marked[i]);
            i++;
        }

        var text = source.ToString();
        return (Run(analyzer, Compile(text), additionalFiles), expected, text);
    }
}
