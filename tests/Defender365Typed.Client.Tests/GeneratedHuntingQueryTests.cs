using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Defender365Typed.Results;

namespace Defender365Typed.Client.Tests;

/// <summary>Row types generated from raw KQL: the query's constant, declared once, runs and reads typed rows (no hand-written record).</summary>
public static partial class TestDetections
{
    [HuntingQuery("PowerShellByDevice")]
    private const string PowerShellByDeviceKql = """
        DeviceProcessEvents
        | where FileName =~ "powershell.exe"
        | summarize Runs = count(), LastRun = max(Timestamp), Commands = make_set(ProcessCommandLine) by DeviceName
        | order by DeviceName asc
        """;

    /// <summary>The text the generated query must send.</summary>
    public const string PowerShellByDeviceText = PowerShellByDeviceKql;
}

public sealed class GeneratedHuntingQueryTests : EmulatorTest
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_HuntingQuery_constant_runs_and_streams_its_generated_rows()
    {
        SyntheticDataset dataset = SyntheticDataset.Create(now: Now);
        H.Emulator.Hunting.UseTables(dataset, new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();

        List<TestDetections.PowerShellByDeviceRow> rows = await client.Hunting.RunAsync(TestDetections.PowerShellByDevice).ToListAsync();

        KqlResultTable expected = KqlEvaluator.Execute(TestDetections.PowerShellByDeviceText, dataset, new EngineOptions { Now = Now });
        Assert.NotEmpty(rows);
        Assert.Equal(TestDetections.PowerShellByDeviceText, Assert.Single(H.Emulator.Hunting.Received).Query);
        Assert.Equal(
            expected.Rows.Select(r => $"{r[0]}|{r[1]}|{(DateTime)r[2]!:O}"),
            rows.Select(r => $"{r.DeviceName}|{r.Runs}|{r.LastRun:O}"));
        // Typed as the binder says: count() is a long, max(Timestamp) a datetime, make_set a dynamic array.
        long? runs = rows[0].Runs;
        DateTime? lastRun = rows[0].LastRun;
        KqlDynamicValue commands = rows[0].Commands;
        Assert.Equal(runs, (long?)expected.Rows[0][1]);
        Assert.Equal(DateTimeKind.Utc, lastRun!.Value.Kind);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, commands.ToJsonElement().ValueKind);
        Assert.NotEqual(0, commands.ToJsonElement().GetArrayLength());
    }

    [Fact]
    public async Task The_generated_query_also_runs_on_the_legacy_API()
    {
        H.Emulator.Hunting.UseTables(SyntheticDataset.Create(now: Now), new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient(o => o.HuntingApi = DefenderApi.Legacy);

        List<TestDetections.PowerShellByDeviceRow> rows = await client.Hunting.RunAsync(TestDetections.PowerShellByDevice).ToListAsync();

        Assert.NotEmpty(rows);
        Assert.Equal("legacy", Assert.Single(H.Emulator.Hunting.Received).Api);
        Assert.All(rows, r => Assert.True(r.Runs > 0));
    }

    [Fact]
    public async Task Bad_arguments_name_the_parameter()
    {
        (DefenderClient client, _) = H.SecretClient();

        ArgumentNullException query = Assert.Throws<ArgumentNullException>(() => client.Hunting.RunAsync((RawKqlQuery<TestDetections.PowerShellByDeviceRow>)null!));
        Assert.Equal("query", query.ParamName);
        ArgumentException kql = Assert.Throws<ArgumentException>(() => new RawKqlQuery<TestDetections.PowerShellByDeviceRow>(" ", new GeneratedHuntingResultReader<TestDetections.PowerShellByDeviceRow>()));
        Assert.Equal("kql", kql.ParamName);
        ArgumentNullException reader = Assert.Throws<ArgumentNullException>(() => new RawKqlQuery<TestDetections.PowerShellByDeviceRow>("T", null!));
        Assert.Equal("reader", reader.ParamName);
        Assert.Equal(TestDetections.PowerShellByDeviceText, TestDetections.PowerShellByDevice.ToKql());
        await Task.CompletedTask;
    }
}
