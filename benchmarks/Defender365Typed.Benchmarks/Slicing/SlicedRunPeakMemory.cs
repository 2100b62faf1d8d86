using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.KqlEngine;
using Defender365Typed.Results;

namespace Defender365Typed.Benchmarks.Slicing;

/// <summary>
/// The measured peak harness of issue 17's memory goal (a 1M-row sliced run grows memory by less than 64 MB):
/// <c>dotnet run -c Release --project benchmarks/Defender365Typed.Benchmarks -- --sliced-peak-memory</c>. After a warm-up
/// run and a full collection, it samples while the run goes (every 2 ms): the managed heap including garbage not yet
/// collected (<c>GC.GetTotalMemory(false)</c>), the live heap after each collection (the generations' sizes after it,
/// from <c>GC.GetGCMemoryInfo</c>), and the working set. That is the whole process: the client and the in-process
/// emulator. The client's share is what it holds at its peak, one slice's rows (the runner buffers a slice to know it
/// is not cut off at the cap): measured by holding the largest slice's typed rows after a full collection.
/// </summary>
internal static class SlicedRunPeakMemory
{
    public static async Task RunAsync()
    {
        await using VolumeEmulator emulator = await VolumeEmulator.StartAsync();
        emulator.ServiceLimits();
        await emulator.SlicedAsync(TimeSpan.FromDays(1), VolumeEmulator.Start.AddDays(2)); // warm-up: JIT, connection, token

        Console.WriteLine("| run | rows | slices | time | rows/s | peak heap growth | peak live heap growth | peak working set growth | client: largest completed slice | allocated |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (TimeSpan slice in new[] { TimeSpan.FromDays(1), TimeSpan.FromDays(4) })
        {
            long heap0 = FullCollection();
            long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            using var sampler = new PeakSampler();
            var clock = Stopwatch.StartNew();
            var options = new SlicedRunOptions { Start = VolumeEmulator.Start, End = VolumeEmulator.End, InitialSlice = slice };
            SlicedHuntingRun<VolumeConnection> run = emulator.Client.Hunting.RunSliced<VolumeConnection>(VolumeEmulator.Kql, options);
            long rows = 0;
            await foreach (VolumeConnection row in run)
            {
                rows += row.ReportId > 0 ? 1 : 0;
            }

            clock.Stop();
            sampler.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            HuntingSlice largest = Largest(run.Result.Slices);
            long clientBuffer = SliceBufferBytes(largest);
            SliceBufferBytes(largest, new HuntingReaderOptions { Interning = StringInterning.AllStrings }); // DefenderClientOptions.ResultReaderOptions
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {slice.TotalDays:0}-day slices | {rows:N0} | {run.Result.Slices.Count} | {clock.Elapsed.TotalSeconds:F1} s | {rows / clock.Elapsed.TotalSeconds:N0} | "
                + $"{Mb(sampler.PeakHeap - heap0)} | {Mb(sampler.PeakLive - heap0)} | {Mb(sampler.PeakWorkingSet - sampler.WorkingSet0)} | "
                + $"{largest.Rows:N0} rows: {Mb(clientBuffer)} | {Mb(allocated)} |"));
        }
    }

    /// <summary>
    /// The bytes one slice's typed rows keep alive while the runner buffers them: the slice's Graph response body (as
    /// the emulator writes it) read by the same generated reader into a list, held across a full collection, against
    /// the heap once the list is dropped. Synchronous, so no state machine keeps anything alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long SliceBufferBytes(HuntingSlice slice, HuntingReaderOptions? options = null)
    {
        string kql = VolumeEmulator.Kql.Replace("DeviceNetworkEvents", string.Create(CultureInfo.InvariantCulture,
            $"DeviceNetworkEvents\n| where Timestamp >= datetime({slice.Start:O}) and Timestamp < datetime({slice.End:O})"), StringComparison.Ordinal);
        KqlResultTable result = KqlEvaluator.Execute(kql, new TableSource([SyntheticVolume.Create("DeviceNetworkEvents", VolumeEmulator.RowCount, VolumeEmulator.End)]),
            new EngineOptions { Now = VolumeEmulator.End, MaxRows = VolumeEmulator.RowCount });
        byte[] body = System.Text.Encoding.UTF8.GetBytes(KqlResultJson.ToGraphJson(result));
        result = null!;

        long dropped = FullCollection();
        List<VolumeConnection> rows = HuntingResultReader.ReadAll<VolumeConnection>(body, options);
        long held = FullCollection();
        GC.KeepAlive(rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// client slice buffer{(options is null ? "" : " (strings interned)")}: {rows.Count:N0} rows, {held - dropped:N0} bytes ({(double)(held - dropped) / rows.Count:F0} per row)"));
        return held - dropped;
    }

    private static HuntingSlice Largest(IReadOnlyList<HuntingSlice> slices) =>
        slices.Where(s => s.Status == HuntingSliceStatus.Completed).MaxBy(s => s.Rows)!;

    private static long FullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Samples the heap, the live heap after each collection and the working set on a thread of its own.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public PeakSampler()
        {
            WorkingSet0 = Environment.WorkingSet;
            _thread = new Thread(Sample) { IsBackground = true, Name = "peak sampler" };
            _thread.Start();
        }

        public long WorkingSet0 { get; }

        public long PeakHeap { get; private set; }

        public long PeakLive { get; private set; }

        public long PeakWorkingSet { get; private set; }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }

        public void Dispose() => Stop();

        private void Sample()
        {
            long lastGc = -1;
            while (!_stop)
            {
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
                PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
                GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.Any);
                if (info.Index != lastGc)
                {
                    lastGc = info.Index;
                    long live = 0;
                    foreach (GCGenerationInfo generation in info.GenerationInfo)
                    {
                        live += generation.SizeAfterBytes;
                    }

                    PeakLive = Math.Max(PeakLive, live);
                }

                Thread.Sleep(2);
            }
        }
    }
}
