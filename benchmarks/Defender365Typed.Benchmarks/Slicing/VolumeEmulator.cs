using System;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Identity;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Benchmarks.Slicing;

/// <summary>
/// The in-process emulator serving 1,000,000 SyntheticVolume DeviceNetworkEvents rows over 30 days with the service's
/// result limits (100,000-row cap, 124 MB size cap, 3-minute modelled timeout) but no call quota or CPU allowance, so
/// repeated runs are never throttled; and a client signed in to it with a client secret (Graph API).
/// </summary>
internal sealed class VolumeEmulator : IAsyncDisposable
{
    public const int RowCount = 1_000_000;
    public const string Kql = "DeviceNetworkEvents\n| project Timestamp, DeviceId, ReportId, RemoteIP, RemotePort, ActionType";
    public static readonly DateTime End = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Start = End - SyntheticVolume.Window;

    private VolumeEmulator(DefenderEmulator emulator, DefenderClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public DefenderEmulator Emulator { get; }

    public DefenderClient Client { get; }

    public EmulatorHuntingLimits Limits => Emulator.Hunting.Limits!.Options;

    public static async Task<VolumeEmulator> StartAsync()
    {
        DefenderEmulator emulator = await DefenderEmulator.StartAsync(new EmulatorOptions
        {
            HuntingLimits = new EmulatorHuntingLimits { CallsPerMinute = null, CallsPerHour = null, CpuAllowance = null },
        });
        emulator.Hunting.UseTables(
            new TableSource([SyntheticVolume.Create("DeviceNetworkEvents", RowCount, End)]),
            new EngineOptions { Now = End, MaxRows = 2 * RowCount, Timeout = TimeSpan.FromMinutes(5) }); // budgets, not what is measured

        const string Secret = "benchmark-secret";
        EmulatedApp app = emulator.Directory.AddApp("benchmarks");
        app.ClientSecret = Secret;
        app.GrantApplication(EmulatorDirectory.Graph, "ThreatHunting.Read.All");
        DefenderCloud cloud = DefenderCloud.Emulator(emulator.BaseUri, emulator.ServerCertificate);
        var auth = new DefenderAuthenticator(new DefenderAuthOptions
        {
            Cloud = cloud,
            Flow = DefenderAuthFlow.ClientSecret,
            TenantId = emulator.Directory.TenantId,
            ClientId = "benchmarks",
            ClientSecret = Secret,
        });
        return new VolumeEmulator(emulator, DefenderClient.Create(new DefenderClientOptions { Cloud = cloud }, auth));
    }

    /// <summary>The service's limits: the 100,000-row cap and the 124 MB size cap (a sliced run's setting).</summary>
    public void ServiceLimits()
    {
        Limits.RowCap = 100_000;
        Limits.MaxResultBytes = EmulatorHuntingLimits.DocumentedMaxResultBytes;
    }

    /// <summary>No row or size cap: one response can carry all the rows (the baseline's setting).</summary>
    public void Uncapped()
    {
        Limits.RowCap = null;
        Limits.MaxResultBytes = null;
    }

    /// <summary>The sliced run over the 30 days, counting rows.</summary>
    public async Task<int> SlicedAsync(TimeSpan initialSlice, DateTime? end = null)
    {
        int rows = 0;
        var options = new SlicedRunOptions { Start = Start, End = end ?? End, InitialSlice = initialSlice };
        await foreach (VolumeConnection row in Client.Hunting.RunSliced<VolumeConnection>(Kql, options).ConfigureAwait(false))
        {
            rows += row.RemotePort > 0 ? 1 : 0;
        }

        return rows;
    }

    /// <summary>One uncapped call for every row (the client reports, rather than throws at, a result past its cap).</summary>
    public async Task<int> UncappedAsync()
    {
        int rows = 0;
        await foreach (VolumeConnection row in Client.Hunting.RunAsync<VolumeConnection>(Kql, new HuntingOptions { OnRowCap = HuntingRowCapBehavior.Report }).ConfigureAwait(false))
        {
            rows += row.RemotePort > 0 ? 1 : 0;
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A typed row of the benchmark's query, read by the generated reader.</summary>
[HuntingResult]
public sealed partial record VolumeConnection(DateTime Timestamp, string DeviceId, long ReportId, string RemoteIP, int RemotePort, string ActionType);
