using System;
using BenchmarkDotNet.Attributes;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Benchmarks.Engine;

/// <summary>
/// The large tenant (issue 17, item 6): 1,000,000 generated DeviceNetworkEvents over 30 days (SyntheticVolume), what it
/// costs to create, to read every row, and to query through the engine; the memory a table holds is printed by the setup.
/// </summary>
[MemoryDiagnoser]
public class SyntheticVolumeBenchmarks
{
    private const int RowCount = 1_000_000;
    private static readonly DateTime End = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private KqlResultTable _table = null!;
    private TableSource _tenant = null!;
    private EngineOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        _table = SyntheticVolume.Create("DeviceNetworkEvents", RowCount, End);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// Retained by a {RowCount:N0}-row generated table: {(after - before) / 1024.0:N1} KiB");
        _tenant = new TableSource([_table]);
        _options = new EngineOptions { Now = End, Timeout = TimeSpan.FromMinutes(5) }; // a budget, not what is measured; shared machines are slow
        GC.KeepAlive(_table);
    }

    /// <summary>Building the table: the pools (2,000 devices, 500 accounts, 40 binaries, 3,000 endpoints); no row is made.</summary>
    [Benchmark]
    public int Create() => SyntheticVolume.Create("DeviceNetworkEvents", RowCount, End).Rows.Count;

    /// <summary>Reading every row once (all 44 cells of each computed): the floor of any query over the table.</summary>
    [Benchmark(Baseline = true)]
    public int ReadAllRows()
    {
        int https = 0;
        foreach (object?[] row in _table.Rows)
        {
            https += row[5] is 443 ? 1 : 0;
        }

        return https;
    }

    [Benchmark]
    public int EngineWhereSummarize() => KqlEvaluator.Execute(
        """
        DeviceNetworkEvents
        | where RemotePort == 443 and ActionType == "ConnectionSuccess"
        | summarize Connections = count(), Last = max(Timestamp) by DeviceName
        """, _tenant, _options).Rows.Count;

    /// <summary>One day of the 30 (what a time-sliced runner asks for).</summary>
    [Benchmark]
    public long EngineOneDayCount() => (long)KqlEvaluator.Execute(
        "DeviceNetworkEvents | where Timestamp between (datetime(2026-11-20) .. 1d) | count", _tenant, _options).Rows[0][0]!;
}
