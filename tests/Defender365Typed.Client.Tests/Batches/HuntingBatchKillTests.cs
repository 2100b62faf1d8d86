using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Tests.Slicing;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Client.Tests.Batches;

/// <summary>
/// A batch in a child process (<see cref="BatchChildProcess"/>) killed with Process.Kill at seeded random moments (after a
/// random number of completed slices and a random few milliseconds more, so a kill lands anywhere in a slice's write and
/// commit, and always before the batch ends: six kills take at most 6 × 40 of its 432 slices) and restarted until it finishes, against an emulator whose rows do not change: every row of every query is in its output
/// exactly once, and the state file parses after every kill.
/// </summary>
public sealed class HuntingBatchKillTests : IAsyncLifetime
{
    private const int Kills = 6;
    private readonly string _folder = Directory.CreateTempSubdirectory("d365-batch-kill-").FullName;
    private Harness _h = null!;
    private TableSource _tables = null!;

    public async Task InitializeAsync()
    {
        _h = await Harness.StartAsync();
        _tables = SliceEvents.Tables();
        _h.Emulator.Hunting.UseTables(_tables, new EngineOptions { Now = SliceEvents.Now, MaxRows = BatchChildProcess.RowCap });
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_batch_killed_at_random_moments_and_resumed_writes_every_row_of_every_query_exactly_once()
    {
        _h.SecretApp();
        string certificate = Path.Combine(_folder, "emulator.cer");
        await File.WriteAllBytesAsync(certificate, _h.Emulator.ServerCertificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        string outDir = Path.Combine(_folder, "out");
        string statePath = Path.Combine(outDir, HuntingBatchOptions.DefaultStateFileName);
        var random = new Random(1704);
        int kills = 0;
        int exitCode;
        while (true)
        {
            using Process child = Child(certificate, outDir);
            if (kills < Kills)
            {
                await SlicesAsync(child, random.Next(1, 41));
                await Task.Delay(random.Next(0, 15));
                Assert.False(child.HasExited, "the batch ended before the kill: it has fewer slices than the kills need");
                child.Kill(entireProcessTree: true);
                kills++;
            }
            else
            {
                _ = child.StandardOutput.ReadToEndAsync(); // keep the pipe drained to the end
            }

            await child.WaitForExitAsync();
            exitCode = child.ExitCode;
            HuntingBatchState state = HuntingBatchState.Load(statePath); // never corrupt, whenever the kill came
            Assert.All(state.Queries, q => Assert.True(!File.Exists(Path.Combine(outDir, q.Name + ".ndjson")) || new FileInfo(Path.Combine(outDir, q.Name + ".ndjson")).Length >= q.Bytes, q.Name));
            if (exitCode == 0)
            {
                break;
            }
        }

        Assert.True(exitCode == 0, $"the last run exited {exitCode}");
        Assert.Equal(Kills, kills);
        HuntingBatchState final = HuntingBatchState.Load(statePath);
        foreach (HuntingBatchQuery query in BatchQueries.Set)
        {
            var expected = BatchQueries.Expected(_tables, query, SliceEvents.Start, SliceEvents.End);
            Assert.Equal(expected, BatchQueries.ReadNdjson(Path.Combine(outDir, query.Name + ".ndjson")));
            HuntingBatchQueryState state = final.Queries.Find(q => q.Name == query.Name)!;
            Assert.True(state.Finished);
            Assert.Equal(expected.Count, state.Rows);
        }
    }

    private Process Child(string certificate, string outDir)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string arg in new[] { "exec", typeof(SyncChildProcess).Assembly.Location, "batch", _h.Emulator.BaseUri.ToString(), certificate, outDir, nameof(HuntingRowFormat.Ndjson) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["D365_SYNC_TENANT"] = _h.TenantId;
        info.Environment["D365_SYNC_CLIENT"] = "app-secret";
        info.Environment["D365_SYNC_SECRET"] = _h.ClientSecret;
        return Process.Start(info)!;
    }

    /// <summary>Waits until the child has completed <paramref name="count"/> slices (its "slice" lines), however busy the machine.</summary>
    private static async Task SlicesAsync(Process child, int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (int i = 0; i < count; i++)
        {
            Assert.Equal("slice", await child.StandardOutput.ReadLineAsync(patience.Token));
        }
    }
}
