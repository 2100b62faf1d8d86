using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Defender365Typed.CodeFixes;

/// <summary>
/// Applies the "did you mean" suggestion of the raw-KQL diagnostics (unknown table, column or function)
/// by replacing the offending characters inside the C# string with the suggested name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DidYouMeanCodeFixProvider)), Shared]
public sealed class DidYouMeanCodeFixProvider : CodeFixProvider
{
    /// <summary>The key under which the analyzer stores its suggestion.</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("DTQ101", "DTQ102", "DTQ105");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SuggestionProperty, out string? suggestion)
                || suggestion is null
                || !IsPlainIdentifier(suggestion)
                || !diagnostic.Location.IsInSource)
            {
                continue;
            }

            TextSpan span = diagnostic.Location.SourceSpan;
            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Change to '{suggestion}'",
                    cancellationToken => ReplaceAsync(document, span, suggestion, cancellationToken),
                    equivalenceKey: diagnostic.Id + ":" + suggestion),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ReplaceAsync(Document document, TextSpan span, string suggestion, CancellationToken cancellationToken)
    {
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(span, suggestion)));
    }

    // A plain name needs no quoting or escaping in any C# string form, so replacing the span is always safe.
    private static bool IsPlainIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_') || c > '\u007F')
            {
                return false;
            }
        }

        return true;
    }
}
