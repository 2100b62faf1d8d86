using System;
using System.IO;

namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>
/// Golden-file comparison: <c>Snapshots/NAME.approved.cs</c> holds the reviewed text. On a mismatch the
/// actual text goes to <c>NAME.received.cs</c> beside it (git-ignored) and the test fails.
/// </summary>
internal static class Snapshot
{
    /// <summary>Null when <paramref name="actual"/> matches the approved text, else what to review.</summary>
    public static string? Compare(string name, string actual)
    {
        string folder = Path.Combine(RepoPaths.TestProject, "Snapshots");
        string approvedPath = Path.Combine(folder, name + ".approved.cs");
        string receivedPath = Path.Combine(folder, name + ".received.cs");
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        string? approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (approved == normalized)
        {
            File.Delete(receivedPath);
            return null;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalized);
        return approved is null
            ? $"No approved snapshot for '{name}'. Review {receivedPath} and, if it is right, rename it to {approvedPath}."
            : $"Generated '{name}' differs from the approved snapshot. Review {receivedPath} (diff it against {approvedPath}) and, if the change is intended, copy it over the approved file.";
    }
}
