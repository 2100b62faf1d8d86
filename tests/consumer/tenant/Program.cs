using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed;
using Defender365Typed.Client;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Identity;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Results;
using Defender365Typed.Tenant;

namespace Tenant;

/// <summary>
/// Typed access to the schema file's custom table and saved function, compiled from the packages, then run end to end:
/// the emulator serves the same file (getHuntingSchema, its tables, the saved function with a body) and the client reads
/// typed rows of the generated tenant types.
/// </summary>
internal static class Program
{
    // Raw KQL is checked against the file too: the saved function's output columns bind with their types.
    [HuntingQuery]
    public const string RawQuery = "SuspiciousLogons('alice') | where Failures > 3 | project AccountName";

    private static async Task<int> Main()
    {
        var failures = 0;
        Check(
            TenantHunting.Contoso_CL.Where(e => e.Score > 0.5 && e.DeviceName.StartsWith("web")).Take(10).ToKql(),
            "Contoso_CL\n| where Score > 0.5 and DeviceName startswith \"web\"\n| take 10",
            ref failures);
        Check(
            TenantHunting.SuspiciousLogons("alice").Where(r => r.Failures > 3).Project(r => [r.AccountName]).ToKql(),
            "SuspiciousLogons(\"alice\")\n| where Failures > 3\n| project AccountName",
            ref failures);
        Check(TenantHunting.SuspiciousLogons("bob", 10).ToKql(), "SuspiciousLogons(\"bob\", 10)", ref failures);

        // The generated readers read rows of the tenant's own types.
        const string response = """{"schema":[{"name":"AccountName","type":"String"},{"name":"Failures","type":"Int64"}],"results":[{"AccountName":"alice","Failures":7}]}""";
        SuspiciousLogonsResult row = HuntingResultReader.ReadAll<SuspiciousLogonsResult>(System.Text.Encoding.UTF8.GetBytes(response)).Single();
        Check($"{row.AccountName}:{row.Failures}", "alice:7", ref failures);

        failures += await EndToEndAsync();
        Console.WriteLine(failures == 0 ? "tenant: all checks passed" : $"tenant: {failures} check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> EndToEndAsync()
    {
        var failures = 0;
        string file = Path.Combine(AppContext.BaseDirectory, "contoso.hunting-schema.json");
        var options = new EmulatorOptions { HuntingSchema = HuntingSchemaJson.Parse(File.ReadAllText(file), file) };
        options.SavedFunctionBodies["SuspiciousLogons"] =
            "DeviceProcessEvents | where AccountName == account | summarize Failures = count() by AccountName | where Failures >= minFailures";
        await using DefenderEmulator emulator = await DefenderEmulator.StartAsync(options);
        DateTime now = DateTime.UtcNow;
        TableSource rows = new(
        [
            JsonTableLoader.Parse(
                """[{"Timestamp":"2026-12-01T10:00:00Z","DeviceName":"web-01","Score":0.9,"Details":{"k":1}},{"Timestamp":"2026-12-01T10:05:00Z","DeviceName":"db-01","Score":0.7,"Details":null}]""",
                "Contoso_CL",
                [new("Timestamp", KqlScalarType.DateTime), new("DeviceName", KqlScalarType.String), new("Score", KqlScalarType.Real), new("Details", KqlScalarType.Dynamic)]),
            JsonTableLoader.Parse(
                ProcessEvents(),
                "DeviceProcessEvents",
                [new("Timestamp", KqlScalarType.DateTime), new("DeviceName", KqlScalarType.String), new("FileName", KqlScalarType.String), new("AccountName", KqlScalarType.String)]),
        ]);
        emulator.Hunting.UseTables(rows, new EngineOptions { Now = now });
        string secret = "sec~" + Guid.NewGuid().ToString("N");
        EmulatedApp app = emulator.Directory.AddApp("tenant-app");
        app.ClientSecret = secret;
        app.GrantApplication(EmulatorDirectory.Graph, "ThreatHunting.Read.All");
        using var auth = new DefenderAuthenticator(new DefenderAuthOptions
        {
            Cloud = DefenderCloud.Emulator(emulator.BaseUri, emulator.ServerCertificate),
            Flow = DefenderAuthFlow.ClientSecret,
            TenantId = emulator.Directory.TenantId,
            ClientId = "tenant-app",
            ClientSecret = secret,
        });
        using DefenderClient client = DefenderClient.Create(new DefenderClientOptions { Cloud = DefenderCloud.Emulator(emulator.BaseUri, emulator.ServerCertificate) }, auth);

        // The emulator serves the file it was given: the pulled schema has the custom table and the saved function.
        HuntingSchemaDocument pulled = await client.Hunting.GetSchemaAsync();
        Check(string.Join(",", pulled.Tables.Select(t => t.Name)) + ";" + string.Join(",", pulled.Functions.Select(f => f.Name)),
            "Contoso_CL,DeviceProcessEvents;SuspiciousLogons", ref failures);

        // The custom table, typed, through the generated reader.
        List<string> devices = [];
        await foreach (Contoso_CL row in client.Hunting.RunAsync(TenantHunting.Contoso_CL.Where(e => e.Score > 0.8)))
        {
            devices.Add($"{row.DeviceName}:{row.Score}");
        }

        Check(string.Join(",", devices), "web-01:0.9", ref failures);

        // A [HuntingQuery("DeviceScores")] constant: its generated row type, typed from the file's columns, read through the client.
        List<string> scores = [];
        await foreach (MyDetections.DeviceScoresRow row in client.Hunting.RunAsync(MyDetections.DeviceScores))
        {
            double? best = row.Best;
            long? readings = row.Readings;
            DateTime? last = row.Last;
            KqlDynamicValue details = row.Details;
            scores.Add($"{row.DeviceName}:{best}:{readings}:{last:yyyy-MM-ddTHH:mm}:{details.GetRawText()}");
        }

        Check(string.Join(",", scores), "db-01:0.7:1:2026-12-01T10:05:[],web-01:0.9:1:2026-12-01T10:00:[{\"k\":1}]", ref failures);

        // The saved function, typed: its rows arrive as the generated SuspiciousLogonsResult.
        List<string> logons = [];
        await foreach (SuspiciousLogonsResult row in client.Hunting.RunAsync(TenantHunting.SuspiciousLogons("alice").Where(r => r.Failures > 3)))
        {
            logons.Add($"{row.AccountName}:{row.Failures}");
        }

        Check(string.Join(",", logons), "alice:7", ref failures);
        Check(await CountAsync(client.Hunting.RunAsync(TenantHunting.SuspiciousLogons("bob"))) + "", "0", ref failures); // 1 < the default 5
        Check(await CountAsync(client.Hunting.RunAsync(TenantHunting.SuspiciousLogons("bob", 1))) + "", "1", ref failures);
        return failures;
    }

    /// <summary>Seven processes of alice (seven "failures" for the saved function's body), one of bob.</summary>
    private static string ProcessEvents()
    {
        IEnumerable<string> alice = Enumerable.Range(0, 7).Select(i =>
            $$"""{"Timestamp":"2026-12-01T11:0{{i}}:00Z","DeviceName":"web-01","FileName":"cmd.exe","AccountName":"alice"}""");
        const string bob = """{"Timestamp":"2026-12-01T12:00:00Z","DeviceName":"db-01","FileName":"cmd.exe","AccountName":"bob"}""";
        return "[" + string.Join(",", alice.Append(bob)) + "]";
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> rows)
    {
        int n = 0;
        await foreach (T _ in rows)
        {
            n++;
        }

        return n;
    }

    private static void Check(string actual, string expected, ref int failures)
    {
        if (actual != expected)
        {
            Console.WriteLine($"tenant: expected\n{expected}\nbut got\n{actual}");
            failures++;
        }
    }
}
