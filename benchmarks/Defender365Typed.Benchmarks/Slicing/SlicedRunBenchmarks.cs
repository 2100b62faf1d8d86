using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Defender365Typed.Benchmarks.Slicing;

/// <summary>
/// Issue 17's benchmark: reading 1,000,000 rows (30 days of SyntheticVolume DeviceNetworkEvents, six columns into a
/// generated typed row) from the in-process emulator over loopback HTTPS, as a sliced run under the service's
/// 100,000-row cap (one-day slices; four-day slices, each halved once at the cap) against one uncapped response carrying
/// every row (the baseline). Allocations count the client and the in-process emulator together; the peak memory of a
/// run and the client's share are measured by <see cref="SlicedRunPeakMemory"/> (<c>-- --sliced-peak-memory</c>).
/// </summary>
[MemoryDiagnoser]
public class SlicedRunBenchmarks
{
    private VolumeEmulator _emulator = null!;

    [GlobalSetup]
    public void Setup() => _emulator = VolumeEmulator.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task<int> OneUncappedResponse()
    {
        _emulator.Uncapped();
        return _emulator.UncappedAsync();
    }

    [Benchmark]
    public Task<int> SlicedOneDaySlices()
    {
        _emulator.ServiceLimits();
        return _emulator.SlicedAsync(TimeSpan.FromDays(1));
    }

    [Benchmark]
    public Task<int> SlicedFourDaySlicesHalved()
    {
        _emulator.ServiceLimits();
        return _emulator.SlicedAsync(TimeSpan.FromDays(4));
    }
}
