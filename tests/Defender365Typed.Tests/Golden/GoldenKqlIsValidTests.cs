using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Tests.Golden;

/// <summary>
/// Proves every approved golden query valid with Microsoft's own KQL parser and analyzer (Kusto.Language, through
/// <c>tools/kql-check</c>) against the documented advanced-hunting schema. Needs Node.js and
/// <c>npm ci --prefix tools/kql-check</c>; when they are missing the test fails rather than skips.
/// </summary>
public sealed class GoldenKqlIsValidTests
{
    private const string InstallHint = "Run `npm ci --prefix tools/kql-check` (Node.js 20 or later) before the tests.";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_approved_query_passes_kql_check()
    {
        string root = ApprovedFile.RepositoryRoot;
        string checkerDirectory = Path.Combine(root, "tools", "kql-check");
        string checker = Path.Combine(checkerDirectory, "check.js");
        string schema = Path.Combine(root, "src", "Defender365Typed", "Schema", "hunting-schema.json");
        Assert.True(File.Exists(checker), $"{checker} is missing.");
        Assert.True(
            Directory.Exists(Path.Combine(checkerDirectory, "node_modules", "@kusto", "language-service-next")),
            $"tools/kql-check/node_modules is missing, so the golden queries cannot be checked. {InstallHint}");

        // The approved files only: a .received.kql left by a failing golden test is not part of the corpus.
        string[] approved = Directory.EnumerateFiles(ApprovedFile.GoldenDirectory, "*.kql", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".received.kql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(approved);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(checker);
        start.ArgumentList.Add("--schema");
        start.ArgumentList.Add(schema);
        foreach (string path in approved)
        {
            start.ArgumentList.Add(path);
        }

        using Process process = StartNode(start);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"kql-check did not finish within {Timeout.TotalSeconds:0} s.");
            }
        }

        string output = (await stdout) + (await stderr);
        Assert.True(
            process.ExitCode == 0,
            $"kql-check exited with code {process.ExitCode} (1: a golden query is invalid KQL, 2: could not check) " +
            $"for {approved.Length} approved files:\n{output}");
        Assert.Contains($"kql-check: {approved.Length} files, 0 with errors, 0 errors", output, StringComparison.Ordinal);
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start `node` ({e.Message}), so the golden queries cannot be checked. {InstallHint}", e);
        }
    }
}
