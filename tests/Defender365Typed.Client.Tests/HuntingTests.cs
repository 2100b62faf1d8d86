using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;

namespace Defender365Typed.Client.Tests;

public sealed class HuntingTests : EmulatorTest
{
    private static HuntingScript ProcessScript(int rows = 3) => new HuntingScript
    {
        Rows = () => Enumerable.Range(0, rows).Select(i => new object?[]
        {
            new DateTime(2024, 3, 26, 9, 39, 50, DateTimeKind.Utc).AddSeconds(i),
            "ws-" + i,
            "powershell.exe -enc " + i,
            (long)(4000 + i),
            i == 0 ? null : JsonDocument.Parse("""{"a":[1,2]}""").RootElement,
        }),
    }.Column("Timestamp", "DateTime").Column("DeviceName", "String").Column("ProcessCommandLine", "String")
     .Column("ProcessId", "Int64").Column("AdditionalFields", "Dynamic");

    [Fact]
    public async Task Graph_raw_kql_streams_rows_and_sends_the_timespan()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Hunting.When("DeviceProcessEvents", ProcessScript());

        List<HuntingRow> rows = await client.Hunting.RunAsync("DeviceProcessEvents | take 3", new HuntingOptions { Timespan = HuntingOptions.Last(TimeSpan.FromDays(90)) }).ToListAsync();

        Assert.Equal(3, rows.Count);
        Assert.Equal("ws-1", rows[1].GetString("DeviceName"));
        Assert.Equal(4002, rows[2].GetInt64("ProcessId"));
        Assert.Equal(new DateTimeOffset(2024, 3, 26, 9, 39, 50, TimeSpan.Zero), rows[0].GetDateTimeOffset("Timestamp"));
        Assert.Equal(JsonValueKind.Null, rows[0]["AdditionalFields"].ValueKind);
        Assert.Equal(2, rows[1]["AdditionalFields"].GetProperty("a")[1].GetInt32());
        ReceivedHuntingQuery received = Assert.Single(H.Emulator.Hunting.Received);
        Assert.Equal(("graph", "DeviceProcessEvents | take 3", "P90D"), (received.Api, received.Query, received.Timespan));
    }
}
