using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// The schema files the raw-KQL analyzer lays over the declared tables: every readable *.hunting-schema.json of
/// AdditionalFiles (a bad one is left out: the generator reports it as DTQ130). Parsed once per file text, not once
/// per compilation: an unchanged file keeps its SourceText, which keys the cache.
/// </summary>
internal static class SchemaFileDocuments
{
    private static readonly ConditionalWeakTable<SourceText, StrongBox<HuntingSchemaDocument?>> Parsed = new ConditionalWeakTable<SourceText, StrongBox<HuntingSchemaDocument?>>();

    public static IReadOnlyList<HuntingSchemaDocument> Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        var documents = new List<HuntingSchemaDocument>();
        foreach (var file in files)
        {
            if (!SchemaFileReader.IsSchemaFile(file.Path))
            {
                continue;
            }

            var text = file.GetText(cancellationToken);
            HuntingSchemaDocument? document = text is null
                ? null
                : Parsed.GetValue(text, t => new StrongBox<HuntingSchemaDocument?>(SchemaFileReader.ReadDocument(file.Path, t).Document)).Value;
            if (document is not null)
            {
                documents.Add(document);
            }
        }

        return documents;
    }
}
