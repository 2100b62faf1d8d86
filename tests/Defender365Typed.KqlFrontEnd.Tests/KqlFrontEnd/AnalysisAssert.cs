using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>Assertions on <see cref="KqlAnalysis"/> over the built-in schema, shared by the front-end tests.</summary>
internal static class AnalysisAssert
{
    public static void Clean(string text)
    {
        var r = KqlAnalysis.Analyze(text, TestSchema.BuiltIn);
        Assert.True(r.Diagnostics.Count == 0, string.Join("\n", r.Diagnostics));
    }

    /// <summary>Exactly one diagnostic, of <paramref name="kind"/>, on the first occurrence of <paramref name="at"/>.</summary>
    public static KqlDiagnostic Single(string text, KqlDiagnosticKind kind, string at)
    {
        var r = KqlAnalysis.Analyze(text, TestSchema.BuiltIn);
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(kind, d.Kind);
        Assert.Equal((text.IndexOf(at, System.StringComparison.Ordinal), at.Length), (d.Start, d.Length));
        return d;
    }
}
