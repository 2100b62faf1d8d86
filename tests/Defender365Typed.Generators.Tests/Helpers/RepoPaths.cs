using System;
using System.IO;

namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>
/// Finds files of the repository from the test's output folder (CallerFilePath is not used: CI builds
/// map source paths, so they would not point at the real files).
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "Defender365Typed.Generators.Tests");

    public static string RuntimeSources => Path.Combine(Root, "src", "Defender365Typed");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Defender365Typed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Defender365Typed.sln above {AppContext.BaseDirectory}.");
    }
}
