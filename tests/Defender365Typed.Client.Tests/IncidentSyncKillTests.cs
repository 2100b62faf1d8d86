using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// The sync in a child process (this assembly's <see cref="SyncChildProcess"/>) killed with Process.Kill at seeded random
/// moments and restarted, against live incidents on a clock that runs a simulated day in about twenty seconds.
/// </summary>
public sealed class IncidentSyncKillTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _folder = Directory.CreateTempSubdirectory("d365-kill-").FullName;
    private Harness _h = null!;

    public async Task InitializeAsync() =>
        _h = await Harness.StartAsync(o =>
        {
            o.Time = _time;
            o.LiveIncidents = new LiveIncidentOptions { Seed = 77, Start = Start };
        });

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_sync_killed_and_restarted_through_a_simulated_day_delivers_every_final_state_once_after_de_dup_and_its_cursor_always_parses()
    {
        _h.SecretApp();
        string certificate = Path.Combine(_folder, "emulator.cer");
        await File.WriteAllBytesAsync(certificate, _h.Emulator.ServerCertificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        string cursorFile = Path.Combine(_folder, "cursor.json");
        string logFile = Path.Combine(_folder, "consumer.log");
        var store = new FileIncidentCursorStore(cursorFile);
        DateTimeOffset end = Start.AddDays(1);

        using var clockStop = new CancellationTokenSource();
        Task clock = Task.Run(async () =>
        {
            while (_time.GetUtcNow() < end)
            {
                await Task.Delay(12);
                _time.Advance(TimeSpan.FromMinutes(1));
            }
        });

        var random = new Random(16);
        int kills = 0;
        while (!clock.IsCompleted || kills < 8)
        {
            using Process child = StartChild(cursorFile, logFile);
            await ReadyAsync(child);
            await Task.Delay(random.Next(0, 1200));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            kills++;
            _ = await store.LoadAsync(); // never corrupt, whenever the kill came
        }

        await clock;

        // A last run after the day ends catches up, then it is killed too.
        var finals = _h.Emulator.Incidents.All().Select(i => Mark(i.Id, i.LastUpdateDateTime)).ToHashSet();
        using (Process last = StartChild(cursorFile, logFile))
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // seconds unless the machine is very busy
            while (!finals.IsSubsetOf(ReadLog(logFile)) && !patience.IsCancellationRequested)
            {
                await Task.Delay(100);
            }

            last.Kill(entireProcessTree: true);
            await last.WaitForExitAsync();
        }

        List<IncidentChangeMark> log = ReadLog(logFile);
        var distinct = log.Distinct().ToList();
        IReadOnlyList<LiveIncidentChange> history = _h.Emulator.LiveIncidents!.History;
        Assert.True(kills >= 8, $"only {kills} kills");
        Assert.True(history.Count > 150, $"only {history.Count} changes");
        Assert.Subset(distinct.ToHashSet(), finals);
        Assert.Subset(history.Select(e => Mark(e.Id, e.LastUpdate)).ToHashSet(), distinct.ToHashSet());
        foreach (IGrouping<string, IncidentChangeMark> perIncident in distinct.GroupBy(m => m.Id))
        {
            Assert.Equal(perIncident.Select(m => m.LastUpdate).Order(), perIncident.Select(m => m.LastUpdate));
        }

        IncidentSyncCursor saved = (await store.LoadAsync())!;
        Assert.Equal(distinct.Max(m => m.LastUpdate), saved.HighWater);
    }

    [Fact]
    public async Task A_process_killed_while_it_writes_the_cursor_leaves_a_cursor_that_parses()
    {
        string cursorFile = Path.Combine(_folder, "cursor.json");
        var store = new FileIncidentCursorStore(cursorFile);
        var random = new Random(1604);
        DateTimeOffset? previous = null;
        int midWrite = 0;
        for (int i = 0; i < 8; i++)
        {
            using Process child = Child("write-cursor", cursorFile);
            await ReadyAsync(child);
            await Task.Delay(random.Next(5, 150));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            midWrite += File.Exists(cursorFile + ".tmp") ? 1 : 0;

            IncidentSyncCursor? cursor = await store.LoadAsync();
            Assert.NotNull(cursor);
            Assert.Equal(200, cursor!.Seen.Count);
            Assert.Equal(cursor.HighWater, cursor.Seen.Max(m => m.LastUpdate));
            Assert.True(previous is null || cursor.HighWater > previous, "each run saved newer cursors");
            previous = cursor.HighWater;
        }

        Assert.True(midWrite >= 2, $"only {midWrite} of 8 kills came while a new cursor was being written");
    }

    private Process StartChild(string cursorFile, string logFile)
    {
        Process process = Child("sync", _h.Emulator.BaseUri.ToString(), Path.Combine(_folder, "emulator.cer"), cursorFile, logFile, Start.AddHours(-12).ToString("O", CultureInfo.InvariantCulture));
        return process;
    }

    private Process Child(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(SyncChildProcess).Assembly.Location);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["D365_SYNC_TENANT"] = _h.TenantId;
        info.Environment["D365_SYNC_CLIENT"] = "app-secret";
        info.Environment["D365_SYNC_SECRET"] = _h.ClientSecret;
        return Process.Start(info)!;
    }

    /// <summary>Waits for the child's "ready" line (it has done one unit of work), so every run makes progress however busy the machine.</summary>
    private static async Task ReadyAsync(Process child)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal("ready", await child.StandardOutput.ReadLineAsync(patience.Token));
    }

    private static List<IncidentChangeMark> ReadLog(string logFile)
    {
        if (!File.Exists(logFile))
        {
            return [];
        }

        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Select(p => new IncidentChangeMark(p[0], DateTimeOffset.Parse(p[1], CultureInfo.InvariantCulture)))];
    }

    private static IncidentChangeMark Mark(long id, DateTimeOffset at) => new(id.ToString(CultureInfo.InvariantCulture), at);
}
