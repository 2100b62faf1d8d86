using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.QueryAnalysis;

namespace Defender365Typed.Benchmarks;

/// <summary>
/// The KQL front end (lex, parse, bind) on the 889 queries of the hunting-query corpus with the documented
/// schema: time and allocation per query; a typical query; and the analyzer's cache hit for an unchanged constant.
/// </summary>
[MemoryDiagnoser]
public class KqlAnalysisBenchmarks
{
    private const int CorpusSize = 889;

    private KqlSchema _schema = KqlSchema.Empty;
    private string[] _queries = Array.Empty<string>();
    private string _typical = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkPaths.RepositoryRoot();
        _schema = QueryAnalysisCache.Intern(LoadSchema(Path.Combine(root, "src", "Defender365Typed", "Schema", "hunting-schema.json")));
        var corpus = Path.Combine(root, "tests", "Defender365Typed.KqlFrontEnd.Tests", "Corpus", "hunting-queries");
        _queries = Directory.GetFiles(corpus, "*.kql", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        if (_queries.Length != CorpusSize)
        {
            throw new InvalidOperationException("expected " + CorpusSize + " corpus queries, found " + _queries.Length);
        }

        // The median-length query stands for a typical one.
        _typical = _queries.OrderBy(q => q.Length).ElementAt(_queries.Length / 2);
        QueryAnalysisCache.Analyze(_typical, _schema);
    }

    /// <summary>Whole corpus; the reported time and allocation are per query.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int AnalyzeCorpusPerQuery()
    {
        var n = 0;
        foreach (var q in _queries)
        {
            n += KqlAnalysis.Analyze(q, _schema).Diagnostics.Count;
        }

        return n;
    }

    [Benchmark]
    public int AnalyzeTypicalQuery() => KqlAnalysis.Analyze(_typical, _schema).Diagnostics.Count;

    /// <summary>What the analyzer pays for an unchanged constant: a cache lookup by text.</summary>
    [Benchmark]
    public int CachedTypicalQuery() => QueryAnalysisCache.Analyze(_typical, _schema).Diagnostics.Count;

    private static KqlSchema LoadSchema(string path) => HuntingSchemaJson.Parse(File.ReadAllText(path), path).ToKqlSchema();
}
