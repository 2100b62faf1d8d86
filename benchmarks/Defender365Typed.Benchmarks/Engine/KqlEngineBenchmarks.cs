using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Benchmarks.Engine;

/// <summary>
/// The emulator's KQL engine (issue 15's benchmark): a where + summarize over 1,000,000 network events against the same
/// filter and grouping written by hand in LINQ over the same rows (the floor), and the whole accepted hunting corpus
/// evaluated over the synthetic tenant.
/// </summary>
[MemoryDiagnoser]
public class KqlEngineBenchmarks
{
    private const int RowCount = 1_000_000;
    private const string Query = """
        Network
        | where RemotePort == 443 and ActionType == "ConnectionSuccess"
        | summarize Connections = count(), Last = max(Timestamp) by DeviceName
        """;

    private static readonly string[] ActionTypes = ["ConnectionSuccess", "ConnectionFailed", "InboundConnectionAccepted", "ListeningConnectionCreated", "ConnectionAttempt"];
    private static readonly int[] Ports = [443, 80, 445, 3389, 53, 8080, 22, 135];

    private TableSource _network = null!;
    private List<object?[]> _rows = null!;
    private SyntheticDataset _tenant = null!;
    private string[] _corpus = [];
    private EngineOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] devices = Enumerable.Range(0, 2_000).Select(i => $"host-{i:D4}.contoso.example").ToArray();
        _rows = new List<object?[]>(RowCount);
        for (int i = 0; i < RowCount; i++)
        {
            _rows.Add(
            [
                start.AddSeconds(i * 2.592), // 30 days
                devices[random.Next(devices.Length)],
                Ports[random.Next(Ports.Length)],
                $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}",
                ActionTypes[random.Next(ActionTypes.Length)],
            ]);
        }

        KqlResultColumn[] columns =
        [
            new("Timestamp", KqlScalarType.DateTime),
            new("DeviceName", KqlScalarType.String),
            new("RemotePort", KqlScalarType.Int),
            new("RemoteIP", KqlScalarType.String),
            new("ActionType", KqlScalarType.String),
        ];
        _network = new TableSource([new KqlResultTable("Network", columns, _rows)]);
        _options = new EngineOptions { Now = start.AddDays(30), MaxRows = int.MaxValue };

        _tenant = SyntheticDataset.Create();
        _corpus = AcceptedCorpusQueries();
        int expected = LinqWhereSummarize();
        int actual = EngineWhereSummarize();
        if (expected != actual)
        {
            throw new InvalidOperationException($"The engine produced {actual} groups, LINQ {expected}.");
        }
    }

    /// <summary>The floor: the same filter and grouping by hand over the same rows.</summary>
    [Benchmark(Baseline = true)]
    public int LinqWhereSummarize() => _rows
        .Where(r => (int)r[2]! == 443 && (string)r[4]! == "ConnectionSuccess")
        .GroupBy(r => (string)r[1]!, StringComparer.Ordinal)
        .Select(g => (g.Key, Connections: g.LongCount(), Last: g.Max(r => (DateTime)r[0]!)))
        .Count();

    [Benchmark]
    public int EngineWhereSummarize() => KqlEvaluator.Execute(Query, _network, _options).Rows.Count;

    /// <summary>
    /// Every corpus query Microsoft's analyzer accepts (knowing the Defender functions: labels.functions.json, as the engine's corpus
    /// test selects them), over the synthetic tenant; unsupported ones stop early.
    /// </summary>
    [Benchmark]
    public int EvaluateAcceptedCorpus()
    {
        int evaluated = 0;
        foreach (string query in _corpus)
        {
            try
            {
                KqlEvaluator.Execute(query, _tenant, new EngineOptions { Now = _tenant.Now });
                evaluated++;
            }
            catch (KqlEngineException)
            {
                // unsupported feature: part of the measured cost, not a failure
            }
        }

        return evaluated;
    }

    private static string[] AcceptedCorpusQueries()
    {
        string corpus = Path.Combine(BenchmarkPaths.RepositoryRoot(), "tests", "Defender365Typed.KqlFrontEnd.Tests", "Corpus", "hunting-queries");
        using JsonDocument labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "labels.functions.json")));
        return labels.RootElement.EnumerateArray()
            .Where(l => l.GetProperty("errors").GetArrayLength() == 0)
            .Select(l => File.ReadAllText(Path.Combine(corpus, l.GetProperty("file").GetString()!)))
            .ToArray();
    }
}
