using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Evaluation;

namespace Defender365Typed.Client.Tests;

/// <summary>Unscripted hunting queries are evaluated by the KQL engine over the synthetic dataset, end to end over HTTP.</summary>
public sealed class EvaluatedHuntingTests : EmulatorTest
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_typed_query_returns_the_rows_the_engine_computes()
    {
        SyntheticDataset dataset = SyntheticDataset.Create(now: Now);
        H.Emulator.Hunting.UseTables(dataset, new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();
        var query = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
            .Project(e => [e.DeviceName, e.ProcessCommandLine])
            .OrderBy(e => e.DeviceName)
            .ThenBy(e => e.ProcessCommandLine);

        List<HuntingRow> rows = await client.Hunting.RunAsync(query.ToKql()).ToListAsync();

        KqlResultTable expected = KqlEngine.Execute(query.ToKql(), dataset, new EngineOptions { Now = Now });
        Assert.NotEmpty(rows);
        Assert.Equal(expected.Rows.Count, rows.Count);
        Assert.Equal(
            expected.Rows.Select(r => (string?)r[0] + "|" + (string?)r[1]),
            rows.Select(r => r.GetString("DeviceName") + "|" + r.GetString("ProcessCommandLine")));
    }

    [Fact]
    public async Task A_typed_query_streams_typed_rows_through_the_generated_reader()
    {
        SyntheticDataset dataset = SyntheticDataset.Create(now: Now);
        H.Emulator.Hunting.UseTables(dataset, new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();
        var query = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
            .Project(PowerShellRun.Shape)
            .OrderByDescending(e => e.Timestamp)
            .ThenBy(e => e.ProcessId);

        List<PowerShellRun> rows = await client.Hunting.RunAsync(query).ToListAsync();
        List<PowerShellRun> viaRawKql = await client.Hunting.RunAsync<PowerShellRun>(query.ToKql()).ToListAsync();

        KqlResultTable expected = KqlEngine.Execute(query.ToKql(), dataset, new EngineOptions { Now = Now });
        Assert.NotEmpty(rows);
        Assert.Equal(
            expected.Rows.Select(r => new PowerShellRun((DateTime)r[0]!, (string)r[1]!, (string)r[2]!, (long?)r[3])),
            rows);
        Assert.Equal(rows, viaRawKql);
    }

    [Fact]
    public async Task An_unsupported_operator_is_a_query_error_naming_it()
    {
        H.Emulator.Hunting.UseTables(SyntheticDataset.Create(now: Now), new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();

        HuntingQueryException error = await Assert.ThrowsAsync<HuntingQueryException>(
            () => client.Hunting.RunAsync("DeviceProcessEvents | make-series count() on Timestamp step 1h").ToListAsync().AsTask());

        Assert.Contains("make-series", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A typed result row read by the generated reader.</summary>
[HuntingResult]
public sealed partial record PowerShellRun(DateTime Timestamp, string DeviceName, string ProcessCommandLine, long? ProcessId);
