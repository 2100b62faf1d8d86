using BenchmarkDotNet.Running;

namespace Defender365Typed.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/Defender365Typed.Benchmarks -- --filter *</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
