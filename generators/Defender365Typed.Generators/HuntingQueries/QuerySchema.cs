using System;
using System.Collections.Immutable;
using System.Threading;
using Defender365Typed.Generators.QueryAnalysis;
using Defender365Typed.Generators.SchemaFiles;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.HuntingQueries;

/// <summary>
/// The schema <c>[HuntingQuery]</c> constants bind against, as the raw-KQL analyzer sees it: the [HuntingTable] types
/// of the compilation and its references, overlaid with the project's *.hunting-schema.json files. Equal by content
/// (<see cref="KqlSchema.Key"/>), so an edit that changes no table leaves the typed queries cached.
/// </summary>
internal sealed class QuerySchema : IEquatable<QuerySchema>
{
    private QuerySchema(KqlSchema schema) => Schema = schema;

    public KqlSchema Schema { get; }

    /// <summary>The schema, or null when the runtime library (and so [HuntingTable]) is not referenced.</summary>
    public static QuerySchema? Read(Compilation compilation, ImmutableArray<AdditionalText> schemaFiles, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? tableAttribute = compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute);
        if (tableAttribute is null)
        {
            return null;
        }

        KqlSchema declared = SchemaReader.Read(compilation, tableAttribute);
        return new QuerySchema(QueryAnalysisCache.Intern(SchemaFileOverlay.Apply(declared, SchemaFileDocuments.Read(schemaFiles, cancellationToken))));
    }

    public bool Equals(QuerySchema? other) => other is not null && string.Equals(other.Schema.Key, Schema.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as QuerySchema);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Schema.Key);
}
