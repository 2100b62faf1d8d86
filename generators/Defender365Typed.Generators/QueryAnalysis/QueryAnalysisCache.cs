using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.QueryAnalysis;

/// <summary>
/// Analysis results by (schema, query text), shared across compilations: an unchanged constant is never
/// re-bound while the schema stays the same. Schemas with equal content share one instance.
/// </summary>
internal static class QueryAnalysisCache
{
    private const int MaxSchemas = 16;
    private const int MaxQueriesPerSchema = 4096;

    private static readonly ConcurrentDictionary<string, KqlSchema> Schemas = new ConcurrentDictionary<string, KqlSchema>(System.StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<KqlSchema, ConcurrentDictionary<string, KqlAnalysisResult>> Results =
        new ConditionalWeakTable<KqlSchema, ConcurrentDictionary<string, KqlAnalysisResult>>();

    private static int s_bindCount;

    /// <summary>How many times a query was actually analysed (for tests and benchmarks).</summary>
    public static int BindCount => Volatile.Read(ref s_bindCount);

    /// <summary>The shared instance for a schema with this content.</summary>
    public static KqlSchema Intern(KqlSchema schema)
    {
        if (Schemas.Count >= MaxSchemas)
        {
            Schemas.Clear();
        }

        return Schemas.GetOrAdd(schema.Key, schema);
    }

    public static KqlAnalysisResult Analyze(string text, KqlSchema schema)
    {
        var results = Results.GetValue(schema, _ => new ConcurrentDictionary<string, KqlAnalysisResult>(System.StringComparer.Ordinal));
        if (results.TryGetValue(text, out var cached))
        {
            return cached;
        }

        if (results.Count >= MaxQueriesPerSchema)
        {
            results.Clear();
        }

        Interlocked.Increment(ref s_bindCount);
        var result = KqlAnalysis.Analyze(text, schema);
        return results.GetOrAdd(text, result);
    }
}
