using System;
using System.Collections.Generic;

namespace Defender365Typed.Syntax;

/// <summary>
/// Gathers the <c>let</c>-bound queries a query refers to, each once and after the ones it depends on,
/// so <c>ToKql()</c> can write them as <c>let</c> statements before the query.
/// </summary>
internal sealed class KqlLetCollector
{
    private List<(string Name, KqlTabular Query)>? _lets;

    public IReadOnlyList<(string Name, KqlTabular Query)> Lets =>
        (IReadOnlyList<(string Name, KqlTabular Query)>?)_lets ?? Array.Empty<(string, KqlTabular)>();

    [ThreadStatic]
    private static KqlLetCollector? t_cached;

    /// <summary>A collector for one rendering; reused per thread so that a query without lets allocates none.</summary>
    public static KqlLetCollector Rent()
    {
        KqlLetCollector? cached = t_cached;
        t_cached = null;
        return cached ?? new KqlLetCollector();
    }

    public static void Return(KqlLetCollector collector)
    {
        collector._lets?.Clear();
        t_cached = collector;
    }

    public void Add(string name, KqlTabular query)
    {
        if (_lets is not null)
        {
            foreach ((string existingName, KqlTabular existing) in _lets)
            {
                if (string.Equals(existingName, name, StringComparison.Ordinal))
                {
                    if (!ReferenceEquals(existing, query))
                    {
                        throw new InvalidOperationException(
                            $"Two different queries are bound to the let name '{name}'; give each its own name.");
                    }

                    return;
                }
            }
        }

        // Dependencies first: the bound query may itself refer to other lets.
        query.CollectLets(this);
        (_lets ??= []).Add((name, query));
    }
}
