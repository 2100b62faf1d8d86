using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>
/// A small DeviceProcessEvents table for sliced runs: a row every two minutes over three days (so rows sit exactly on
/// every hour and day boundary a slice can have), each boundary-hour row twice (identical rows, so the comparison is of
/// multisets), and optionally a burst of rows within one second that no slice of a minute can hold under a small cap.
/// </summary>
internal static class SliceEvents
{
    public static readonly DateTime Now = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Start = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime End = Now;
    public static readonly DateTime Burst = new(2026, 11, 25, 6, 30, 0, DateTimeKind.Utc);

    private static readonly KqlResultColumn[] Columns =
    [
        new("Timestamp", KqlScalarType.DateTime), new("DeviceName", KqlScalarType.String), new("FileName", KqlScalarType.String),
        new("ProcessCommandLine", KqlScalarType.String), new("ProcessId", KqlScalarType.Long),
    ];

    public static TableSource Tables(int burst = 0)
    {
        var rows = new List<object?[]>();
        long id = 0;

        // Two hours before the range and after it too, so the range's own ends are tested.
        for (DateTime t = Start.AddHours(-2); t <= End.AddHours(2); t = t.AddMinutes(2))
        {
            rows.Add(Row(t, id++));
            if (t.Minute == 0)
            {
                rows.Add(Row(t, id - 1));
            }
        }

        for (int i = 0; i < burst; i++)
        {
            rows.Add(Row(Burst.AddMilliseconds(i), id++));
        }

        return new TableSource([new KqlResultTable("DeviceProcessEvents", Columns, rows)]);
    }

    /// <summary>The rows the engine yields for the query over [start, end), uncapped, as comparable strings (sorted).</summary>
    public static List<string> Expected(ITableSource tables, string kql, DateTime start, DateTime end)
    {
        string filtered = kql.Replace("DeviceProcessEvents", $"DeviceProcessEvents | where Timestamp >= datetime({Iso(start)}) and Timestamp < datetime({Iso(end)})", StringComparison.Ordinal);
        KqlResultTable result = KqlEvaluator.Execute(filtered, tables, new EngineOptions { Now = Now, MaxRows = int.MaxValue });
        return result.Rows.Select(r => string.Join("|", r.Select(Cell))).Order(StringComparer.Ordinal).ToList();
    }

    public static string Key(HuntingRow row, params string[] columns) =>
        string.Join("|", columns.Select(c => c == "Timestamp" ? Cell(row.GetDateTimeOffset(c)?.UtcDateTime) : c == "ProcessId" ? Cell(row.GetInt64(c)) : row.GetString(c)));

    public static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static string Cell(object? value) => value switch
    {
        DateTime t => Iso(t),
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static object?[] Row(DateTime t, long id) =>
        [t, "device-" + (id % 7).ToString(CultureInfo.InvariantCulture), id % 3 == 0 ? "powershell.exe" : "cmd.exe", "run " + id.ToString(CultureInfo.InvariantCulture), id];
}
