using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// This assembly's entry point, for the child processes of <see cref="IncidentSyncKillTests"/> (test runners do not call
/// it). <c>sync</c>: a consumer that appends each change to its own log, flushes, then acknowledges (saves the cursor),
/// polling until killed. <c>write-cursor</c>: saves ever larger cursors in a loop until killed. <c>batch</c>: a hunting
/// batch for <see cref="Batches.HuntingBatchKillTests"/> (<see cref="Batches.BatchChildProcess"/>).
/// </summary>
public static class SyncChildProcess
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            return 0;
        }

        return args[0] switch
        {
            "sync" => await SyncAsync(new Uri(args[1]), args[2], args[3], args[4], DateTimeOffset.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)),
            "write-cursor" => await WriteCursorsAsync(args[1]),
            "batch" => await Batches.BatchChildProcess.RunAsync(new Uri(args[1]), args[2], args[3], args[4]),
            _ => 2,
        };
    }

    /// <summary>A client of the parent's emulator, signed in with the secret the parent passes in the environment.</summary>
    internal static (DefenderClient Client, DefenderAuthenticator Auth) Connect(Uri baseUri, string certificateFile)
    {
        // Not disposed: the cloud checks the emulator's certificate on every connection of this short-lived child.
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificateFromFile(certificateFile);
        DefenderCloud cloud = DefenderCloud.Emulator(baseUri, certificate);
        var auth = new DefenderAuthenticator(new DefenderAuthOptions
        {
            Cloud = cloud,
            Flow = DefenderAuthFlow.ClientSecret,
            TenantId = Environment.GetEnvironmentVariable("D365_SYNC_TENANT"),
            ClientId = Environment.GetEnvironmentVariable("D365_SYNC_CLIENT"),
            ClientSecret = Environment.GetEnvironmentVariable("D365_SYNC_SECRET"),
        });
        var clientOptions = new DefenderClientOptions { Cloud = cloud };
        clientOptions.Resilience.BaseDelay = TimeSpan.FromMilliseconds(20);
        clientOptions.Resilience.MaxDelay = TimeSpan.FromMilliseconds(100);
        return (DefenderClient.Create(clientOptions, auth), auth);
    }

    private static async Task<int> SyncAsync(Uri baseUri, string certificateFile, string cursorFile, string logFile, DateTimeOffset firstFetch)
    {
        (DefenderClient client, DefenderAuthenticator auth) = Connect(baseUri, certificateFile);
        using DefenderAuthenticator ownedAuth = auth;
        using DefenderClient ownedClient = client;
        var store = new FileIncidentCursorStore(cursorFile);
        RepairTornTail(logFile);
        var options = new IncidentSyncOptions
        {
            FirstFetchFrom = firstFetch,

            // The parent runs a simulated day in seconds, so one poll spans simulated minutes: the overlap must cover the
            // visibility lag plus that.
            Overlap = TimeSpan.FromHours(2),
            MaxPerFetch = 6,
            BatchSize = 2,
            Follow = true,
            PollInterval = TimeSpan.FromMilliseconds(30),
        };
        await using var log = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.Read);
        bool polled = false;
        await foreach (IncidentSyncBatch<SecurityIncident> batch in client.Incidents.SyncAsync(store, options))
        {
            var lines = new StringBuilder();
            foreach (IncidentChange<SecurityIncident> change in batch.Changes)
            {
                lines.Append(change.Id).Append('\t').Append(change.LastUpdate.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }

            await log.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()));
            log.Flush(flushToDisk: true);
            await batch.AcknowledgeAsync();
            if (batch.IsEndOfPoll && !polled)
            {
                polled = true;
                await Console.Out.WriteLineAsync("ready"); // one poll done: the parent's kill lands among the polls after it
                await Console.Out.FlushAsync();
            }
        }

        return 0;
    }

    /// <summary>The consumer's recovery: a line cut by a kill was never acknowledged, so it is dropped (the change comes again).</summary>
    private static void RepairTornTail(string logFile)
    {
        if (!File.Exists(logFile))
        {
            return;
        }

        byte[] bytes = File.ReadAllBytes(logFile);
        int keep = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (keep < bytes.Length)
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Write);
            stream.SetLength(keep);
        }
    }

    private static async Task<int> WriteCursorsAsync(string cursorFile)
    {
        var store = new FileIncidentCursorStore(cursorFile);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        IncidentSyncCursor? previous = await store.LoadAsync();
        int first = previous is null ? 0 : (int)(previous.HighWater!.Value - start).TotalSeconds + 1;
        for (int i = first; ; i++)
        {
            DateTimeOffset high = start.AddSeconds(i);
            var seen = new IncidentChangeMark[200];
            for (int m = 0; m < seen.Length; m++)
            {
                seen[m] = new IncidentChangeMark((7000 + m + i).ToString(System.Globalization.CultureInfo.InvariantCulture), high.AddMilliseconds(-m));
            }

            await store.SaveAsync(new IncidentSyncCursor(DefenderApi.Graph, high, seen), CancellationToken.None);
            if (i == first)
            {
                await Console.Out.WriteLineAsync("ready"); // one cursor saved: the parent's kill lands among the saves after it
                await Console.Out.FlushAsync();
            }
        }
    }
}
