using System;
using System.IO;

namespace Defender365Typed.Tests.Literals;

/// <summary>Compares rendered text with an approved file under <c>tests/Defender365Typed.Tests/Golden</c>.</summary>
internal static class ApprovedFile
{
    /// <summary>Passes when <paramref name="received"/> equals the approved file; otherwise writes it beside as <c>*.received.*</c> and fails.</summary>
    public static void Verify(string relativePath, string received)
    {
        string approvedPath = Path.Combine(GoldenDirectory(), relativePath);
        string receivedPath = Path.ChangeExtension(approvedPath, ".received" + Path.GetExtension(approvedPath));

        // A checkout with CRLF conversion must not fail the comparison.
        string? approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(
            (approved is null ? $"There is no approved file {approvedPath}." : $"The output differs from the approved file {approvedPath}.")
            + $" The output was written to {receivedPath}. Review it; to approve it, copy the received file over the approved one:"
            + $"{Environment.NewLine}  cp '{receivedPath}' '{approvedPath}'");
    }

    // The test runs from bin/<configuration>/<framework>: walk up to the project folder.
    private static string GoldenDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Defender365Typed.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "Golden");
            }
        }

        throw new InvalidOperationException($"No Defender365Typed.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}
