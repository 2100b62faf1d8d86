using System;
using System.IO;

namespace Defender365Typed.Benchmarks;

/// <summary>Where the repository's inputs (schema, corpus) are, from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class BenchmarkPaths
{
    /// <summary>The folder holding Defender365Typed.sln (searched upward from the running assembly).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Defender365Typed.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository: Defender365Typed.sln was not found above " + AppContext.BaseDirectory);
    }
}
