using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Generators.ChainAnalysis;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Tests.ChainAnalysis;

/// <summary>
/// Compiles statements over the built-in tables and a few result types (generator run, as in a build), asserts the
/// compilation itself is clean, and runs <see cref="ChainAnalyzer"/>: the marked spans (<c>{|DTQ110:FileName|}</c>) must
/// be exactly its diagnostics, with these messages, in source order.
/// </summary>
internal static class ChainAnalyzerHarness
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using Defender365Typed;
        using Defender365Typed.Tables;

        namespace Sample;

        [HuntingResult] public sealed partial record FileRow(DateTime Timestamp, string DeviceName, string FileName);
        [HuntingResult] public sealed partial record DeviceCount(string DeviceName, long Count);
        [HuntingResult] public sealed partial record ProcessOnDevice(string DeviceName, string FileName, string OSVersion);

        public static class Runner
        {
            /// <summary>Like HuntingClient.RunAsync: reads the query's rows as its row type.</summary>
            public static IAsyncEnumerable<TRow> RunAsync<TRow, TColumns>(KqlQuery<TRow, TColumns> query) where TColumns : class => throw new NotSupportedException();

            /// <summary>A caller-supplied reader decides how rows are read: not checked.</summary>
            public static IAsyncEnumerable<TRow> RunAsync<TRow, TColumns>(KqlQuery<TRow, TColumns> query, Func<string, TRow> reader) where TColumns : class => throw new NotSupportedException();

            /// <summary>A helper that returns a query runs nothing: not checked.</summary>
            public static KqlQuery<TRow, TColumns> Recent<TRow, TColumns>(this KqlQuery<TRow, TColumns> query) where TColumns : class => query;

            public static void Print<TRow, TColumns>(KqlQuery<TRow, TColumns> query) where TColumns : class => Console.WriteLine(query.ToKql());
        }

        public static class User
        {
            public static void M(KqlQuery<DeviceFileEvents, DeviceFileEvents.Columns> given)
            {

        """;

    private const string Epilogue = """

            }
        }
        """;

    public static async Task VerifyAsync(string statements, params string[] messages)
    {
        (string source, IReadOnlyList<ExpectedSpan> spans) = Markup.Parse(Prelude + statements + Epilogue);
        Assert.True(spans.Count == messages.Length, $"The test marks {spans.Count} spans but gives {messages.Length} messages.");
        (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(output).ConfigureAwait(false);
        var expected = spans.Select((span, i) => $"{span.Id} '{source.Substring(span.Span.Start, span.Span.Length)}' {messages[i]}").ToList();
        var actual = diagnostics.Select(d => $"{d.Id} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}' {d.GetMessage(CultureInfo.InvariantCulture)}").ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(spans.Select(s => s.Span), diagnostics.Select(d => d.Location.SourceSpan));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new ChainAnalyzer()], options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        Assert.Empty(exceptions);
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }
}
