using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Defender365Typed.Emulator;
using Defender365Typed.KqlEngine;
using Xunit.Abstractions;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>
/// Issue 17's proof: a sliced run over 1,000,000 rows (SyntheticVolume's DeviceNetworkEvents, 30 days) through the real
/// client, real HTTP and the emulator with the service's limits on (100,000-row cap, size cap, timeout and quotas)
/// returns exactly the multiset of rows the engine yields for the uncapped query. Rows are compared by a 128-bit
/// fingerprint of their canonical cells (sorted arrays), so a million rows are never held twice. It runs in CI with the
/// rest of the suite (trait Category=Proof selects it alone); docs/time-sliced-runs.md gives its time.
/// </summary>
public sealed class MillionRowProofTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int RowCount = 1_000_000;
    private const string Kql = "DeviceNetworkEvents\n| project Timestamp, DeviceId, ReportId, RemoteIP, RemotePort, ActionType";
    private static readonly DateTime End = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = End - SyntheticVolume.Window;

    private Harness _h = null!;

    public async Task InitializeAsync() => _h = await Harness.StartAsync(o => o.HuntingLimits = new EmulatorHuntingLimits());

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    [Trait("Category", "Proof")]
    public async Task A_sliced_run_over_a_million_rows_returns_exactly_the_uncapped_querys_rows()
    {
        var clock = Stopwatch.StartNew();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        KqlResultTable volume = SyntheticVolume.Create("DeviceNetworkEvents", RowCount, End);
        _h.Emulator.Hunting.UseTables(new TableSource([volume]), new EngineOptions { Now = End, Timeout = TimeSpan.FromMinutes(5) });
        (DefenderClient client, _) = _h.SecretClient(o =>
        {
            o.Resilience.HuntingAttemptTimeout = TimeSpan.FromMinutes(2); // a budget for a loaded machine, not an assertion
            o.Resilience.TotalTimeout = TimeSpan.FromMinutes(5);
        });

        // Four-day slices hold ~133,000 rows: each reaches the emulator's 100,000-row cap and is halved once.
        var options = new SlicedRunOptions { Start = Start, End = End, InitialSlice = TimeSpan.FromDays(4) };
        SlicedHuntingRun<VolumeConnection> run = client.Hunting.RunSliced<VolumeConnection>(Kql, options);
        var actual = new List<UInt128>(RowCount);
        await foreach (VolumeConnection row in run)
        {
            actual.Add(Fingerprint(row.Timestamp, row.DeviceId, row.ReportId, row.RemoteIP, row.RemotePort, row.ActionType));
        }

        TimeSpan sliced = clock.Elapsed;

        UInt128[] expected = ExpectedFingerprints(volume);
        actual.Sort();
        Array.Sort(expected);
        // Wall time depends on the machine's load; the process's CPU time much less (docs/time-sliced-runs.md quotes both).
        output.WriteLine($"sliced run {sliced.TotalSeconds:F1} s ({run.Result.Slices.Count} slices), engine reference {(clock.Elapsed - sliced).TotalSeconds:F1} s, "
            + $"process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s");

        Assert.Equal(RowCount, expected.Length);
        Assert.True(expected.AsSpan().SequenceEqual(actual.ToArray()), Difference(expected, actual));
        Assert.True(run.Result.IsComplete);
        Assert.Equal(RowCount, run.Result.Rows);
        // Seven four-day slices of ~133,333 rows reach the cap and are halved; their halves and the remaining two days hold ~66,667 each.
        Assert.Equal((7, 15), (run.Result.Slices.Count(s => s.Status == HuntingSliceStatus.Split), run.Result.Slices.Count(s => s.Status == HuntingSliceStatus.Completed)));
        Assert.All(run.Result.Slices, s => Assert.True(s.Status == HuntingSliceStatus.Completed || s.Failure == "the slice reached the row cap (100000 rows)", s.Failure));
        Assert.Equal(0, _h.Emulator.Hunting.Limits!.Calls.Throttled);
    }

    /// <summary>The engine's rows for the uncapped query over the run's range, fingerprinted as they are read.</summary>
    private static UInt128[] ExpectedFingerprints(KqlResultTable volume)
    {
        string uncapped = Kql.Replace("DeviceNetworkEvents", $"DeviceNetworkEvents\n| where Timestamp >= datetime({SliceEvents.Iso(Start)}) and Timestamp < datetime({SliceEvents.Iso(End)})", StringComparison.Ordinal);
        KqlResultTable result = KqlEvaluator.Execute(uncapped, new TableSource([volume]), new EngineOptions { Now = End, MaxRows = int.MaxValue, Timeout = TimeSpan.FromMinutes(5) });
        var fingerprints = new UInt128[result.Rows.Count];
        for (int i = 0; i < fingerprints.Length; i++)
        {
            object?[] r = result.Rows[i];
            fingerprints[i] = Fingerprint((DateTime)r[0]!, (string)r[1]!, (long)r[2]!, (string)r[3]!, (int)r[4]!, (string)r[5]!);
        }

        return fingerprints;
    }

    /// <summary>The first 128 bits of SHA-256 over the cells: ticks and numbers as fixed-width integers, strings length-prefixed UTF-8.</summary>
    private static UInt128 Fingerprint(DateTime timestamp, string deviceId, long reportId, string remoteIp, int remotePort, string actionType)
    {
        Span<byte> buffer = stackalloc byte[512];
        int n = 0;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[n..], timestamp.ToUniversalTime().Ticks);
        n += 8;
        n += Text(buffer[n..], deviceId);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[n..], reportId);
        n += 8;
        n += Text(buffer[n..], remoteIp);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[n..], remotePort);
        n += 4;
        n += Text(buffer[n..], actionType);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..n], hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);

        static int Text(Span<byte> into, string value)
        {
            int length = Encoding.UTF8.GetBytes(value, into[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(into, length);
            return 4 + length;
        }
    }

    private static string Difference(UInt128[] expected, List<UInt128> actual) =>
        $"expected {expected.Length} rows, got {actual.Count}; first difference at sorted index {FirstDifference(expected, actual)}";

    private static int FirstDifference(UInt128[] expected, List<UInt128> actual)
    {
        int i = 0;
        while (i < expected.Length && i < actual.Count && expected[i] == actual[i])
        {
            i++;
        }

        return i;
    }
}

/// <summary>A typed row of the proof's query, read by the generated reader.</summary>
[HuntingResult]
public sealed partial record VolumeConnection(DateTime Timestamp, string DeviceId, long ReportId, string RemoteIP, int RemotePort, string ActionType);
