using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// Golden queries over dynamic columns and JSON held in strings (DynamicTests). The LINQ side reads the JSON again
/// with System.Text.Json (or walks the loaded bags and arrays) and converts values itself.
/// </summary>
public sealed partial class GoldenVersusLinqTests
{
    [Fact]
    public void Identity_logon_details_from_additional_fields() => AssertSameRows(
        RunGolden(() => new DynamicTests().Identity_logon_details_from_additional_fields()),
        Rows("IdentityLogonEvents")
            .Where(r => r.T > Ago(Day) && r["AdditionalFields"] is not null)
            .Where(r => r["AdditionalFields"] is DynamicBag bag && (bag.ContainsKey("Spns") || (bag.TryGetValue("Count", out object? c) && c is long n && n > 10)))
            .SelectMany(r => (((DynamicBag)r["AdditionalFields"]!).TryGetValue("Spns", out object? s) && s is DynamicArray spns ? spns.Take(100).ToArray() : [null])
                .Select(spn => (Row: r, Spn: spn as string ?? "")))
            .Where(x => x.Spn.StartsWith("MSSQLSvc/", StringComparison.OrdinalIgnoreCase) || HasPrefix(x.Spn, "HTTP"))
            .Select(x => new object?[] { x.Row.T, x.Row["AccountUpn"], x.Row["DeviceName"], x.Spn }),
        columns: ["Timestamp", "AccountUpn", "DeviceName", "Spn"]);

    [Fact]
    public void Path_segments_as_typed_rows() => AssertSameRows(
        RunGolden(() => new DynamicTests().Path_segments_as_typed_rows()),
        Rows("DeviceFileEvents")
            .Where(r => r.T > Ago(TimeSpan.FromHours(1)) && StartsCi(r.S("FolderPath"), @"C:\Users\"))
            .SelectMany(r => r.S("FolderPath").Split('\\').Select(segment => (Row: r, Segment: segment)))
            .Where(x => StartsCi(x.Segment, ".") && x.Segment is not (".vscode" or ".git"))
            .Select(x => new object?[] { x.Row["DeviceName"], x.Row["FolderPath"], x.Segment, x.Row.S("FolderPath").Split('\\')[^1] }),
        columns: ["DeviceName", "FolderPath", "Segment", "Leaf"]);

    [Fact]
    public void Inbox_rules_forwarding_mail()
    {
        SyntheticDataset data = With(("CloudAppEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "AccountDisplayName": "a", "IPAddress": "203.0.113.1", "ActionType": "New-InboxRule",
               "RawEventData": {"ResultStatus": "Succeeded", "Parameters": [{"Name": "Name", "Value": "rule"}, {"Name": "ForwardTo", "Value": "x@evil.example"}, {"Name": "RedirectTo", "Value": "y@evil.example"}]}},
              {"Timestamp": "2025-06-01T11:00:00Z", "AccountDisplayName": "b", "IPAddress": "203.0.113.2", "ActionType": "Set-InboxRule",
               "RawEventData": {"ResultStatus": "Failed", "Parameters": [{"Name": "ForwardTo", "Value": "z@evil.example"}]}},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountDisplayName": "c", "IPAddress": "203.0.113.3", "ActionType": "New-InboxRule",
               "RawEventData": {"ResultStatus": "Succeeded", "Parameters": [{"Name": "DeleteMessage", "Value": "True"}]}},
              {"Timestamp": "2025-06-01T13:00:00Z", "AccountDisplayName": "d", "IPAddress": "203.0.113.4", "ActionType": "Remove-InboxRule",
               "RawEventData": {"ResultStatus": "Succeeded", "Parameters": [{"Name": "ForwardTo", "Value": "w@evil.example"}]}},
              {"Timestamp": "2025-05-01T13:00:00Z", "AccountDisplayName": "e", "IPAddress": "203.0.113.5", "ActionType": "New-InboxRule",
               "RawEventData": {"ResultStatus": "Succeeded", "Parameters": [{"Name": "ForwardTo", "Value": "old@evil.example"}]}},
              {"Timestamp": "2025-06-01T14:00:00Z", "AccountDisplayName": "f", "IPAddress": "203.0.113.6", "ActionType": "Set-InboxRule",
               "RawEventData": {"ResultStatus": "Succeeded", "Parameters": [{"Name": "ForwardAsAttachmentTo", "Value": "v@evil.example"}, {"Name": "forwardto", "Value": "lower@evil.example"}]}}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new DynamicTests().Inbox_rules_forwarding_mail(), data),
            Rows(data, "CloudAppEvents")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)) && r.S("ActionType") is "New-InboxRule" or "Set-InboxRule")
                .Select(r => (Row: r, Raw: (DynamicBag)r["RawEventData"]!))
                .Where(x => x.Raw["ResultStatus"] as string == "Succeeded")
                .SelectMany(x => ((DynamicArray)x.Raw["Parameters"]!).Cast<DynamicBag>(), (x, p) => (x.Row, Parameter: p))
                .Where(x => x.Parameter["Name"] as string is "ForwardTo" or "RedirectTo" or "ForwardAsAttachmentTo")
                .Select(x => new object?[] { x.Row.T, x.Row["AccountDisplayName"], x.Row["IPAddress"], x.Parameter["Value"] }),
            columns: ["Timestamp", "AccountDisplayName", "IPAddress", "Target"],
            count: 3);
    }

    [Fact]
    public void Cloud_activity_from_tor_or_anonymous_ips()
    {
        SyntheticDataset data = With(("CloudAppEvents", """
            [
              {"Timestamp": "2025-06-02T01:00:00Z", "AccountDisplayName": "a", "ActionType": "Login", "IPAddress": "198.51.100.1", "IPTags": ["Tor"], "UserAgentTags": ["Outdated browser"]},
              {"Timestamp": "2025-06-02T02:00:00Z", "AccountDisplayName": "b", "ActionType": "Login", "IPAddress": "198.51.100.2", "IPTags": ["Anonymous proxy", "Tor"]},
              {"Timestamp": "2025-06-02T03:00:00Z", "AccountDisplayName": "c", "ActionType": "Login", "IPAddress": "198.51.100.3", "IPTags": ["tor"]},
              {"Timestamp": "2025-06-02T04:00:00Z", "AccountDisplayName": "d", "ActionType": "Login", "IPAddress": "198.51.100.4", "IPTags": ["Hosting"]},
              {"Timestamp": "2025-06-02T05:00:00Z", "AccountDisplayName": "e", "ActionType": "Login", "IPAddress": "198.51.100.5"},
              {"Timestamp": "2025-06-02T06:00:00Z", "AccountDisplayName": "f", "ActionType": "Login", "IPAddress": "198.51.100.6", "IPTags": ["Tor"], "UserAgentTags": {"not": "an array"}},
              {"Timestamp": "2025-05-30T06:00:00Z", "AccountDisplayName": "g", "ActionType": "Login", "IPAddress": "198.51.100.7", "IPTags": ["Tor"]}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new DynamicTests().Cloud_activity_from_tor_or_anonymous_ips(), data),
            Rows(data, "CloudAppEvents")
                .Where(r => r.T > Ago(Day))
                .Where(r => r["IPTags"] is DynamicArray tags && (tags.Contains("Tor") || tags.Contains("Anonymous proxy")))
                .Where(r => r["UserAgentTags"] is DynamicArray { Count: > 0 } or null)
                .Select(r => new object?[] { r.T, r["AccountDisplayName"], r["ActionType"], r["IPAddress"], r["IPTags"], ((DynamicArray)r["IPTags"]!)[0] }),
            columns: ["Timestamp", "AccountDisplayName", "ActionType", "IPAddress", "IPTags", "FirstTag"],
            count: 2);
    }

    [Fact]
    public void Typed_reads_of_raw_event_data()
    {
        // Row r9 has no LogonType: toint() of it is null, and null != 0 is true in KQL, so it passes like r1 and r2.
        SyntheticDataset data = With(("CloudAppEvents", """
            [
              {"Timestamp": "2025-06-02T01:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r1", "RawEventData": {"ClientIP": "1.1.1.1", "RecordType": 2, "Version": 1, "ExternalAccess": true, "CreationTime": "2025-06-02T00:30:00Z", "Score": 0.9, "Operation": "MailItemsAccessed", "UserId": "a@contoso.com", "OrganizationId": "6a2c0a3e-35a3-4c4f-9f33-0d3f4d3e1a01", "SessionDuration": "01:30:00"}},
              {"Timestamp": "2025-06-02T02:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r2", "RawEventData": {"ClientIP": "2.2.2.2", "RecordType": "2", "Version": "3", "ExternalAccess": false, "LogonType": 1, "CreationTime": "2025-06-02T01:30:00Z", "Operation": "Send", "UserId": "b@contoso.com"}},
              {"Timestamp": "2025-06-02T03:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r3", "RawEventData": {"ClientIP": "3.3.3.3", "RecordType": 2, "Version": 1, "ExternalAccess": false, "LogonType": 0, "CreationTime": "2025-06-02T01:30:00Z"}},
              {"Timestamp": "2025-06-02T04:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r4", "RawEventData": {"RecordType": 2, "Version": 1, "ExternalAccess": true, "CreationTime": "2025-06-02T01:30:00Z"}},
              {"Timestamp": "2025-06-02T05:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r5", "RawEventData": {"ClientIP": "5.5.5.5", "RecordType": 3, "Version": 1, "ExternalAccess": true, "CreationTime": "2025-06-02T01:30:00Z"}},
              {"Timestamp": "2025-06-02T06:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r6", "RawEventData": {"ClientIP": "6.6.6.6", "RecordType": 2, "Version": 1, "ExternalAccess": true, "CreationTime": "2025-05-31T01:30:00Z"}},
              {"Timestamp": "2025-06-02T07:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r7", "RawEventData": {"ClientIP": "7.7.7.7", "RecordType": 2, "Version": 1, "ExternalAccess": true, "CreationTime": "2025-06-02T01:30:00Z", "Score": 0.5}},
              {"Timestamp": "2025-06-02T08:00:00Z", "Application": "Microsoft SharePoint Online", "ReportId": "r8", "RawEventData": {"ClientIP": "8.8.8.8", "RecordType": 2, "Version": 1, "ExternalAccess": true, "CreationTime": "2025-06-02T01:30:00Z"}},
              {"Timestamp": "2025-06-02T09:00:00Z", "Application": "Microsoft Exchange Online", "ReportId": "r9", "RawEventData": {"ClientIP": "9.9.9.9", "RecordType": 2, "Version": 2, "ExternalAccess": false, "CreationTime": "2025-06-02T08:30:00Z", "Operation": "New-InboxRule", "UserId": "c@contoso.com", "SessionDuration": "00:00:05"}}
            ]
            """));
        static long? Long(object? v) => v switch
        {
            long l => l,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
            _ => null,
        };
        static object? Field(Row r, string name) => ((DynamicBag)r["RawEventData"]!).TryGetValue(name, out object? v) ? v : null;
        static DateTime? Date(object? v) => v is string s ? DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null;
        AssertSameRows(
            RunGolden(() => new DynamicTests().Typed_reads_of_raw_event_data(), data),
            Rows(data, "CloudAppEvents")
                .Where(r => r.S("Application") == "Microsoft Exchange Online" && ((DynamicBag)r["RawEventData"]!).ContainsKey("ClientIP"))
                .Where(r => Long(Field(r, "RecordType")) == 2 && Long(Field(r, "Version")) >= 1)
                .Where(r => Field(r, "ExternalAccess") is true || Long(Field(r, "LogonType")) != 0)
                .Where(r => Date(Field(r, "CreationTime")) > Ago(Day))
                .Where(r => Field(r, "Score") is not double score || score > 0.8)
                .Select(r => new object?[]
                {
                    r.T, Field(r, "Operation") as string ?? "", Field(r, "UserId") as string ?? "",
                    Field(r, "OrganizationId") is string org ? Guid.Parse(org) : null, Long(Field(r, "RecordType")), Field(r, "ExternalAccess"),
                    Date(Field(r, "CreationTime")), Field(r, "SessionDuration") is string span ? TimeSpan.Parse(span, CultureInfo.InvariantCulture) : null,
                }),
            columns: ["Timestamp", "Operation", "UserId", "TenantId", "RecordType", "ExternalAccess", "Created", "SessionDuration"],
            count: 3);
    }

    [Fact]
    public void Zero_day_vulnerabilities_by_tag()
    {
        SyntheticDataset data = With(("DeviceTvmSoftwareVulnerabilities", """
            [
              {"DeviceName": "p1", "SoftwareName": "chrome", "SoftwareVersion": "120.0", "CveId": "CVE-2024-0519", "CveTags": ["ZeroDay", "ExploitInKit", "Other"]},
              {"DeviceName": "p2", "SoftwareName": "windows_10", "SoftwareVersion": "10.0", "CveId": "CVE-2024-21412", "CveTags": ["ExploitVerified"]},
              {"DeviceName": "p3", "SoftwareName": "reader", "SoftwareVersion": "23.1", "CveId": "CVE-2024-41869", "CveTags": ["ExploitInKit"]},
              {"DeviceName": "p4", "SoftwareName": "edge", "SoftwareVersion": "121.0", "CveId": "CVE-2024-4671"},
              {"DeviceName": "p5", "SoftwareName": "edge", "SoftwareVersion": "121.0", "CveId": "CVE-2024-4672", "CveTags": ["zeroday"]}
            ]
            """));
        string[] wanted = ["ZeroDay", "ExploitVerified", "ExploitInKit"];
        AssertSameRows(
            RunGolden(() => new DynamicTests().Zero_day_vulnerabilities_by_tag(), data),
            Rows(data, "DeviceTvmSoftwareVulnerabilities")
                .Where(r => r["CveTags"] is DynamicArray tags && (tags.Contains("ZeroDay") || tags.Contains("ExploitVerified")))
                .SelectMany(r => ((DynamicArray)r["CveTags"]!).Cast<string>(), (r, tag) => (Row: r, Tag: tag))
                .Where(x => wanted.Contains(x.Tag))
                .Select(x => new object?[] { x.Row["DeviceName"], x.Row["SoftwareName"], x.Row["SoftwareVersion"], x.Row["CveId"], x.Tag }),
            columns: ["DeviceName", "SoftwareName", "SoftwareVersion", "CveId", "Tag"],
            count: 3);
    }

    [Fact]
    public void Powershell_script_content_from_additional_fields()
    {
        DateTime t = Now - TimeSpan.FromHours(1);
        static string Script(string marker, int length) => (marker + " " + new string('x', length)).Substring(0, length);
        object Event(string device, string action, object fields) => new
        {
            Timestamp = t, DeviceName = device, ActionType = action, InitiatingProcessFileName = "powershell.exe",
            AdditionalFields = JsonSerializer.Serialize(fields),
        };
        object[] rows =
        [
            Event("p1", "AmsiScriptContent", new { ScriptContent = Script("[Kernel32]::VirtualAlloc(0, 4096)", 600), IsAudit = false }),
            Event("p2", "PowerShellCommand", new { ScriptContent = Script("(New-Object Net.WebClient).DownloadFile()", 250), IsAudit = false }),
            Event("p3", "AmsiScriptContent", new { ScriptContent = Script("WriteProcessMemory", 300), IsAudit = "false" }),
            Event("f1", "AmsiScriptContent", new { ScriptContent = Script("VirtualAlloc", 600), IsAudit = true }),
            Event("f2", "AmsiScriptContent", new { ScriptContent = Script("VirtualAlloc", 600) }),
            Event("f3", "AmsiScriptContent", new { ScriptContent = Script("[Ref].Assembly.GetType('System.Management.Automation.AmsiUtils')", 200), IsAudit = false }),
            Event("f4", "AmsiScriptContent", new { Other = Script("VirtualAlloc", 600), IsAudit = false }),
            Event("f5", "ProcessCreated", new { ScriptContent = Script("VirtualAlloc", 600), IsAudit = false }),
            Event("f6", "AmsiScriptContent", new { ScriptContent = Script("VirtualAllocEx", 600), IsAudit = false }),
        ];
        SyntheticDataset data = With(("DeviceEvents", Json(rows)));
        string[] terms = ["VirtualAlloc", "WriteProcessMemory", "AmsiUtils", "Net.WebClient"];
        static bool? Bool(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => bool.TryParse(e.GetString(), out bool b) ? b : null,
            _ => null,
        };
        AssertSameRows(
            RunGolden(() => new DynamicTests().Powershell_script_content_from_additional_fields(), data),
            Rows(data, "DeviceEvents")
                .Where(r => r.S("ActionType") is "PowerShellCommand" or "AmsiScriptContent")
                .Select(r => (Row: r, Fields: JsonDocument.Parse(r.S("AdditionalFields")).RootElement))
                .Where(x => x.Fields.TryGetProperty("ScriptContent", out _) && x.Fields.TryGetProperty("IsAudit", out JsonElement audit) && Bool(audit) == false)
                .Select(x => (x.Row, Script: x.Fields.GetProperty("ScriptContent").GetString()!))
                .Where(x => terms.Any(term => Has(x.Script, term)) && x.Script.Length > 200)
                .Select(x => new object?[] { x.Row.T, x.Row["DeviceName"], x.Row["InitiatingProcessFileName"], x.Script[..Math.Min(500, x.Script.Length)] }),
            columns: ["Timestamp", "DeviceName", "InitiatingProcessFileName", "ScriptStart"],
            count: 3);
    }

    [Fact]
    public void Network_adapter_ip_addresses_expanded()
    {
        DateTime t = Now - TimeSpan.FromHours(2);
        string addresses = JsonSerializer.Serialize(new object[]
        {
            new { IPAddress = "203.0.113.5", SubnetPrefix = 24, AddressType = "Public" },
            new { IPAddress = "10.0.0.5", SubnetPrefix = 8, AddressType = "Public" },
            new { IPAddress = "192.168.1.5", SubnetPrefix = 24, AddressType = "Private" },
        });
        string many = JsonSerializer.Serialize(Enumerable.Range(0, 20).Select(i => new { IPAddress = $"198.51.100.{i}", SubnetPrefix = 32 - (i % 3), AddressType = "Public" }));
        object[] rows =
        [
            new { Timestamp = t, DeviceName = "p1", NetworkAdapterStatus = "Up", IPAddresses = addresses },
            new { Timestamp = t.AddMinutes(-30), DeviceName = "p1", NetworkAdapterStatus = "Up", IPAddresses = addresses },
            new { Timestamp = t, DeviceName = "p2", NetworkAdapterStatus = "Up", IPAddresses = many },
            new { Timestamp = t, DeviceName = "f1", NetworkAdapterStatus = "Down", IPAddresses = addresses },
            new { Timestamp = Now - TimeSpan.FromDays(2), DeviceName = "f2", NetworkAdapterStatus = "Up", IPAddresses = addresses },
        ];
        SyntheticDataset data = With(("DeviceNetworkInfo", Json(rows)));
        AssertSameRows(
            RunGolden(() => new DynamicTests().Network_adapter_ip_addresses_expanded(), data),
            Rows(data, "DeviceNetworkInfo")
                .Where(r => r.T > Ago(Day) && r.S("NetworkAdapterStatus") == "Up")
                .SelectMany(r => JsonDocument.Parse(r.S("IPAddresses")).RootElement.EnumerateArray().Take(16), (r, ip) => (Row: r, Ip: ip))
                .Select(x => (x.Row, x.Ip, Address: x.Ip.GetProperty("IPAddress").GetString()!))
                .Where(x => !StartsCi(x.Address, "10.") && x.Ip.GetProperty("AddressType").GetString() == "Public")
                .Select(x => (Device: x.Row.S("DeviceName"), x.Address, Prefix: x.Ip.GetProperty("SubnetPrefix").GetInt64()))
                .Distinct()
                .Select(x => new object?[] { x.Device, x.Address, x.Prefix }),
            columns: ["DeviceName", "Address", "Prefix"],
            count: 17);
    }

    [Fact]
    public void Global_admins_from_identity_info()
    {
        SyntheticDataset data = With(("IdentityInfo", """
            [
              {"Timestamp": "2025-05-01T00:00:00Z", "AccountObjectId": "u1", "AccountUpn": "a@contoso.com", "Department": "IT", "IsAccountEnabled": true, "AssignedRoles": ["Global Administrator"], "Tags": ["old"]},
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u1", "AccountUpn": "a@contoso.com", "Department": "Security", "IsAccountEnabled": true, "AssignedRoles": ["Global Administrator", "Security Administrator"], "Tags": ["Sensitive"]},
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u2", "AccountUpn": "b@contoso.com", "Department": "IT", "IsAccountEnabled": false, "AssignedRoles": ["Global Administrator"]},
              {"Timestamp": "2025-05-01T00:00:00Z", "AccountObjectId": "u3", "AccountUpn": "c@contoso.com", "Department": "Finance", "IsAccountEnabled": true, "AssignedRoles": ["Global Administrator"], "Tags": []},
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u3", "AccountUpn": "c@contoso.com", "Department": "Finance", "IsAccountEnabled": true, "AssignedRoles": ["Reader"]},
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u4", "AccountUpn": "d@contoso.com", "Department": "IT", "IsAccountEnabled": true, "AssignedRoles": ["global administrator"]}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new DynamicTests().Global_admins_from_identity_info(), data),
            Rows(data, "IdentityInfo")
                .Where(r => r["AssignedRoles"] is DynamicArray roles && roles.Contains("Global Administrator") && r.B("IsAccountEnabled") == true)
                .GroupBy(r => r.S("AccountObjectId"))
                .Select(g => g.MaxBy(r => r.T)!)
                .Select(r => new object?[] { r["AccountUpn"], r["Department"], (long)((DynamicArray)r["AssignedRoles"]!).Count, r["Tags"] }),
            columns: ["AccountUpn", "Department", "Roles", "Tags"],
            count: 2);
    }

    [Fact]
    public void Sensitive_info_types_in_dlp_events()
    {
        SyntheticDataset data = With(("DataSecurityEvents", """
            [
              {"Timestamp": "2025-06-02T01:00:00Z", "AccountUpn": "a@contoso.com", "ObjectName": "cards.xlsx", "SensitiveInfoTypeInfo": [
                {"SensitiveInfoTypeName": "Credit Card Number", "Confidence": 85, "Count": 10},
                {"SensitiveInfoTypeName": "U.S. Social Security Number", "Confidence": 75, "Count": 50},
                {"SensitiveInfoTypeName": "IBAN", "Confidence": 95, "Count": 10001}]},
              {"Timestamp": "2025-06-02T02:00:00Z", "AccountUpn": "b@contoso.com", "ObjectName": "passports.docx", "SensitiveInfoTypeInfo": [
                {"SensitiveInfoTypeName": "Passport Number", "Confidence": "90", "Count": "12"}]},
              {"Timestamp": "2025-06-02T03:00:00Z", "AccountUpn": "c@contoso.com", "ObjectName": "none.txt"},
              {"Timestamp": "2025-05-30T03:00:00Z", "AccountUpn": "d@contoso.com", "ObjectName": "old.xlsx", "SensitiveInfoTypeInfo": [
                {"SensitiveInfoTypeName": "Credit Card Number", "Confidence": 99, "Count": 99}]}
            ]
            """));
        static long? Long(object? v) => v switch
        {
            long l => l,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
            _ => null,
        };
        AssertSameRows(
            RunGolden(() => new DynamicTests().Sensitive_info_types_in_dlp_events(), data),
            Rows(data, "DataSecurityEvents")
                .Where(r => r.T > Ago(Day) && r["SensitiveInfoTypeInfo"] is not null)
                .SelectMany(r => ((DynamicArray)r["SensitiveInfoTypeInfo"]!).Cast<DynamicBag>(), (r, info) => (Row: r, Info: info))
                .Where(x => Long(x.Info["Confidence"]) >= 85 && Long(x.Info["Count"]) is >= 10 and <= 10000)
                .Select(x => new object?[] { x.Row.T, x.Row["AccountUpn"], x.Row["ObjectName"], x.Info["SensitiveInfoTypeName"] }),
            columns: ["Timestamp", "AccountUpn", "ObjectName", "InfoType"],
            count: 2);
    }
}
