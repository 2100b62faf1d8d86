using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Golden joins, lets, unions and subqueries (JoinTests, LetAndUnionTests).</summary>
public sealed partial class GoldenVersusLinqTests
{
    [Fact]
    public void Inner_join_renames_clashing_right_columns()
    {
        var processes = Rows("DeviceProcessEvents").Where(p => p.T > Ago(Day)).ToList();
        AssertSameRows(
            RunGolden(() => new JoinTests().Inner_join_renames_clashing_right_columns()),
            Rows("DeviceFileEvents")
                .Where(f => f.T > Ago(Day) && f.S("FileOriginUrl").Length > 0)
                .SelectMany(f => processes.Where(p => p.S("DeviceId") == f.S("DeviceId") && p.S("SHA1") == f.S("SHA1")), (f, p) => (f, p))
                .Where(x => x.p.T > x.f.T && x.p.S("FileName") == x.f.S("FileName"))
                .Select(x => new object?[] { x.f.T, x.p.T, x.f["DeviceName"], x.f["FileOriginUrl"], x.p["FileName"], x.p["ProcessCommandLine"], x.p["SHA1"] }),
            columns: ["Timestamp", "Executed", "DeviceName", "FileOriginUrl", "FileName1", "ProcessCommandLine", "SHA11"]);
    }

    [Fact]
    public void Innerunique_alerts_with_process_evidence()
    {
        var evidence = Rows("AlertEvidence").Where(v => v.S("EntityType") == "Process" && v.S("EvidenceRole") == "Impacted").ToList();
        AssertSameRows(
            RunGolden(() => new JoinTests().Innerunique_alerts_with_process_evidence()),
            Rows("AlertInfo")
                .Where(a => a.T > Ago(Day) && a.S("Severity") == "High")
                .DistinctBy(a => a.S("AlertId"))
                .SelectMany(a => evidence.Where(v => v.S("AlertId") == a.S("AlertId")), (a, v) => new object?[]
                {
                    a.T, a["Title"], a["Category"], v["DeviceName"], v["FileName"], v["ProcessCommandLine"], v["Title"],
                }),
            columns: ["Timestamp", "Title", "Category", "DeviceName", "FileName", "ProcessCommandLine", "EvidenceTitle"]);
    }

    [Fact]
    public void Leftouter_processes_enriched_with_their_connections()
    {
        var connections = Rows("DeviceNetworkEvents").Where(n => n.T > Ago(TimeSpan.FromHours(1)) && n.S("RemoteIPType") == "Public").ToList();
        AssertSameRows(
            RunGolden(() => new JoinTests().Leftouter_processes_enriched_with_their_connections()),
            Rows("DeviceProcessEvents")
                .Where(p => p.T > Ago(TimeSpan.FromHours(1)) && InCi(p.S("FileName"), "powershell.exe", "pwsh.exe"))
                .SelectMany(p =>
                {
                    var matches = connections.Where(n => n.S("DeviceId") == p.S("DeviceId") && n.L("InitiatingProcessId") == p.L("ProcessId")).ToList();
                    return matches.Count == 0
                        ? [new object?[] { p.T, p["DeviceName"], p["ProcessCommandLine"], "", "", false }]
                        : matches.Select(n => new object?[] { p.T, p["DeviceName"], p["ProcessCommandLine"], n["RemoteUrl"], n["RemoteIP"], n.S("RemoteIP").Length > 0 });
                }),
            columns: ["Timestamp", "DeviceName", "ProcessCommandLine", "RemoteUrl", "RemoteIP", "Connected"]);
    }

    [Fact]
    public void Rightouter_logons_on_devices_missing_from_inventory()
    {
        var inventory = Rows("DeviceInfo").Where(d => d.T > Ago(Day)).Select(d => d.S("DeviceId")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new JoinTests().Rightouter_logons_on_devices_missing_from_inventory()),
            Rows("DeviceLogonEvents")
                .Where(l => l.T > Ago(Day) && l.S("ActionType") == "LogonSuccess" && !inventory.Contains(l.S("DeviceId")))
                .Select(l => new object?[] { l.T, l["DeviceId"], l["DeviceName"], l["AccountName"], l["RemoteIP"] }),
            columns: ["Timestamp1", "DeviceId1", "DeviceName1", "AccountName", "RemoteIP"]);
    }

    [Fact]
    public void Leftsemi_processes_on_devices_with_alerts()
    {
        var devices = Rows("AlertEvidence").Where(v => v.T > Ago(Day) && v.S("EntityType") == "Machine").Select(v => v.S("DeviceId")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new JoinTests().Leftsemi_processes_on_devices_with_alerts()),
            Rows("DeviceProcessEvents")
                .Where(p => p.T > Ago(Day) && p.S("ProcessIntegrityLevel") == "System" && devices.Contains(p.S("DeviceId")))
                .Select(p => new object?[] { p.T, p["DeviceName"], p["FileName"], p["ProcessCommandLine"] }));
    }

    [Fact]
    public void Leftanti_smb_to_public_ips_that_are_not_our_egress()
    {
        var egress = Rows("DeviceInfo").Where(d => d.T > Ago(Day) && d.S("PublicIP").Length > 0).Select(d => d.S("PublicIP")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new JoinTests().Leftanti_smb_to_public_ips_that_are_not_our_egress()),
            Rows("DeviceNetworkEvents")
                .Where(n => n.T > Ago(TimeSpan.FromHours(6)) && n.S("RemoteIPType") == "Public" && n.I("RemotePort") is 139 or 445)
                .Where(n => !egress.Contains(n.S("RemoteIP")))
                .GroupBy(n => n.S("RemoteIP"))
                .Select(g => new object?[] { g.Key, (long)g.Count() }),
            columns: ["RemoteIP", "Connections"]);
    }

    [Fact]
    public void Rightanti_devices_without_alert_evidence()
    {
        var alerted = Rows("AlertEvidence").Where(v => v.T > Ago(TimeSpan.FromDays(30)) && v.S("DeviceId").Length > 0).Select(v => v.S("DeviceId")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new JoinTests().Rightanti_devices_without_alert_evidence()),
            Rows("DeviceInfo")
                .Where(d => d.T > Ago(Day) && d.B("IsInternetFacing") == true && !alerted.Contains(d.S("DeviceId")))
                .Select(d => (d.S("DeviceId"), d.S("DeviceName"), d.S("PublicIP")))
                .Distinct()
                .Select(x => new object?[] { x.Item1, x.Item2, x.Item3 }));
    }

    [Fact]
    public void Inner_phishing_mail_that_was_clicked()
    {
        var clicks = Rows("UrlClickEvents").Where(c => c.S("ActionType") == "ClickAllowed" || c.B("IsClickedThrough") == true).ToList();
        AssertSameRows(
            RunGolden(() => new JoinTests().Inner_phishing_mail_that_was_clicked()),
            Rows("EmailEvents")
                .Where(m => m.T > Ago(TimeSpan.FromDays(7)) && Has(m.S("ThreatTypes"), "Phish"))
                .SelectMany(m => clicks.Where(c => c.S("NetworkMessageId") == m.S("NetworkMessageId")), (m, c) => (m, c))
                .Where(x => x.c.T - x.m.T < TimeSpan.FromHours(1))
                .OrderByDescending(x => x.c.T)
                .Select(x => new object?[] { x.m.T, x.c.T, x.m["RecipientEmailAddress"], x.m["Subject"], x.c["Url"], x.c["ActionType"] }),
            ordered: true,
            columns: ["Delivered", "Clicked", "Recipient", "Subject", "Url", "ClickAction"]);
    }

    [Fact]
    public void Processes_started_from_alerted_files()
    {
        var alerted = Rows("AlertEvidence").Where(v => v.T > Ago(TimeSpan.FromDays(7)) && v.S("EntityType") == "File" && v.S("SHA1").Length > 0)
            .Select(v => v.S("SHA1")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Processes_started_from_alerted_files()),
            Rows("DeviceProcessEvents")
                .Where(p => p.T > Ago(TimeSpan.FromDays(7)) && alerted.Contains(p.S("SHA1")))
                .Select(p => new object?[] { p.T, p["DeviceName"], p["FileName"], p["SHA1"], p["ProcessCommandLine"] }));
    }

    [Fact]
    public void Logons_on_devices_with_recent_alerts()
    {
        var devices = Rows("AlertEvidence").Where(v => v.S("EntityType") == "Machine" && v.T > Ago(Day)).Select(v => v.S("DeviceId")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Logons_on_devices_with_recent_alerts()),
            Rows("DeviceLogonEvents")
                .Where(l => l.T > Ago(Day) && devices.Contains(l.S("DeviceId")))
                .Select(l => new object?[] { l.T, l["DeviceName"], l["AccountName"], l["LogonType"], l["RemoteIP"] }));
    }

    [Fact]
    public void Network_activity_of_processes_that_ran_encoded_commands()
    {
        var pids = Rows("DeviceProcessEvents").Where(p => Has(p.S("ProcessCommandLine"), "-EncodedCommand")).Select(p => p.L("ProcessId")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Network_activity_of_processes_that_ran_encoded_commands()),
            Rows("DeviceNetworkEvents")
                .Where(n => pids.Contains(n.L("InitiatingProcessId")) && n.S("RemoteIPType") == "Public")
                .Select(n => new object?[] { n.T, n["DeviceName"], n["InitiatingProcessId"], n["RemoteIP"], n["RemoteUrl"] }));
    }

    [Fact]
    public void Discovery_commands_as_one_union()
    {
        var processes = Rows("DeviceProcessEvents").ToList();
        var whoami = processes.Where(p => Ci(p.S("FileName"), "whoami.exe") && Has(p.S("ProcessCommandLine"), "/all"));
        var net = processes.Where(p => Ci(p.S("FileName"), "net.exe") && (Has(p.S("ProcessCommandLine"), "group") || Has(p.S("ProcessCommandLine"), "localgroup")));
        var nltest = processes.Where(p => Ci(p.S("FileName"), "nltest.exe") && Has(p.S("ProcessCommandLine"), "domain_trusts"));
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Discovery_commands_as_one_union()),
            whoami.Concat(net).Concat(nltest)
                .Where(p => p.T > Ago(Day))
                .Select(p => new object?[] { p.T, p["DeviceName"], p["AccountName"], p["ProcessCommandLine"] }));
    }

    [Fact]
    public void Let_used_by_a_join_and_a_subquery()
    {
        var proxies = Rows("DeviceProcessEvents")
            .Where(p => p.T > Ago(TimeSpan.FromHours(2)) && InCi(p.S("FileName"), "rundll32.exe", "regsvr32.exe", "mshta.exe")).ToList();
        var proxyDevices = proxies.Select(p => p.S("DeviceId")).ToHashSet();
        var connections = Rows("DeviceNetworkEvents").Where(n => proxyDevices.Contains(n.S("DeviceId")) && n.S("RemoteIPType") == "Public").ToList();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Let_used_by_a_join_and_a_subquery()),
            proxies
                .SelectMany(p => connections.Where(n => n.S("DeviceId") == p.S("DeviceId") && n.L("InitiatingProcessId") == p.L("ProcessId")), (p, n) => new object?[]
                {
                    p.T, p["DeviceName"], p["ProcessCommandLine"], n["RemoteUrl"], n["RemoteIP"],
                }));
    }

    [Fact]
    public void Fullouter_mail_and_attachment_reconciliation()
    {
        SyntheticDataset data = With(
            ("EmailEvents", """
            [
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m1", "RecipientEmailAddress": "a@contoso.com", "Subject": "s1", "AttachmentCount": 2},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m2", "RecipientEmailAddress": "b@contoso.com", "Subject": "s2 lost its attachment", "AttachmentCount": 1},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m3", "RecipientEmailAddress": "c@contoso.com", "Subject": "s3 without attachments", "AttachmentCount": 0},
              {"Timestamp": "2025-06-02T06:00:00Z", "NetworkMessageId": "m4", "RecipientEmailAddress": "d@contoso.com", "Subject": "s4 too old", "AttachmentCount": 1}
            ]
            """),
            ("EmailAttachmentInfo", """
            [
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m1", "RecipientEmailAddress": "a@contoso.com", "FileName": "a1.pdf", "SHA256": "h1"},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m1", "RecipientEmailAddress": "a@contoso.com", "FileName": "a2.pdf", "SHA256": "h2"},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m3", "RecipientEmailAddress": "c@contoso.com", "FileName": "c.zip", "SHA256": "h3"},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m1", "RecipientEmailAddress": "z@contoso.com", "FileName": "z.pdf", "SHA256": "h4"},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m4", "RecipientEmailAddress": "d@contoso.com", "FileName": "d.doc", "SHA256": "h5"},
              {"Timestamp": "2025-06-02T06:00:00Z", "NetworkMessageId": "m9", "RecipientEmailAddress": "e@contoso.com", "FileName": "old.doc", "SHA256": "h6"}
            ]
            """));
        var mail = Rows(data, "EmailEvents").Where(m => m.T > Ago(TimeSpan.FromHours(4)) && m.I("AttachmentCount") > 0).ToList();
        var files = Rows(data, "EmailAttachmentInfo").Where(f => f.T > Ago(TimeSpan.FromHours(4))).ToList();
        static bool Same(Row m, Row f) => m.S("NetworkMessageId") == f.S("NetworkMessageId") && m.S("RecipientEmailAddress") == f.S("RecipientEmailAddress");
        AssertSameRows(
            RunGolden(() => new JoinTests().Fullouter_mail_and_attachment_reconciliation(), data),
            mail.Where(m => !files.Any(f => Same(m, f))).Select(m => new object?[] { m["NetworkMessageId"], m["Subject"], "", "" })
                .Concat(files.Where(f => !mail.Any(m => Same(m, f))).Select(f => new object?[] { f["NetworkMessageId"], "", f["FileName"], f["SHA256"] })),
            columns: ["MessageId", "Subject", "FileName", "SHA256"],
            count: 4);
    }

    [Fact]
    public void Rightsemi_clicks_on_urls_that_arrived_by_mail()
    {
        SyntheticDataset data = With(
            ("EmailUrlInfo", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "NetworkMessageId": "m1", "Url": "https://u1.example/", "UrlLocation": "Body"},
              {"Timestamp": "2025-06-01T11:00:00Z", "NetworkMessageId": "m2", "Url": "https://u1.example/", "UrlLocation": "Body"},
              {"Timestamp": "2025-05-20T10:00:00Z", "NetworkMessageId": "m3", "Url": "https://u2.example/", "UrlLocation": "Body"},
              {"Timestamp": "2025-06-01T10:00:00Z", "NetworkMessageId": "m4", "Url": "https://u3.example/", "UrlLocation": "Subject"},
              {"Timestamp": "2025-06-01T10:00:00Z", "NetworkMessageId": "m5", "Url": "https://u4.example/", "UrlLocation": "Body"}
            ]
            """),
            ("UrlClickEvents", """
            [
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "a@contoso.com", "Url": "https://u1.example/", "IPAddress": "10.0.0.1", "IsClickedThrough": true},
              {"Timestamp": "2025-06-01T12:05:00Z", "AccountUpn": "b@contoso.com", "Url": "https://u1.example/", "IPAddress": "10.0.0.2", "IsClickedThrough": false},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "c@contoso.com", "Url": "https://u2.example/", "IPAddress": "10.0.0.3", "IsClickedThrough": true},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "d@contoso.com", "Url": "https://u3.example/", "IPAddress": "10.0.0.4", "IsClickedThrough": true},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "e@contoso.com", "Url": "https://u4.example/", "IPAddress": "10.0.0.5", "IsClickedThrough": true},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "f@contoso.com", "Url": "HTTPS://U4.EXAMPLE/", "IPAddress": "10.0.0.6", "IsClickedThrough": true},
              {"Timestamp": "2025-06-01T12:00:00Z", "AccountUpn": "g@contoso.com", "Url": "https://u5.example/", "IPAddress": "10.0.0.7", "IsClickedThrough": true},
              {"Timestamp": "2025-05-20T12:00:00Z", "AccountUpn": "h@contoso.com", "Url": "https://u4.example/", "IPAddress": "10.0.0.8", "IsClickedThrough": true}
            ]
            """));
        var mailed = Rows(data, "EmailUrlInfo").Where(u => u.T > Ago(TimeSpan.FromDays(2)) && u.S("UrlLocation") == "Body").Select(u => u.S("Url")).ToHashSet();
        AssertSameRows(
            RunGolden(() => new JoinTests().Rightsemi_clicks_on_urls_that_arrived_by_mail(), data),
            Rows(data, "UrlClickEvents")
                .Where(c => c.T > Ago(TimeSpan.FromDays(2)) && mailed.Contains(c.S("Url")) && c.B("IsClickedThrough") == true)
                .Select(c => new object?[] { c.T, c["AccountUpn"], c["Url"], c["IPAddress"] }),
            columns: ["Timestamp", "AccountUpn", "Url", "IPAddress"],
            count: 2);
    }

    [Fact]
    public void Attachments_later_written_to_disk()
    {
        SyntheticDataset data = With(
            ("EmailAttachmentInfo", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "RecipientEmailAddress": "a@contoso.com", "FileName": "invoice.zip", "SHA256": "h1", "ThreatTypes": "Malware"},
              {"Timestamp": "2025-06-01T10:00:00Z", "RecipientEmailAddress": "b@contoso.com", "FileName": "invoice.zip", "SHA256": "h1", "ThreatTypes": "Malware"},
              {"Timestamp": "2025-06-01T10:00:00Z", "RecipientEmailAddress": "c@contoso.com", "FileName": "clean.pdf", "SHA256": "h2"},
              {"Timestamp": "2025-06-01T10:00:00Z", "RecipientEmailAddress": "d@contoso.com", "FileName": "lure.html", "SHA256": "h3", "ThreatTypes": "Phish"},
              {"Timestamp": "2025-05-01T10:00:00Z", "RecipientEmailAddress": "e@contoso.com", "FileName": "old.zip", "SHA256": "h4", "ThreatTypes": "Malware"}
            ]
            """),
            ("DeviceFileEvents", """
            [
              {"Timestamp": "2025-06-01T11:00:00Z", "DeviceId": "dev1", "ActionType": "FileCreated", "FileName": "invoice.zip", "FolderPath": "C:\\Users\\a\\Downloads\\invoice.zip", "SHA256": "h1"},
              {"Timestamp": "2025-06-01T10:30:00Z", "DeviceId": "dev2", "ActionType": "FileCreated", "FileName": "renamed.zip", "FolderPath": "C:\\Users\\b\\Desktop\\renamed.zip", "SHA256": "h1"},
              {"Timestamp": "2025-06-01T10:10:00Z", "DeviceId": "dev3", "ActionType": "FileModified", "FileName": "invoice.zip", "FolderPath": "C:\\x\\invoice.zip", "SHA256": "h1"},
              {"Timestamp": "2025-06-01T10:10:00Z", "DeviceId": "dev3", "ActionType": "FileCreated", "FileName": "clean.pdf", "FolderPath": "C:\\x\\clean.pdf", "SHA256": "h2"},
              {"Timestamp": "2025-06-01T10:10:00Z", "DeviceId": "dev3", "ActionType": "FileCreated", "FileName": "old.zip", "FolderPath": "C:\\x\\old.zip", "SHA256": "h4"}
            ]
            """));
        var written = Rows(data, "DeviceFileEvents").Where(f => f.S("ActionType") == "FileCreated").ToList();
        AssertSameRows(
            RunGolden(() => new JoinTests().Attachments_later_written_to_disk(), data),
            Rows(data, "EmailAttachmentInfo")
                .Where(a => a.T > Ago(TimeSpan.FromDays(7)) && a.S("ThreatTypes").Length > 0)
                .SelectMany(a => written.Where(f => f.S("SHA256") == a.S("SHA256")), (a, f) => (a, f))
                .GroupBy(x => (x.a.S("SHA256"), x.a.S("FileName")))
                .Select(g => new object?[]
                {
                    g.Key.Item1, g.Key.Item2, (long)g.Select(x => x.f.S("DeviceId")).Distinct().Count(), g.Min(x => x.f.T),
                    g.Select(x => (object?)x.f.S("FolderPath")).Distinct().Take(20).ToList(),
                }),
            columns: ["SHA256", "FileName", "Devices", "FirstWritten", "Paths"],
            count: 1);
    }

    [Fact]
    public void Cloud_activity_by_accounts_unknown_to_identity_info()
    {
        SyntheticDataset data = With(
            ("IdentityInfo", """
            [
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u1", "IsAccountEnabled": true},
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u2", "IsAccountEnabled": false},
              {"Timestamp": "2025-06-01T00:00:00Z", "AccountObjectId": "u3", "IsAccountEnabled": true}
            ]
            """),
            ("CloudAppEvents", """
            [
              {"Timestamp": "2025-06-02T10:00:00Z", "AccountObjectId": "u1", "AccountDisplayName": "known", "ActionType": "Set-Mailbox", "Application": "Exchange", "IsAdminOperation": true},
              {"Timestamp": "2025-06-02T10:00:00Z", "AccountObjectId": "u2", "AccountDisplayName": "disabled", "ActionType": "Set-Mailbox", "Application": "Exchange", "IsAdminOperation": true},
              {"Timestamp": "2025-06-02T10:00:00Z", "AccountObjectId": "u4", "AccountDisplayName": "unknown", "ActionType": "Add-RoleMember", "Application": "Entra", "IsAdminOperation": true},
              {"Timestamp": "2025-06-02T10:00:00Z", "AccountObjectId": "u4", "AccountDisplayName": "unknown", "ActionType": "FileDownloaded", "Application": "SharePoint", "IsAdminOperation": false},
              {"Timestamp": "2025-05-20T10:00:00Z", "AccountObjectId": "u5", "AccountDisplayName": "old", "ActionType": "Set-Mailbox", "Application": "Exchange", "IsAdminOperation": true},
              {"Timestamp": "2025-06-02T10:00:00Z", "AccountObjectId": "U1", "AccountDisplayName": "upper-case id", "ActionType": "Set-Mailbox", "Application": "Exchange", "IsAdminOperation": true}
            ]
            """));
        var enabled = Rows(data, "IdentityInfo").Where(i => i.B("IsAccountEnabled") == true).Select(i => i.S("AccountObjectId")).ToHashSet(StringComparer.Ordinal);
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Cloud_activity_by_accounts_unknown_to_identity_info(), data),
            Rows(data, "CloudAppEvents")
                .Where(c => c.T > Ago(Day) && c.B("IsAdminOperation") == true && !enabled.Contains(c.S("AccountObjectId")))
                .Select(c => new object?[] { c.T, c["AccountObjectId"], c["AccountDisplayName"], c["ActionType"], c["Application"] }),
            count: 3);
    }

    [Fact]
    public void Union_of_let_bound_detections()
    {
        SyntheticDataset data = With(("DeviceRegistryEvents", """
            [
              {"Timestamp": "2025-06-01T01:00:00Z", "DeviceName": "p1", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe", "RegistryValueName": "Debugger", "RegistryValueData": "cmd.exe"},
              {"Timestamp": "2025-06-01T02:00:00Z", "DeviceName": "p2", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\notepad.exe", "RegistryValueName": "GlobalFlag", "RegistryValueData": "512"},
              {"Timestamp": "2025-06-01T03:00:00Z", "DeviceName": "p3", "RegistryKey": "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa", "RegistryValueName": "Security Packages", "RegistryValueData": "kerberos msv1_0 evil"},
              {"Timestamp": "2025-06-01T04:00:00Z", "DeviceName": "p4", "RegistryKey": "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa", "RegistryValueName": "Notification Packages", "RegistryValueData": "scecli evil"},
              {"Timestamp": "2025-06-01T05:00:00Z", "DeviceName": "p5", "RegistryKey": "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa", "RegistryValueName": "security packages", "RegistryValueData": "x"},
              {"Timestamp": "2025-06-01T06:00:00Z", "DeviceName": "p6", "RegistryKey": "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\OSConfig", "RegistryValueName": "Security Packages", "RegistryValueData": "x"},
              {"Timestamp": "2025-06-01T07:00:00Z", "DeviceName": "p7", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\image file execution options\\utilman.exe", "RegistryValueName": "Debugger", "RegistryValueData": "cmd.exe"}
            ]
            """));
        var registry = Rows(data, "DeviceRegistryEvents").ToList();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Union_of_let_bound_detections(), data),
            registry.Where(r => Contains(r.S("RegistryKey"), @"\Image File Execution Options\") && r.S("RegistryValueName") == "Debugger")
                .Concat(registry.Where(r => EndsCi(r.S("RegistryKey"), @"\Control\Lsa") && r.S("RegistryValueName") is "Security Packages" or "Notification Packages"))
                .Select(r => new object?[] { r.T, r["DeviceName"], r["RegistryKey"], r["RegistryValueName"], r["RegistryValueData"] }),
            columns: ["Timestamp", "DeviceName", "RegistryKey", "RegistryValueName", "RegistryValueData"],
            count: 4);
    }

    [Fact]
    public void Let_built_on_another_let()
    {
        DateTime t = Now - TimeSpan.FromDays(2);
        var connections = new List<object>();
        void Add(string device, int count, string type = "Public", DateTime? at = null) =>
            connections.AddRange(Enumerable.Range(0, count).Select(i => new { Timestamp = at ?? t.AddSeconds(i), DeviceId = device, RemoteIPType = type }));
        Add("d1", 10_001);                                   // passes
        Add("d1", 50, type: "Private");
        Add("d2", 10_000);                                   // not above 10000
        Add("d2", 10, at: Now - TimeSpan.FromDays(8));
        Add("d3", 10_005);                                   // not in DeviceInfo
        SyntheticDataset data = With(
            ("DeviceNetworkEvents", Json(connections)),
            ("DeviceInfo", """
            [
              {"Timestamp": "2025-05-30T00:00:00Z", "DeviceId": "d1", "DeviceName": "old-name", "OSPlatform": "Windows10"},
              {"Timestamp": "2025-06-01T00:00:00Z", "DeviceId": "d1", "DeviceName": "new-name", "OSPlatform": "Windows11"},
              {"Timestamp": "2025-06-01T00:00:00Z", "DeviceId": "d2", "DeviceName": "two", "OSPlatform": "Linux"}
            ]
            """));
        var latest = Rows(data, "DeviceInfo").GroupBy(d => d.S("DeviceId")).Select(g => g.MaxBy(d => d.T)!).ToList();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Let_built_on_another_let(), data),
            Rows(data, "DeviceNetworkEvents")
                .Where(n => n.T > Ago(TimeSpan.FromDays(7)) && n.S("RemoteIPType") == "Public")
                .GroupBy(n => n.S("DeviceId"))
                .Select(g => (Device: g.Key, Events: (long)g.Count()))
                .Where(x => x.Events > 10_000)
                .SelectMany(x => latest.Where(d => d.S("DeviceId") == x.Device), (x, d) => new object?[] { x.Device, x.Events, d["DeviceName"], d["OSPlatform"] }),
            columns: ["DeviceId", "Events", "DeviceName", "OSPlatform"],
            count: 1);
    }

    [Fact]
    public void Mail_senders_also_seen_in_clicks()
    {
        SyntheticDataset data = With(
            ("UrlClickEvents", """
            [
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m1", "IsClickedThrough": true},
              {"Timestamp": "2025-06-02T10:01:00Z", "NetworkMessageId": "m1", "IsClickedThrough": true},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m2", "IsClickedThrough": true},
              {"Timestamp": "2025-06-02T10:01:00Z", "NetworkMessageId": "m2", "IsClickedThrough": false},
              {"Timestamp": "2025-06-02T10:02:00Z", "NetworkMessageId": "m2"},
              {"Timestamp": "2025-06-02T10:00:00Z", "NetworkMessageId": "m3", "IsClickedThrough": true},
              {"Timestamp": "2025-06-02T10:01:00Z", "NetworkMessageId": "m3", "IsClickedThrough": true},
              {"Timestamp": "2025-06-02T10:02:00Z", "NetworkMessageId": "m3", "IsClickedThrough": true}
            ]
            """),
            ("EmailEvents", """
            [
              {"Timestamp": "2025-06-02T09:00:00Z", "NetworkMessageId": "m1", "SenderFromAddress": "x@evil.example", "RecipientEmailAddress": "a@contoso.com", "Subject": "one"},
              {"Timestamp": "2025-06-02T09:00:00Z", "NetworkMessageId": "m1", "SenderFromAddress": "x@evil.example", "RecipientEmailAddress": "b@contoso.com", "Subject": "one"},
              {"Timestamp": "2025-06-02T09:00:00Z", "NetworkMessageId": "m2", "SenderFromAddress": "y@evil.example", "RecipientEmailAddress": "c@contoso.com", "Subject": "two"},
              {"Timestamp": "2025-05-20T09:00:00Z", "NetworkMessageId": "m3", "SenderFromAddress": "z@evil.example", "RecipientEmailAddress": "d@contoso.com", "Subject": "three"},
              {"Timestamp": "2025-06-02T09:00:00Z", "NetworkMessageId": "m4", "SenderFromAddress": "w@evil.example", "RecipientEmailAddress": "e@contoso.com", "Subject": "four"}
            ]
            """));
        var clicked = Rows(data, "UrlClickEvents").Where(c => c.B("IsClickedThrough") == true)
            .GroupBy(c => c.S("NetworkMessageId")).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        AssertSameRows(
            RunGolden(() => new LetAndUnionTests().Mail_senders_also_seen_in_clicks(), data),
            Rows(data, "EmailEvents")
                .Where(m => m.T > Ago(Day) && clicked.Contains(m.S("NetworkMessageId")))
                .Select(m => new object?[] { m.T, m["SenderFromAddress"], m["RecipientEmailAddress"], m["Subject"] }),
            count: 2);
    }
}
