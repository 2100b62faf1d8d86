using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using Defender365Typed.Benchmarks.Slicing;

namespace Defender365Typed.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/Defender365Typed.Benchmarks -- --filter *</c>;
/// <c>-- --sliced-peak-memory</c> runs the measured peak-memory harness of a 1M-row sliced run instead.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["--sliced-peak-memory"])
        {
            await SlicedRunPeakMemory.RunAsync();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
