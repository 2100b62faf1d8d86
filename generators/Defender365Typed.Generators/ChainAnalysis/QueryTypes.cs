using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>The runtime's builder types, looked up once per compilation.</summary>
internal sealed class QueryTypes
{
    private QueryTypes(INamedTypeSymbol query, INamedTypeSymbol? orderedQuery, INamedTypeSymbol? shape, INamedTypeSymbol? hunting)
    {
        Query = query;
        OrderedQuery = orderedQuery;
        Shape = shape;
        Hunting = hunting;
    }

    /// <summary><c>KqlQuery&lt;TRow, TColumns&gt;</c>.</summary>
    public INamedTypeSymbol Query { get; }

    public INamedTypeSymbol? OrderedQuery { get; }

    /// <summary><c>HuntingShape&lt;TRow, TColumns&gt;</c>, whose <c>Table</c> starts a query.</summary>
    public INamedTypeSymbol? Shape { get; }

    /// <summary>The runtime's <c>Hunting</c> class: one property per built-in table.</summary>
    public INamedTypeSymbol? Hunting { get; }

    public static QueryTypes? Create(Compilation compilation)
    {
        var query = compilation.GetTypeByMetadataName("Defender365Typed.KqlQuery`2");
        return query == null
            ? null
            : new QueryTypes(
                query,
                compilation.GetTypeByMetadataName("Defender365Typed.KqlOrderedQuery`2"),
                compilation.GetTypeByMetadataName("Defender365Typed.HuntingShape`2"),
                compilation.GetTypeByMetadataName("Defender365Typed.Hunting"));
    }

    /// <summary>Whether <paramref name="type"/> is a constructed <c>KqlQuery</c> or <c>KqlOrderedQuery</c>.</summary>
    public bool IsQuery(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && (Is(named.OriginalDefinition, Query) || Is(named.OriginalDefinition, OrderedQuery));

    /// <summary>Whether <paramref name="method"/> is an operator of the builder (declared on a query type).</summary>
    public bool IsOperator(IMethodSymbol method) => IsQuery(method.ContainingType);

    public static bool Is(ISymbol? symbol, ISymbol? other) => other != null && SymbolEqualityComparer.Default.Equals(symbol, other);
}
