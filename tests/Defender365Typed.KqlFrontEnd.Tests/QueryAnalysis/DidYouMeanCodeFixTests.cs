using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Defender365Typed.CodeFixes;
using Defender365Typed.Generators.QueryAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>The "did you mean" code fix, applied through a real Roslyn workspace.</summary>
public sealed class DidYouMeanCodeFixTests
{
    [Theory]
    [InlineData("Api.Run(\"DeviceProcessEvents | where FileNam =~ 'x'\");", "Api.Run(\"DeviceProcessEvents | where FileName =~ 'x'\");")]
    [InlineData("Api.Run(@\"DeviceProcessEvents\n| where TimeStamp > ago(1d)\");", "Api.Run(@\"DeviceProcessEvents\n| where Timestamp > ago(1d)\");")]
    [InlineData("Api.Run(\"\"\"DeviceProcesEvents | take 1\"\"\");", "Api.Run(\"\"\"DeviceProcessEvents | take 1\"\"\");")]
    [InlineData("Api.Run(\"DeviceProcessEvents | where Timestamp > agoo(1d)\");", "Api.Run(\"DeviceProcessEvents | where Timestamp > ago(1d)\");")]
    public void Replaces_the_misspelt_name_with_the_suggestion(string statement, string expected)
    {
        string fixedSource = ApplyFirstFix(InMethod(statement));
        Assert.Equal(InMethod(expected), fixedSource);
    }

    [Fact]
    public void Offers_nothing_without_a_suggestion()
    {
        Document document = CreateDocument(InMethod("Api.Run(\"DeviceProcessEvents | where Zzzzzzzzzzzz == 'x'\");"));
        Diagnostic diagnostic = Assert.Single(Analyze(document));
        Assert.Equal("DTQ102", diagnostic.Id);
        Assert.Empty(Fixes(document, diagnostic));
    }

    private static string InMethod(string statement) => "using Demo; class C { void M() { " + statement + " } }";

    private static string ApplyFirstFix(string source)
    {
        Document document = CreateDocument(source);
        Diagnostic diagnostic = Assert.Single(Analyze(document));
        CodeAction action = Assert.Single(Fixes(document, diagnostic));
        ImmutableArray<CodeActionOperation> operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(document.Id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
    }

    private static List<CodeAction> Fixes(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        new DidYouMeanCodeFixProvider().RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return actions;
    }

    private static ImmutableArray<Diagnostic> Analyze(Document document)
    {
        Compilation compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;
        return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RawKqlAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    private static Document CreateDocument(string source)
    {
        CSharpCompilation reference = AnalyzerHarness.Compile(source);
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("Test", LanguageNames.CSharp)
            .WithCompilationOptions(reference.Options)
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Preview))
            .WithMetadataReferences(reference.References);
        project = project.AddDocument("Api.cs", AnalyzerHarness.Api).Project;
        return project.AddDocument("Test.cs", source);
    }
}
