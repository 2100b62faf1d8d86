using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>The result of analysing one query text against a schema.</summary>
public sealed class KqlAnalysisResult
{
    public KqlAnalysisResult(KqlSyntaxTree tree, IReadOnlyList<KqlDiagnostic> diagnostics, RowShape? output)
    {
        Tree = tree;
        Diagnostics = diagnostics;
        Output = output;
    }

    public KqlSyntaxTree Tree { get; }

    /// <summary>Syntax diagnostics first, then binder diagnostics, each in text order.</summary>
    public IReadOnlyList<KqlDiagnostic> Diagnostics { get; }

    /// <summary>Columns of the last query statement's result; null when it is scalar or there is none.</summary>
    public RowShape? Output { get; }
}

/// <summary>Entry point of the KQL front end: lex, parse and bind a query.</summary>
public static class KqlAnalysis
{
    public static KqlAnalysisResult Analyze(string text, KqlSchema schema)
    {
        var tree = Parser.Parse(text);
        var diagnostics = new List<KqlDiagnostic>(tree.Diagnostics);
        var output = Binder.Bind(tree, schema, diagnostics);
        diagnostics.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
        return new KqlAnalysisResult(tree, diagnostics, output);
    }
}
