using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.KqlEngine;
using Defender365Typed.Results;
using Defender365Typed.Tables;

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

        KqlResultTable expected = KqlEvaluator.Execute(query.ToKql(), dataset, new EngineOptions { Now = Now });
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

        KqlResultTable expected = KqlEvaluator.Execute(query.ToKql(), dataset, new EngineOptions { Now = Now });
        Assert.NotEmpty(rows);
        Assert.Equal(
            expected.Rows.Select(r => new PowerShellRun((DateTime)r[0]!, (string)r[1]!, (string)r[2]!, (long?)r[3])),
            rows);
        Assert.Equal(rows, viaRawKql);
    }

    [Fact]
    public async Task The_clients_reader_options_reach_the_generated_readers()
    {
        H.Emulator.Hunting.UseTables(SyntheticDataset.Create(now: Now), new EngineOptions { Now = Now });
        var cache = new HuntingInternCache();
        (DefenderClient shared, _) = H.SecretClient(o => o.ResultReaderOptions = new HuntingReaderOptions { InternColumns = ["DeviceName"], InternCache = cache });
        (DefenderClient plain, _) = H.SecretClient();
        var query = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
            .Project(PowerShellRun.Shape)
            .OrderBy(e => e.ProcessId);

        List<PowerShellRun> first = await shared.Hunting.RunAsync(query).ToListAsync();
        List<PowerShellRun> second = await shared.Hunting.RunAsync<PowerShellRun>(query.ToKql()).ToListAsync();
        List<PowerShellRun> unshared = await plain.Hunting.RunAsync(query).ToListAsync();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(first, unshared);
        Assert.Equal(first.Select(r => r.DeviceName).Distinct().Count(), cache.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Same(first[i].DeviceName, second[i].DeviceName); // decoded once, by the first query
            Assert.NotSame(first[i].DeviceName, unshared[i].DeviceName);
        }
    }

    [Fact]
    public async Task Built_in_table_rows_carry_dynamic_columns_as_the_json_the_engine_sent()
    {
        H.Emulator.Hunting.UseTables(SyntheticDataset.Create(now: Now), new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();

        // The dataset's IdentityLogonEvents.AdditionalFields are bags, sent as nested objects.
        List<IdentityLogonEvents> logons = await client.Hunting.RunAsync(Hunting.IdentityLogonEvents.Where(e => e.Protocol == "Kerberos")).ToListAsync();

        Assert.NotEmpty(logons);
        Assert.All(logons, e => Assert.True(e.AdditionalFields.TryGetProperty("Count", out KqlDynamicValue count) && count.ValueKind == JsonValueKind.Number));
        IdentityLogonEvents burst = Assert.Single(logons, e => e.AdditionalFields.TryGetProperty("Spns", out _));
        Assert.Equal(
            """{"Count":25,"Spns":["MSSQLSvc/sql01.contoso.local:1433","HTTP/web01.contoso.local","CIFS/srv-file-01.contoso.local"],"EncryptionType":"RC4"}""",
            burst.AdditionalFields.GetRawText());
    }

    [Fact]
    public async Task A_detection_can_be_unit_tested_on_rows_of_your_own_from_csv()
    {
        // Only the columns the detection needs; every other documented column is empty.
        const string Csv = """
            Timestamp,DeviceName,FileName,ProcessCommandLine,ProcessId
            2026-11-26T10:00:00Z,ws-1,powershell.exe,powershell.exe -enc AAAA,11
            2026-11-26T10:05:00Z,ws-1,powershell.exe,powershell.exe -File update.ps1,12
            2026-11-26T10:07:00Z,ws-2,POWERSHELL.EXE,"powershell -EncodedCommand BBBB, then more",13
            2026-11-26T10:09:00Z,ws-3,cmd.exe,cmd.exe /c echo -enc,14
            """;
        KqlResultTable processes = CsvTableLoader.Parse(Csv.ReplaceLineEndings("\n"), "DeviceProcessEvents", HuntingSchema.Columns("DeviceProcessEvents"), "processes.csv");
        H.Emulator.Hunting.UseTables(new TableSource([processes]), new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();
        var detection = Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe") && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
            .Project(PowerShellRun.Shape)
            .OrderBy(e => e.ProcessId);

        List<PowerShellRun> hits = await client.Hunting.RunAsync(detection).ToListAsync();

        Assert.Equal([11L, 13L], hits.Select(h => h.ProcessId));
        Assert.Equal("powershell -EncodedCommand BBBB, then more", hits[1].ProcessCommandLine);
    }

    [Fact]
    public void A_bad_value_in_your_rows_names_the_file_line_and_column()
    {
        TableLoadException error = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse(
            "Timestamp,ProcessId\n2026-11-26T10:00:00Z,eleven\n", "DeviceProcessEvents", HuntingSchema.Columns("DeviceProcessEvents"), "processes.csv"));

        Assert.Equal(("processes.csv", 2, "ProcessId"), (error.File, error.Line, error.Column));
    }

    [Fact]
    public async Task An_unsupported_operator_is_a_query_error_naming_it()
    {
        H.Emulator.Hunting.UseTables(SyntheticDataset.Create(now: Now), new EngineOptions { Now = Now });
        (DefenderClient client, _) = H.SecretClient();

        HuntingQueryException error = await Assert.ThrowsAsync<HuntingQueryException>(
            () => client.Hunting.RunAsync("DeviceProcessEvents | sample 3").ToListAsync().AsTask());

        Assert.Contains("sample", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A typed result row read by the generated reader.</summary>
[HuntingResult]
public sealed partial record PowerShellRun(DateTime Timestamp, string DeviceName, string ProcessCommandLine, long? ProcessId);
