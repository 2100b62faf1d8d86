using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>--emulator-large-table</c>: a table of the emulator's tenant at a large tenant's size; <c>--emulator-limits</c> over it.</summary>
public sealed class EmulatorLargeTableTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Hunt_sees_the_generated_rows_spread_over_30_days()
    {
        CliResult r = await _cli.RunAsync("hunt", "DeviceNetworkEvents | summarize Rows = count(), Days = dcount(bin(Timestamp, 1d)), Devices = dcount(DeviceId)",
            "--emulator", "--emulator-large-table", "DeviceNetworkEvents:30_000", "-o", "json");

        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement row = Assert.Single(JsonDocument.Parse(r.Out).RootElement.EnumerateArray());
        Assert.Equal(30_000, row.GetProperty("Rows").GetInt64());
        Assert.InRange(row.GetProperty("Days").GetInt64(), 30, 31); // 30 days that need not start at midnight
        Assert.InRange(row.GetProperty("Devices").GetInt64(), 1_900, 2_000);
        Assert.Contains("DeviceNetworkEvents: 30,000 generated rows over 30 days", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_emulator_limits_a_query_the_cost_model_puts_past_3_minutes_is_the_services_timeout_exit_4()
    {
        // 1,000,000 rows × (scan + 180 pipes) × 1 µs = 181 s: past the 3 minutes before a row is read. Without the limits the
        // same query reads one row.
        string query = "DeviceNetworkEvents" + string.Concat(Enumerable.Repeat(" | take 1", 180));

        CliResult limited = await _cli.RunAsync("hunt", query, "--emulator", "--emulator-limits", "--emulator-large-table", "DeviceNetworkEvents:1000000");
        CliResult unlimited = await _cli.RunAsync("hunt", query, "--emulator", "--emulator-large-table", "DeviceNetworkEvents:1000000", "-o", "json");

        Assert.Equal(4, limited.ExitCode);
        Assert.Contains("Query exceeded the timeout period.", limited.Err, StringComparison.Ordinal);
        Assert.True(unlimited.ExitCode == 0, unlimited.ToString());
        Assert.Single(JsonDocument.Parse(unlimited.Out).RootElement.EnumerateArray());
    }

    [Theory]
    [InlineData("DeviceNetworkEvents", "is not <Table>:<rows>")]
    [InlineData("EmailEvents:10", "'EmailEvents' cannot be generated; the tables are DeviceNetworkEvents, DeviceProcessEvents.")]
    [InlineData("DeviceProcessEvents:-5", "the row count '-5' is not a positive whole number")]
    [InlineData("DeviceProcessEvents:0", "the row count '0' is not a positive whole number")]
    public async Task A_bad_spec_is_exit_2_saying_what_is_wrong(string spec, string message)
    {
        CliResult r = await _cli.RunAsync("hunt", "DeviceNetworkEvents | take 1", "--emulator", "--emulator-large-table", spec);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--emulator-large-table: ", r.Err, StringComparison.Ordinal);
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }
}
