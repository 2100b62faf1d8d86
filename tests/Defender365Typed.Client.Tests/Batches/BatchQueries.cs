using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Defender365Typed.Client.Tests.Slicing;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Client.Tests.Batches;

/// <summary>The queries the batch tests run over <see cref="SliceEvents"/>'s table, and their rows read back from a batch's files.</summary>
internal static class BatchQueries
{
    public static readonly HuntingBatchQuery All = new("all", "DeviceProcessEvents\n| project Timestamp, DeviceName, ProcessCommandLine, ProcessId");
    public static readonly HuntingBatchQuery PowerShell = new("powershell", "DeviceProcessEvents\n| where FileName == \"powershell.exe\"\n| project Timestamp, DeviceName, ProcessId");
    public static readonly HuntingBatchQuery Devices = new("devices", "DeviceProcessEvents\n| where ProcessId % 2 == 0\n| project DeviceName, ProcessCommandLine");

    public static HuntingBatchQuery[] Set => [All, PowerShell, Devices];

    /// <summary>The engine's rows of the query over [start, end), uncapped, as sorted strings.</summary>
    public static List<string> Expected(ITableSource tables, HuntingBatchQuery query, DateTime start, DateTime end) =>
        SliceEvents.Expected(tables, query.Kql, start, end);

    /// <summary>The rows of an NDJSON output as the same strings, sorted.</summary>
    public static List<string> ReadNdjson(string path) =>
        [.. File.ReadAllLines(path).Select(line =>
        {
            using JsonDocument row = JsonDocument.Parse(line);
            return string.Join("|", row.RootElement.EnumerateObject().Select(Cell));
        }).Order(StringComparer.Ordinal)];

    private static string Cell(JsonProperty cell) => cell.Value.ValueKind switch
    {
        JsonValueKind.String when cell.Name == "Timestamp" => SliceEvents.Iso(DateTime.Parse(cell.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)),
        JsonValueKind.String => cell.Value.GetString()!,
        JsonValueKind.Null => "null",
        _ => cell.Value.GetRawText(),
    };
}
