using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Identity;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Consumer;

/// <summary>
/// What a user of the packages writes: a custom table, a result type, typed queries, and a client signing in with a
/// client secret (real MSAL) against the emulator package in-process. "serve &lt;dir&gt;" instead hosts the emulator for
/// another process (the NativeAOT sample) and writes what it needs into &lt;dir&gt;.
/// </summary>
internal static class Program
{
    private const string ClientId = "consumer-app";

    private static async Task<int> Main(string[] args)
    {
        string secret = "sec~" + Guid.NewGuid().ToString("N");
        DateTime now = DateTime.UtcNow;
        SyntheticDataset dataset = SyntheticDataset.Create(now: now).With(JsonTableLoader.Parse(
            """
            [
              { "Timestamp": "2026-11-26T10:00:00Z", "DeviceId": "dev-1", "Score": 0.95, "Signal": "beacon" },
              { "Timestamp": "2026-11-26T10:05:00Z", "DeviceId": "dev-2", "Score": 0.20, "Signal": "noise" },
              { "Timestamp": "2026-11-26T10:10:00Z", "DeviceId": "dev-3", "Score": 0.85, "Signal": "exfil" }
            ]
            """,
            "MyDeviceSignals",
            [
                new KqlResultColumn("Timestamp", KqlScalarType.DateTime),
                new KqlResultColumn("DeviceId", KqlScalarType.String),
                new KqlResultColumn("Score", KqlScalarType.Real),
                new KqlResultColumn("Signal", KqlScalarType.String),
            ]));

        await using DefenderEmulator emulator = await DefenderEmulator.StartAsync();
        emulator.Hunting.UseTables(dataset, new EngineOptions { Now = now });
        EmulatedApp app = emulator.Directory.AddApp(ClientId);
        app.ClientSecret = secret;
        app.GrantApplication(EmulatorDirectory.Graph, "ThreatHunting.Read.All");

        if (args.Length == 2 && args[0] == "serve")
        {
            return await ServeAsync(emulator, secret, args[1]);
        }

        DefenderCloud cloud = DefenderCloud.Emulator(emulator.BaseUri, emulator.ServerCertificate);
        using var auth = new DefenderAuthenticator(new DefenderAuthOptions
        {
            Cloud = cloud,
            Flow = DefenderAuthFlow.ClientSecret,
            TenantId = emulator.Directory.TenantId,
            ClientId = ClientId,
            ClientSecret = secret,
        });
        using DefenderClient client = DefenderClient.Create(new DefenderClientOptions { Cloud = cloud }, auth);

        // 1. The custom table: typed query, generated reader.
        var custom = MyDeviceSignals.Table
            .Where(e => e.Score > 0.8)
            .Project(StrongSignal.Shape)
            .OrderBy(e => e.DeviceId);
        Console.WriteLine(custom.ToKql());
        List<StrongSignal> strong = [];
        await foreach (StrongSignal row in client.Hunting.RunAsync(custom))
        {
            Console.WriteLine($"custom row: {row.DeviceId} {row.Score} {row.Signal}");
            strong.Add(row);
        }

        Check(strong.Count == 2 && strong[0].DeviceId == "dev-1" && strong[1].DeviceId == "dev-3", "custom table rows");

        // 2. A built-in table into a [HuntingResult] type.
        var builtIn = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
            .Project(PowerShellRun.Shape)
            .OrderBy(e => e.DeviceName)
            .Take(5);
        Console.WriteLine(builtIn.ToKql());
        int count = 0;
        await foreach (PowerShellRun row in client.Hunting.RunAsync(builtIn))
        {
            Console.WriteLine($"built-in row: {row.Timestamp:O} {row.DeviceName} {row.ProcessCommandLine}");
            count++;
        }

        Check(count > 0, "built-in table rows");

        // 3. A raw query the analyzer checked at compile time.
        int raw = 0;
        await foreach (HuntingRow row in client.Hunting.RunAsync("MyDeviceSignals | where Signal == 'beacon' | project DeviceId"))
        {
            Console.WriteLine($"raw row: {row.GetString("DeviceId")}");
            raw++;
        }

        Check(raw == 1, "raw query rows");
        Console.WriteLine("consumer: all checks passed");
        return 0;
    }

    private static async Task<int> ServeAsync(DefenderEmulator emulator, string secret, string dir)
    {
        File.WriteAllText(Path.Combine(dir, "emulator.pem"), emulator.ServerCertificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "secret"), secret);
        // Written last: its presence says the emulator is ready.
        File.WriteAllText(Path.Combine(dir, "emulator.env"),
            $"BASE_URL={emulator.BaseUri}\nTENANT_ID={emulator.Directory.TenantId}\nCLIENT_ID={ClientId}\n");
        Console.WriteLine($"serving on {emulator.BaseUri}; stops when {dir}/stop exists");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (!File.Exists(Path.Combine(dir, "stop")) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(200);
        }

        return 0;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("consumer check failed: " + what);
        }

        Console.WriteLine("ok: " + what);
    }
}

/// <summary>A table of our own, declared once.</summary>
[HuntingTable("MyDeviceSignals")]
public sealed partial record MyDeviceSignals
{
    public DateTime Timestamp { get; init; }

    public string DeviceId { get; init; } = "";

    public double Score { get; init; }

    public string Signal { get; init; } = "";
}

/// <summary>A result shape over the custom table.</summary>
[HuntingResult]
public sealed partial record StrongSignal(DateTime Timestamp, string DeviceId, double Score, string Signal);

/// <summary>A result shape over a built-in table.</summary>
[HuntingResult]
public sealed partial record PowerShellRun(DateTime Timestamp, string DeviceName, string ProcessCommandLine);
