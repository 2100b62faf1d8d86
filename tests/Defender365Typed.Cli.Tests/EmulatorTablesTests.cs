using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>--emulator-tables</c>: trying a detection on your own rows, without a tenant.</summary>
public sealed class EmulatorTablesTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Hunt_runs_on_the_rows_of_your_own_csv()
    {
        _cli.Write("mine/DeviceProcessEvents.csv", """
            Timestamp,DeviceName,FileName,ProcessCommandLine,ProcessId
            2026-11-26T10:00:00Z,lab-1,powershell.exe,powershell.exe -enc AAAA,101
            2026-11-26T10:05:00Z,lab-2,notepad.exe,notepad.exe,102
            """.ReplaceLineEndings("\n"));

        CliResult r = await _cli.RunAsync("hunt", "DeviceProcessEvents | where ProcessCommandLine has \"-enc\" | project DeviceName, ProcessId",
            "--emulator", "--emulator-tables", Path.Combine(_cli.Folder, "mine"), "-o", "json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument rows = JsonDocument.Parse(r.Out);
        JsonElement row = Assert.Single(rows.RootElement.EnumerateArray());
        Assert.Equal("lab-1", row.GetProperty("DeviceName").GetString());
        Assert.Equal(101, row.GetProperty("ProcessId").GetInt64());
        Assert.Contains("with the tables in", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_is_exit_2_naming_file_line_and_column()
    {
        _cli.Write("bad/DeviceProcessEvents.csv", "Timestamp,ProcessId\n2026-11-26T10:00:00Z,eleven\n");

        CliResult r = await _cli.RunAsync("hunt", "DeviceProcessEvents | take 1", "--emulator", "--emulator-tables", Path.Combine(_cli.Folder, "bad"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DeviceProcessEvents.csv", r.Err, StringComparison.Ordinal);
        Assert.Contains("ProcessId", r.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public async Task A_file_that_names_no_documented_table_is_exit_2()
    {
        _cli.Write("odd/Processes.csv", "Timestamp\n2026-11-26T10:00:00Z\n");

        CliResult r = await _cli.RunAsync("hunt", "DeviceProcessEvents | take 1", "--emulator", "--emulator-tables", Path.Combine(_cli.Folder, "odd"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Processes.csv does not name a documented table", r.Err, StringComparison.Ordinal);
    }
}
