using System;
using System.Globalization;
using System.Linq;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Golden scalar filters (ScalarFilterTests): numbers, dates, bools, guids and their nulls.</summary>
public sealed partial class GoldenVersusLinqTests
{
    [Fact]
    public void Connections_to_common_c2_ports() => AssertSameRows(
        RunGolden(() => new ScalarFilterTests().Connections_to_common_c2_ports()),
        Rows("DeviceNetworkEvents")
            .Where(r => r.T > Ago(Day))
            .Where(r => r.S("ActionType") == "ConnectionSuccess" && r.S("RemoteIPType") == "Public")
            .Where(r => r.I("RemotePort") is 4444 or 1337 or 8443 or 50050 || (r.I("RemotePort") is >= 6660 and <= 6669 && r.S("Protocol") == "Tcp"))
            .Where(r => r.I("LocalPort") is not (80 or 443) && r.I("LocalPort") != 3389
                && !InCi(r.S("InitiatingProcessFileName"), "chrome.exe", "msedge.exe", "firefox.exe"))
            .Select(r => new object?[] { r.T, r["DeviceName"], r["RemoteIP"], r["RemotePort"], r["RemoteUrl"], r["InitiatingProcessFileName"] }));

    [Fact]
    public void Large_archives_staged_for_exfiltration() => AssertSameRows(
        RunGolden(() => new ScalarFilterTests().Large_archives_staged_for_exfiltration()),
        Rows("DeviceFileEvents")
            .Where(r => r.T > Ago(Day))
            .Where(r => r.S("ActionType") == "FileCreated" && (EndsCi(r.S("FileName"), ".zip") || EndsCi(r.S("FileName"), ".7z") || EndsCi(r.S("FileName"), ".rar")))
            .Where(r => r.L("FileSize") > 100_000_000 && r.L("FileSize") / 1_048_576 < 4096)
            .Where(r => r.L("FileSize") % 512 == 0 || r.L("FileSize") is >= 2_000_000_000 and <= 4_000_000_000 || -r.L("FileSize") < -1_000_000_000)
            .Where(r => r.L("FileSize") is not (>= 0 and <= 1000) && r.L("FileSize") is not (0 or 4096) && r["InitiatingProcessId"] is not null)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["FolderPath"], r["FileName"], r["FileSize"], r["InitiatingProcessFileName"] }));

    [Fact]
    public void Non_system_accounts_in_well_known_service_sessions() => AssertSameRows(
        RunGolden(() => new ScalarFilterTests().Non_system_accounts_in_well_known_service_sessions()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(Day))
            .Where(r => r.L("LogonId") is 999 or 997 or 996 || r.L("InitiatingProcessId") == 4)
            .Where(r => !InCi(r.S("AccountName"), "system", "local service", "network service") && !StartsCi(r.S("AccountSid"), "S-1-5-"))
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountName"], r["AccountSid"], r.L("LogonId")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), r["ProcessCommandLine"] }));

    [Fact]
    public void Off_hours_interactive_logons() => AssertSameRows(
        RunGolden(() => new ScalarFilterTests().Off_hours_interactive_logons()),
        Rows("DeviceLogonEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(30)))
            .Where(r => r.S("LogonType") is "Interactive" or "RemoteInteractive" && r.S("ActionType") == "LogonSuccess")
            .Where(r => r.T.Hour is < 7 or > 19 || r.T.DayOfWeek is DayOfWeek.Sunday or DayOfWeek.Saturday)
            .Where(r => !(r.T >= Now - TimeSpan.FromHours(2) && r.T <= Now))
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountName"], r["LogonType"], r["IsLocalAdmin"] }));

    [Fact]
    public void Failed_identity_logons_from_one_ip() => AssertSameRows(
        RunGolden(() => new ScalarFilterTests().Failed_identity_logons_from_one_ip()),
        Rows("IdentityLogonEvents")
            .Where(r => r.T > Ago(TimeSpan.FromHours(12)))
            .Where(r => r.S("ActionType") == "LogonFailed" && r.S("Protocol") is "Ntlm" or "Kerberos")
            .Where(r => Has(r.S("FailureReason"), "password") && r.I("DestinationPort") is 88 or 445)
            .Select(r => new object?[] { r.T, r["AccountUpn"], r["IPAddress"], r["DeviceName"], r["FailureReason"], r["DestinationDeviceName"] }));

    [Fact]
    public void Admin_operations_by_external_or_impersonated_users()
    {
        // KQL null rules (learn.microsoft.com/kusto/query/scalar-data-types/null-values): null != false is true, and
        // null or true is true, so the row whose IsExternalUser is null but is impersonated passes.
        SyntheticDataset data = With(("CloudAppEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "Application": "Office 365", "ActionType": "Add member to role.", "AccountDisplayName": "Ext One", "IPAddress": "203.0.113.1", "CountryCode": "DE", "IsAdminOperation": true, "IsExternalUser": true, "IsAnonymousProxy": false},
              {"Timestamp": "2025-06-01T11:00:00Z", "Application": "Office 365", "ActionType": "Set-Mailbox", "AccountDisplayName": "Ext Two", "IPAddress": "203.0.113.2", "CountryCode": "FR", "IsAdminOperation": true, "IsExternalUser": true},
              {"Timestamp": "2025-06-01T12:00:00Z", "Application": "Office 365", "ActionType": "Proxy", "AccountDisplayName": "Anon", "CountryCode": "DE", "IsAdminOperation": true, "IsExternalUser": true, "IsAnonymousProxy": true},
              {"Timestamp": "2025-06-01T13:00:00Z", "Application": "Office 365", "ActionType": "Internal impersonation", "AccountDisplayName": "Inside", "CountryCode": "DE", "IsAdminOperation": true, "IsExternalUser": false, "IsImpersonated": true},
              {"Timestamp": "2025-06-01T14:00:00Z", "Application": "Exchange", "ActionType": "Unknown user impersonated", "AccountDisplayName": "Who", "CountryCode": "NL", "IsAdminOperation": true, "IsImpersonated": true},
              {"Timestamp": "2025-06-01T15:00:00Z", "Application": "Office 365", "ActionType": "From US", "AccountDisplayName": "Yank", "CountryCode": "US", "IsAdminOperation": true, "IsExternalUser": true},
              {"Timestamp": "2025-06-01T16:00:00Z", "Application": "Office 365", "ActionType": "Not admin", "AccountDisplayName": "User", "CountryCode": "DE", "IsAdminOperation": false, "IsExternalUser": true},
              {"Timestamp": "2025-05-20T10:00:00Z", "Application": "Office 365", "ActionType": "Too old", "AccountDisplayName": "Old", "CountryCode": "DE", "IsAdminOperation": true, "IsExternalUser": true},
              {"Timestamp": "2025-06-02T09:00:00Z", "Application": "Office 365", "ActionType": "Lower-case country", "AccountDisplayName": "Lower", "CountryCode": "us", "IsAdminOperation": true, "IsExternalUser": true}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().Admin_operations_by_external_or_impersonated_users(), data),
            Rows(data, "CloudAppEvents")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)))
                .Where(r => r.B("IsAdminOperation") == true && Or(r.B("IsExternalUser"), r.B("IsImpersonated")) == true)
                .Where(r => r.B("IsAnonymousProxy") != true)
                .Where(r => r.B("IsExternalUser") != false && r.S("CountryCode") is not ("US" or "CA"))
                .Select(r => new object?[] { r.T, r["Application"], r["ActionType"], r["AccountDisplayName"], r["IPAddress"], r["CountryCode"] }),
            columns: ["Timestamp", "Application", "ActionType", "AccountDisplayName", "IPAddress", "CountryCode"],
            count: 4);
    }

    [Fact]
    public void Remote_logons_inside_the_incident_window()
    {
        SyntheticDataset data = With(("DeviceLogonEvents", """
            [
              {"Timestamp": "2024-03-01T09:00:00Z", "DeviceName": "srv1", "AccountDomain": "contoso", "AccountName": "ann", "RemoteIP": "198.51.100.7", "LogonType": "RemoteInteractive", "ActionType": "LogonSuccess", "RemoteIPType": "Public", "RemotePort": 3389},
              {"Timestamp": "2024-03-01T20:30:00Z", "DeviceName": "srv2", "AccountDomain": "contoso", "AccountName": "bob", "RemoteIP": "198.51.100.8", "LogonType": "Network", "ActionType": "LogonSuccess", "RemoteIPType": "Public", "RemotePort": 445},
              {"Timestamp": "2024-03-01T20:30:00.0000001Z", "DeviceName": "srv3", "AccountName": "late", "LogonType": "Network", "ActionType": "LogonSuccess", "RemoteIPType": "Public", "RemotePort": 445},
              {"Timestamp": "2024-03-01T07:59:59Z", "DeviceName": "srv4", "AccountName": "early", "LogonType": "Network", "ActionType": "LogonSuccess", "RemoteIPType": "Public", "RemotePort": 445},
              {"Timestamp": "2024-03-01T10:00:00Z", "DeviceName": "srv5", "AccountName": "failed", "LogonType": "Network", "ActionType": "LogonFailed", "RemoteIPType": "Public", "RemotePort": 445},
              {"Timestamp": "2024-03-01T10:00:00Z", "DeviceName": "srv6", "AccountName": "local", "LogonType": "Interactive", "ActionType": "LogonSuccess", "RemoteIPType": "Public", "RemotePort": 445},
              {"Timestamp": "2024-03-01T10:00:00Z", "DeviceName": "srv7", "AccountName": "inside", "LogonType": "Network", "ActionType": "LogonSuccess", "RemoteIPType": "Private", "RemotePort": 445},
              {"Timestamp": "2024-03-01T10:00:00Z", "DeviceName": "srv8", "AccountName": "noport", "LogonType": "Network", "ActionType": "LogonSuccess", "RemoteIPType": "Public"}
            ]
            """));
        DateTime from = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc), to = new(2024, 3, 1, 20, 30, 0, DateTimeKind.Utc);
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().Remote_logons_inside_the_incident_window(), data),
            Rows(data, "DeviceLogonEvents")
                .Where(r => r.T >= from && r.T <= to)
                .Where(r => r.S("ActionType") == "LogonSuccess" && r.S("LogonType") is "RemoteInteractive" or "Network")
                .Where(r => r.S("RemoteIPType") == "Public" && r["RemotePort"] is not null)
                .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountDomain"], r["AccountName"], r["RemoteIP"], r["LogonType"] }),
            count: 2);
    }

    [Fact]
    public void Processes_created_at_reported_instants()
    {
        SyntheticDataset data = With(("DeviceProcessEvents", """
            [
              {"Timestamp": "2024-05-17T13:02:46Z", "DeviceName": "pc1", "ProcessId": 11, "ProcessCreationTime": "2024-05-17T13:02:45.1234567Z", "InitiatingProcessCreationTime": "2024-05-17T13:02:41Z", "ProcessCommandLine": "a"},
              {"Timestamp": "2024-05-17T13:05:01Z", "DeviceName": "pc2", "ProcessId": 12, "ProcessCreationTime": "2024-05-17T13:05:00Z", "InitiatingProcessCreationTime": "2024-05-17T13:04:55Z", "ProcessCommandLine": "exactly 5s"},
              {"Timestamp": "2024-05-17T13:05:01Z", "DeviceName": "pc3", "ProcessId": 13, "ProcessCreationTime": "2024-05-17T13:05:00Z", "InitiatingProcessCreationTime": "2024-05-17T13:04:56Z", "ProcessCommandLine": "4s"},
              {"Timestamp": "2024-05-17T13:02:46Z", "DeviceName": "pc4", "ProcessId": 14, "ProcessCreationTime": "2024-05-17T13:02:45.1234568Z", "InitiatingProcessCreationTime": "2024-05-17T13:02:45Z", "ProcessCommandLine": "one tick later"},
              {"Timestamp": "2024-05-30T08:00:00Z", "DeviceName": "pc5", "ProcessId": 15, "ProcessCreationTime": "2024-05-17T13:05:00Z", "InitiatingProcessCreationTime": "2024-05-17T13:05:00Z", "ProcessCommandLine": "reported late"},
              {"Timestamp": "2024-05-17T13:05:01Z", "DeviceName": "pc6", "ProcessId": 16, "ProcessCreationTime": "2024-05-17T13:05:00Z", "ProcessCommandLine": "no parent time"}
            ]
            """));
        DateTime[] instants = [DateTime.Parse("2024-05-17T13:02:45.1234567Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), new(2024, 5, 17, 13, 5, 0, DateTimeKind.Utc)];
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().Processes_created_at_reported_instants(), data),
            Rows(data, "DeviceProcessEvents")
                .Where(r => r.D("ProcessCreationTime") is { } created && instants.Contains(created))
                .Where(r => r.T >= new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc) && r.T < new DateTime(2024, 5, 30, 8, 0, 0, DateTimeKind.Utc))
                .Where(r => r.D("ProcessCreationTime") - r.D("InitiatingProcessCreationTime") < TimeSpan.FromSeconds(5))
                .Select(r => new object?[] { r.T, r["DeviceName"], r["ProcessId"], r["ProcessCreationTime"], r["ProcessCommandLine"] }),
            count: 2);
    }

    [Fact]
    public void High_ports_with_arithmetic_on_ints()
    {
        SyntheticDataset data = With(("DeviceNetworkEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "a", "RemoteIP": "203.0.113.1", "RemotePort": 5000, "LocalPort": 50000},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "b", "RemoteIP": "203.0.113.2", "RemotePort": 60000, "LocalPort": 60000},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "c", "RemoteIP": "203.0.113.3", "RemotePort": 8080, "LocalPort": 49152},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "d", "RemoteIP": "203.0.113.4", "RemotePort": 51234, "LocalPort": 65535},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "e", "RemoteIP": "203.0.113.5", "RemotePort": 50, "LocalPort": 50001},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "f", "RemoteIP": "203.0.113.6", "RemotePort": 1023, "LocalPort": 50000},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "g", "RemoteIP": "203.0.113.7", "RemotePort": 1024, "LocalPort": 50000},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "h", "RemoteIP": "203.0.113.8", "RemotePort": 5000, "LocalPort": 49151},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "i", "RemoteIP": "203.0.113.9", "LocalPort": 50000}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().High_ports_with_arithmetic_on_ints(), data),
            Rows(data, "DeviceNetworkEvents")
                .Where(r => r.I("RemotePort") is { } p && p is not (>= 0 and <= 1023) && r.I("LocalPort") is >= 49152 and <= 65535)
                .Select(r => (Row: r, Remote: r.I("RemotePort")!.Value, Local: r.I("LocalPort")!.Value))
                .Where(x => x.Remote % 1000 == 0 || x.Remote * 2 > 100000 || x.Remote - x.Local == 0 || x.Remote + 1 == 8081 || -x.Remote > -100)
                .Where(x => x.Local / 2 > 1)
                .Select(x => new object?[]
                {
                    x.Row.T, x.Row["DeviceName"], x.Local, Math.Floor(x.Remote / 1000.0) * 1000.0,
                    x.Row.S("RemoteIP") + ":" + x.Remote.ToString(CultureInfo.InvariantCulture),
                }),
            columns: ["Timestamp", "DeviceName", "LocalPort", "PortRange", "Endpoint"],
            count: 4);
    }

    [Fact]
    public void High_impact_misconfigurations()
    {
        SyntheticDataset data = With(("DeviceTvmSecureConfigurationAssessment", """
            [
              {"DeviceName": "a", "ConfigurationId": "scid-1", "ConfigurationCategory": "OS", "ConfigurationImpact": 7.56, "IsApplicable": true, "IsCompliant": false},
              {"DeviceName": "b", "ConfigurationId": "scid-2", "ConfigurationCategory": "Network", "ConfigurationImpact": 10.0, "IsApplicable": true, "IsCompliant": false},
              {"DeviceName": "c", "ConfigurationId": "scid-3", "ConfigurationCategory": "OS", "ConfigurationImpact": 9.0, "IsApplicable": true, "IsCompliant": false},
              {"DeviceName": "d", "ConfigurationId": "scid-4", "ConfigurationCategory": "OS", "ConfigurationImpact": 7.4, "IsApplicable": true, "IsCompliant": false},
              {"DeviceName": "e", "ConfigurationId": "scid-5", "ConfigurationCategory": "OS", "ConfigurationImpact": 10.5, "IsApplicable": true, "IsCompliant": false},
              {"DeviceName": "f", "ConfigurationId": "scid-6", "ConfigurationCategory": "OS", "ConfigurationImpact": 9.0, "IsApplicable": true, "IsCompliant": true},
              {"DeviceName": "g", "ConfigurationId": "scid-7", "ConfigurationCategory": "OS", "ConfigurationImpact": 9.0, "IsApplicable": false, "IsCompliant": false},
              {"DeviceName": "h", "ConfigurationId": "scid-8", "ConfigurationCategory": "OS", "ConfigurationImpact": 9.0, "IsApplicable": true},
              {"DeviceName": "i", "ConfigurationId": "scid-9", "ConfigurationCategory": "OS", "IsApplicable": true, "IsCompliant": false}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().High_impact_misconfigurations(), data),
            Rows(data, "DeviceTvmSecureConfigurationAssessment")
                .Where(r => r.B("IsApplicable") == true && r.B("IsCompliant") == false && r.R("ConfigurationImpact") is not null)
                .Select(r => (Row: r, Impact: r.R("ConfigurationImpact")!.Value))
                .Where(x => (x.Impact >= 7.5 || x.Impact is 9.0 or 10.0) && x.Impact is >= 0.0 and <= 10.0)
                .Where(x => x.Impact is not (>= 0.0 and <= 2.5) && x.Impact != -1.0 && !double.IsNaN(x.Impact))
                .Where(x => (x.Impact * 10.0) - (x.Impact / 2.0) + (-x.Impact % 3.0) > 0.0015)
                .Select(x => new object?[] { x.Row["DeviceName"], x.Row["ConfigurationId"], x.Row["ConfigurationCategory"], Math.Round(x.Impact, 1, MidpointRounding.AwayFromZero) }),
            columns: ["DeviceName", "ConfigurationId", "ConfigurationCategory", "Impact"],
            count: 3);
    }

    [Fact]
    public void Dlp_activities_by_activity_id()
    {
        // AadDeviceId null != guid(0...) is true (null versus a value), so the row without a device id passes.
        SyntheticDataset data = With(("DataSecurityEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "ActivityId": "74be27de-1e4e-49d9-b579-fe0b331d3642", "AadDeviceId": "11111111-2222-3333-4444-555555555555", "ActionType": "FileCopiedToRemovableMedia", "AccountUpn": "a@contoso.com", "ObjectName": "plan.docx"},
              {"Timestamp": "2025-06-01T11:00:00Z", "ActivityId": "0F8FAD5B-D9CB-469F-A165-70867728950E", "ActionType": "FilePrinted", "AccountUpn": "b@contoso.com", "ObjectName": "salaries.xlsx"},
              {"Timestamp": "2025-06-01T12:00:00Z", "ActivityId": "74be27de-1e4e-49d9-b579-fe0b331d3642", "AadDeviceId": "00000000-0000-0000-0000-000000000000", "ActionType": "NoDevice", "AccountUpn": "c@contoso.com"},
              {"Timestamp": "2025-06-01T13:00:00Z", "ActivityId": "74be27de-1e4e-49d9-b579-fe0b331d3642", "AadDeviceId": "11111111-2222-3333-4444-555555555555", "NetworkMessageId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "ActionType": "Mail", "AccountUpn": "d@contoso.com"},
              {"Timestamp": "2025-06-01T14:00:00Z", "ActivityId": "99999999-1e4e-49d9-b579-fe0b331d3642", "AadDeviceId": "11111111-2222-3333-4444-555555555555", "ActionType": "Other", "AccountUpn": "e@contoso.com"}
            ]
            """));
        Guid[] activities = [Guid.Parse("74be27de-1e4e-49d9-b579-fe0b331d3642"), Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")];
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().Dlp_activities_by_activity_id(), data),
            Rows(data, "DataSecurityEvents")
                .Where(r => r.G("ActivityId") is { } id && activities.Contains(id))
                .Where(r => r.G("AadDeviceId") != Guid.Empty && r["NetworkMessageId"] is null)
                .Select(r => new object?[] { r.T, r["ActivityId"], r["AadDeviceId"], r["ActionType"], r["AccountUpn"], r["ObjectName"] }),
            count: 2);
    }

    [Fact]
    public void Copilot_agent_by_id()
    {
        SyntheticDataset data = With(("AIAgentsInfo", """
            [
              {"Timestamp": "2025-05-01T10:00:00Z", "AIAgentId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "AIAgentName": "Helper v1", "CreatorAccountUpn": "a@contoso.com", "LastModifiedTime": "2025-05-01T09:00:00Z", "AgentStatus": "Published", "IsGenerativeOrchestrationEnabled": true},
              {"Timestamp": "2025-05-10T10:00:00Z", "AIAgentId": "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "AIAgentName": "Helper v2", "CreatorAccountUpn": "a@contoso.com", "LastModifiedTime": "2025-05-10T09:00:00Z", "AgentStatus": "Published", "IsGenerativeOrchestrationEnabled": true},
              {"Timestamp": "2025-05-20T10:00:00Z", "AIAgentId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "AIAgentName": "Helper v3", "CreatorAccountUpn": "a@contoso.com", "AgentStatus": "Published", "IsGenerativeOrchestrationEnabled": false},
              {"Timestamp": "2025-05-30T10:00:00Z", "AIAgentId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "AIAgentName": "Helper v4", "CreatorAccountUpn": "a@contoso.com", "AgentStatus": "Deleted", "IsGenerativeOrchestrationEnabled": true},
              {"Timestamp": "2025-06-01T10:00:00Z", "AIAgentId": "3f2504e0-4f89-11d3-9a0c-0305e82c3302", "AIAgentName": "Other", "CreatorAccountUpn": "b@contoso.com", "AgentStatus": "Published", "IsGenerativeOrchestrationEnabled": true}
            ]
            """));
        Guid agent = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().Copilot_agent_by_id(), data),
            Rows(data, "AIAgentsInfo")
                .Where(r => r.G("AIAgentId") == agent)
                .Where(r => r.B("IsGenerativeOrchestrationEnabled") == true && r.S("AgentStatus") != "Deleted")
                .OrderByDescending(r => r.T)
                .Take(1)
                .Select(r => new object?[] { r.T, r.G("AIAgentId")!.Value.ToString("D"), r["AIAgentName"], r["CreatorAccountUpn"], r["LastModifiedTime"] }),
            ordered: true,
            columns: ["Timestamp", "AgentId", "AIAgentName", "CreatorAccountUpn", "LastModifiedTime"],
            count: 1);
    }

    [Fact]
    public void Clicked_through_malicious_urls()
    {
        SyntheticDataset data = With(("UrlClickEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "AccountUpn": "a@contoso.com", "Url": "https://evil.example/1", "ActionType": "ClickAllowed", "ThreatTypes": "Phish", "Workload": "Email", "NetworkMessageId": "m1"},
              {"Timestamp": "2025-06-01T11:00:00Z", "AccountUpn": "b@contoso.com", "Url": "https://evil.example/2", "ActionType": "ClickBlocked", "IsClickedThrough": true, "ThreatTypes": "Malware, Spam", "Workload": "Teams", "NetworkMessageId": "m2"},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "c@contoso.com", "Url": "https://evil.example/3", "ActionType": "ClickBlocked", "ThreatTypes": "Phish", "Workload": "Email"},
              {"Timestamp": "2025-06-01T13:00:00Z", "AccountUpn": "d@contoso.com", "Url": "https://evil.example/4", "ActionType": "UrlErrorPage", "ThreatTypes": "Phishing", "Workload": "Email"},
              {"Timestamp": "2025-05-01T13:00:00Z", "AccountUpn": "e@contoso.com", "Url": "https://evil.example/5", "ActionType": "ClickAllowed", "ThreatTypes": "Phish", "Workload": "Email"},
              {"Timestamp": "2025-06-01T14:00:00Z", "AccountUpn": "f@contoso.com", "Url": "https://evil.example/6", "ActionType": "clickallowed", "ThreatTypes": "Phish", "Workload": "Email"},
              {"Timestamp": "2025-06-01T15:00:00Z", "AccountUpn": "g@contoso.com", "Url": "https://evil.example/7", "ActionType": "UrlScanInProgress", "ThreatTypes": "spam;MALWARE", "Workload": "Office"}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new ScalarFilterTests().Clicked_through_malicious_urls(), data),
            Rows(data, "UrlClickEvents")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)))
                .Where(r => r.S("ActionType") is "ClickAllowed" or "UrlScanInProgress" or "UrlErrorPage" || r.B("IsClickedThrough") == true)
                .Where(r => Has(r.S("ThreatTypes"), "Phish") || Has(r.S("ThreatTypes"), "Malware"))
                .Select(r => new object?[] { r.T, r["AccountUpn"], r["Url"], r["IsClickedThrough"], r["Workload"], r["NetworkMessageId"] }),
            count: 3);
    }
}
