using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>Checks that the analyzer reports exactly the marked spans, with these messages, in source order.</summary>
internal static class DiagnosticVerifier
{
    public const string Usings = """
        using System;
        using System.Text.Json;
        using Defender365Typed;

        namespace Sample;

        """;

    public static async Task VerifyAsync(string markup, params string[] messages)
    {
        (string source, IReadOnlyList<ExpectedSpan> spans) = Markup.Parse(Usings + markup);
        Assert.True(spans.Count == messages.Length, $"The test marks {spans.Count} spans but gives {messages.Length} messages.");
        CSharpCompilation compilation = TestCompilation.Create(source);

        ImmutableArray<Diagnostic> diagnostics = await TestCompilation.AnalyzeAsync(compilation);
        var expected = spans.Select((span, i) => $"{span.Id} {span.Span} {messages[i]}").ToList();
        var actual = diagnostics.Select(d => $"{d.Id} {d.Location.SourceSpan} {d.GetMessage(CultureInfo.InvariantCulture)}").ToList();
        Assert.Equal(expected, actual);
        Assert.All(diagnostics, d => Assert.Equal("Test0.cs", d.Location.SourceTree?.FilePath));

        // The analyzer explains skipped declarations: where it reports an error the generator emitted
        // nothing, and where it reports none the generated code compiles.
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(compilation);
        Assert.Empty(run.Diagnostics);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.Empty(run.GeneratedTrees);
        }
        else
        {
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }
    }
}
