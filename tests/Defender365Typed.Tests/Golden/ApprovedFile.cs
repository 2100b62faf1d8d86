using System;
using System.IO;
using System.Text;

namespace Defender365Typed.Tests.Golden;

/// <summary>
/// Compares rendered KQL with its checked-in approved file, <c>Golden/queries/&lt;name&gt;.kql</c>.
/// </summary>
/// <remarks>
/// An approved file holds exactly the rendered text followed by one LF, in UTF-8 without BOM. The comparison is
/// exact: the only thing tolerated is CRLF line ends in the approved file (a checkout with autocrlf). On a mismatch,
/// or when the approved file does not exist, the rendered text is written to <c>&lt;name&gt;.received.kql</c>
/// beside it (git ignores <c>*.received.*</c>) and the test fails; review the received file and copy it over the
/// approved one if it is right. A stale received file is deleted when the query matches again.
/// </remarks>
internal static class ApprovedFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The repository root: the nearest ancestor of the test binaries that holds <c>Defender365Typed.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder of the golden tests in the source tree (checked by kql-check).</summary>
    public static string GoldenDirectory { get; } = Path.Combine(RepositoryRoot, "tests", "Defender365Typed.Tests", "Golden");

    /// <summary>The folder of the approved files.</summary>
    public static string QueriesDirectory { get; } = Path.Combine(GoldenDirectory, "queries");

    public static string ApprovedPath(string name) => Path.Combine(QueriesDirectory, name + ".kql");

    public static string ReceivedPath(string name) => Path.Combine(QueriesDirectory, name + ".received.kql");

    /// <summary>Fails unless <paramref name="rendered"/> is exactly the approved text of <paramref name="name"/>.</summary>
    public static void Verify(string name, string rendered)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(rendered);
        if (name.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot be used as the name of an approved file.", nameof(name));
        }

        string content = rendered + "\n";
        string approvedPath = ApprovedPath(name);
        string receivedPath = ReceivedPath(name);

        if (!File.Exists(approvedPath))
        {
            WriteReceived(receivedPath, content);
            Assert.Fail(
                $"There is no approved file for the golden query '{name}'.\n" +
                $"The rendered query was written to {receivedPath}.\n" +
                $"Review it, then copy it over (rename it to) {approvedPath} and commit it.\n\n" +
                content);
            return;
        }

        string approved = File.ReadAllText(approvedPath, Utf8NoBom).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.Equals(approved, content, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        WriteReceived(receivedPath, content);
        Assert.Fail(
            $"The golden query '{name}' no longer renders its approved text.\n" +
            $"Approved: {approvedPath}\n" +
            $"Received: {receivedPath}\n" +
            $"{FirstDifference(approved, content)}\n" +
            "Review the received file (e.g. diff the two files); if the new text is right, copy it over the approved " +
            "file and commit it, otherwise fix the builder.\n\n" +
            "Received text:\n" + content);
    }

    private static void WriteReceived(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Utf8NoBom);
    }

    private static string FirstDifference(string approved, string received)
    {
        string[] expectedLines = approved.Split('\n');
        string[] actualLines = received.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? expected = i < expectedLines.Length ? expectedLines[i] : null;
            string? actual = i < actualLines.Length ? actualLines[i] : null;
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                return $"First difference at line {i + 1}:\n  approved: {expected ?? "<end of file>"}\n  received: {actual ?? "<end of file>"}";
            }
        }

        return "The texts differ.";
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Defender365Typed.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Defender365Typed.sln was not found above {AppContext.BaseDirectory}; the golden tests read their approved files from the source tree.");
    }
}
