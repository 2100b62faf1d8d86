using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Golden summaries and orderings (AggregationTests, OrderingTests), the aggregates computed again in LINQ.</summary>
public sealed partial class GoldenVersusLinqTests
{
    [Fact]
    public void Device_inventory_sorted_by_platform_and_build() => AssertSameRows(
        RunGolden(() => new OrderingTests().Device_inventory_sorted_by_platform_and_build()),
        Rows("DeviceInfo")
            .GroupBy(r => r.S("DeviceId"))
            .Select(g => g.MaxBy(r => r.T)!)
            .Where(r => r.B("IsExcluded") == false && r.S("SensorHealthState") != "Inactive")
            .OrderBy(r => r.S("OSPlatform"), StringComparer.Ordinal)
            .ThenByDescending(r => r.L("OSBuild") ?? long.MinValue)
            .ThenBy(r => r.S("DeviceName"), StringComparer.Ordinal)
            .Select(r => new object?[] { r["DeviceName"], r["OSPlatform"], r["OSBuild"], r["OSVersion"], r["ExposureLevel"], r["IsInternetFacing"] }),
        ordered: true);

    [Fact]
    public void Oldest_windows_builds()
    {
        string[] rest = HuntingSchema.Columns("DeviceInfo").Select(c => c.Name).Where(n => n is not ("DeviceId" or "DeviceName" or "Timestamp")).ToArray();
        AssertSameRows(
            RunGolden(() => new OrderingTests().Oldest_windows_builds()),
            Rows("DeviceInfo")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)) && StartsCi(r.S("OSPlatform"), "Windows"))
                .GroupBy(r => (r.S("DeviceId"), r.S("DeviceName")))
                .Select(g => g.MaxBy(r => r.T)!)
                .OrderBy(r => r.L("OSBuild"))
                .Take(10)
                .Select(r => new object?[] { r["DeviceId"], r["DeviceName"], r.T }.Concat(rest.Select(c => r[c])).ToArray()),
            ordered: true,
            columns: ["DeviceId", "DeviceName", "Timestamp", .. rest]);
    }

    [Fact]
    public void Most_recent_alert_per_title() => AssertSameRows(
        RunGolden(() => new OrderingTests().Most_recent_alert_per_title()),
        Rows("AlertInfo")
            .Where(r => r.T > Ago(TimeSpan.FromDays(30)) && r.S("Severity") is "High" or "Medium")
            .GroupBy(r => r.S("Title"))
            .Select(g => g.MaxBy(r => r.T)!)
            .OrderByDescending(r => r.T)
            .ThenBy(r => r.S("Severity"), StringComparer.Ordinal)
            .Take(25)
            .Select(r => new object?[] { r["Title"], r.T, r["AlertId"], r["Category"], r["Severity"], r["ServiceSource"], r["DetectionSource"], r["AttackTechniques"] }),
        ordered: true,
        columns: ["Title", "Timestamp", "AlertId", "Category", "Severity", "ServiceSource", "DetectionSource", "AttackTechniques"]);

    [Fact]
    public void Count_of_phishing_mail_today() => AssertSameRows(
        RunGolden(() => new OrderingTests().Count_of_phishing_mail_today()),
        new[] { (long)Rows("EmailEvents").Count(r => r.T > Now.Date && Has(r.S("ThreatTypes"), "Phish")) }
            .Where(count => count > 0)
            .Select(count => new object?[] { count }),
        columns: ["Count"]);

    [Fact]
    public void First_seen_logon_per_account_and_device() => AssertSameRows(
        RunGolden(() => new OrderingTests().First_seen_logon_per_account_and_device()),
        Rows("DeviceLogonEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(30)) && r.S("ActionType") == "LogonSuccess")
            .GroupBy(r => (r.S("AccountSid"), r.S("DeviceId")))
            .Select(g => g.MinBy(r => r.T)!)
            .Where(r => r.T > Ago(Day))
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountDomain"], r["AccountName"], r["LogonType"], r["RemoteIP"] }));

    [Fact]
    public void Rdp_brute_force_followed_by_success() => AssertSameRows(
        RunGolden(() => new AggregationTests().Rdp_brute_force_followed_by_success()),
        Rows("DeviceLogonEvents")
            .Where(r => r.T > Ago(Day))
            .Where(r => r.S("LogonType") is "RemoteInteractive" or "Network" && r.S("RemoteIPType") == "Public")
            .Where(r => r.S("ActionType") is "LogonFailed" or "LogonSuccess")
            .GroupBy(r => (r.S("DeviceName"), r.S("RemoteIP"), Hour: new DateTime(r.T.Ticks - (r.T.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc)))
            .Select(g => new
            {
                g.Key,
                Failures = (long)g.Count(r => r.S("ActionType") == "LogonFailed"),
                Successes = (long)g.Count(r => r.S("ActionType") == "LogonSuccess"),
                Accounts = (long)g.Select(r => r.S("AccountName")).Distinct().Count(),
                First = g.Min(r => r.T),
                Last = g.Max(r => r.T),
            })
            .Where(x => x.Failures >= 20 && x.Successes > 0 && x.Last - x.First < TimeSpan.FromMinutes(30))
            .OrderByDescending(x => x.Failures)
            .Select(x => new object?[] { x.Key.Item1, x.Key.Item2, x.Key.Hour, x.Failures, x.Successes, x.Accounts, x.First, x.Last }),
        ordered: true,
        columns: ["DeviceName", "RemoteIP", "Hour", "Failures", "Successes", "Accounts", "FirstAttempt", "LastAttempt"]);

    [Fact]
    public void Rare_outbound_destinations() => AssertSameRows(
        RunGolden(() => new AggregationTests().Rare_outbound_destinations()),
        Rows("DeviceNetworkEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(30)))
            .Where(r => r.S("RemoteIPType") == "Public" && r.S("RemoteUrl").Length > 0 && r.S("ActionType") == "ConnectionSuccess")
            .GroupBy(r => r.S("RemoteUrl"))
            .Select(g => new object?[]
            {
                g.Key, (long)g.Select(r => r.S("DeviceId")).Distinct().Count(), (long)g.Count(), g.Min(r => r.T), g.Max(r => r.T),
                g.Select(r => (object?)r.S("InitiatingProcessFileName")).Distinct().Take(10).ToList(),
            })
            .Where(x => ((long)x[1]! <= 2 && (DateTime)x[3]! > Ago(Day)) || (DateTime)x[3]! == (DateTime)x[4]!)
            .OrderByDescending(x => (long)x[2]!)
            .Take(100),
        columns: ["RemoteUrl", "Devices", "Connections", "FirstSeen", "LastSeen", "Processes"]);

    [Fact]
    public void File_size_histogram() => AssertSameRows(
        RunGolden(() => new AggregationTests().File_size_histogram()),
        Rows("DeviceFileEvents")
            .Where(r => r.T > Ago(Day) && r.S("FolderPath").StartsWith(@"\\", StringComparison.OrdinalIgnoreCase))
            .GroupBy(r => (Bucket: Math.Floor(r.L("FileSize")!.Value / 10485760.0) * 10485760.0, Hour: new DateTime(r.T.Ticks - (r.T.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc)))
            .OrderBy(g => g.Key.Hour)
            .ThenBy(g => g.Key.Bucket)
            .Select(g => new object?[] { g.Key.Bucket, g.Key.Hour, (long)g.Count(), g.Sum(r => (double)r.L("FileSize")!.Value) }),
        ordered: true,
        columns: ["Bucket", "Hour", "Files", "Bytes"]);

    [Fact]
    public void Network_totals_without_grouping()
    {
        var rows = Rows("DeviceNetworkEvents").Where(r => r.T > Ago(TimeSpan.FromHours(1))).ToList();
        AssertSameRows(
            RunGolden(() => new AggregationTests().Network_totals_without_grouping()),
            [[
                (long)rows.Count, (long)rows.Select(r => r.S("DeviceId")).Distinct().Count(), (long)rows.Select(r => r.S("RemoteIP")).Distinct().Count(),
                (long)rows.Where(r => r.I("RemotePort") is not null).Select(r => r.I("RemotePort")).Distinct().Count(),
            ]],
            columns: ["Connections", "Devices", "Destinations", "Ports"]);
        Assert.NotEmpty(rows);
    }

    [Fact]
    public void Identity_session_durations() => AssertSameRows(
        RunGolden(() => new AggregationTests().Identity_session_durations()),
        Rows("IdentityLogonEvents")
            .Where(r => r.T > Ago(Day) && r.S("ActionType") == "LogonSuccess")
            .GroupBy(r => (r.S("AccountUpn"), r.S("IPAddress")))
            .Select(g => (g.Key, First: g.Min(r => r.T), Last: g.Max(r => r.T), Logons: (long)g.Count()))
            .Select(x => (x.Key, x.First, x.Last, x.Logons, Duration: x.Last - x.First))
            .Where(x => x.Duration >= TimeSpan.FromHours(1) && x.Duration <= TimeSpan.FromHours(12) && x.Duration / TimeSpan.FromMinutes(1) > 90.0)
            .Select(x => (x.Key, x.First, x.Last, x.Logons, x.Duration, Padded: TimeSpan.FromTicks((long)(x.Duration.Ticks * 1.5)) + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(30)))
            .Where(x => x.Padded != TimeSpan.Zero && x.Padded <= Day && x.Padded > TimeSpan.FromMilliseconds(1500))
            .Where(x => x.First != x.Last && x.First >= x.Last - Day && x.Duration != x.Padded && x.Duration < x.Padded && x.Duration.Ticks >= 15)
            .Select(x => new object?[] { x.Key.Item1, x.Key.Item2, x.First, x.Last, x.Logons, x.Duration, x.Padded }),
        columns: ["AccountUpn", "IPAddress", "First", "Last", "Logons", "Duration", "Padded"]);

    [Fact]
    public void Earliest_event_of_the_whole_table()
    {
        SyntheticDataset data = With(("DeviceEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "p1", "ActionType": "AntivirusDetection", "FileName": "second.exe"},
              {"Timestamp": "2025-05-31T10:00:00Z", "DeviceName": "p2", "ActionType": "AntivirusDetection", "FileName": "first.exe", "ProcessId": 7},
              {"Timestamp": "2025-05-30T10:00:00Z", "DeviceName": "p3", "ActionType": "AntivirusReport", "FileName": "earlier-but-other.exe"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "p4", "ActionType": "AntivirusDetection", "FileName": "third.exe"}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new OrderingTests().Earliest_event_of_the_whole_table(), data),
            [Rows(data, "DeviceEvents").Where(r => r.S("ActionType") == "AntivirusDetection").MinBy(r => r.T)!.Values],
            columns: HuntingSchema.Columns("DeviceEvents").Select(c => c.Name).ToArray(),
            count: 1);
    }

    [Fact]
    public void Sample_of_recent_vulnerable_software()
    {
        SyntheticDataset data = With(("DeviceTvmSoftwareVulnerabilities", """
            [
              {"DeviceName": "p1", "SoftwareVendor": "microsoft", "SoftwareName": "windows_10", "CveId": "CVE-2024-21412", "VulnerabilitySeverityLevel": "Critical"},
              {"DeviceName": "p1", "SoftwareVendor": "microsoft", "SoftwareName": "windows_10", "CveId": "CVE-2024-30088", "VulnerabilitySeverityLevel": "High"},
              {"DeviceName": "p2", "SoftwareVendor": "microsoft", "SoftwareName": "edge", "CveId": "CVE-2024-4671", "VulnerabilitySeverityLevel": "High"},
              {"DeviceName": "p2", "SoftwareVendor": "google", "SoftwareName": "chrome", "CveId": "CVE-2024-0519", "VulnerabilitySeverityLevel": "Critical"},
              {"DeviceName": "p2", "SoftwareVendor": "google", "SoftwareName": "chrome", "CveId": "CVE-2023-7024", "VulnerabilitySeverityLevel": "Critical"},
              {"DeviceName": "p3", "SoftwareVendor": "adobe", "SoftwareName": "reader", "CveId": "CVE-2024-1", "VulnerabilitySeverityLevel": "Medium"},
              {"DeviceName": "p3", "SoftwareVendor": "adobe", "SoftwareName": "reader", "CveId": "cve-2024-41869", "VulnerabilitySeverityLevel": "Critical"},
              {"DeviceName": "p3", "SoftwareVendor": "adobe", "SoftwareName": "reader", "CveId": "CVE-2024-41870", "VulnerabilitySeverityLevel": "critical"}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new OrderingTests().Sample_of_recent_vulnerable_software(), data),
            Rows(data, "DeviceTvmSoftwareVulnerabilities")
                .Where(r => r.S("VulnerabilitySeverityLevel") is "Critical" or "High" && StartsCi(r.S("CveId"), "CVE-2024-"))
                .OrderBy(r => r.S("SoftwareVendor"), StringComparer.Ordinal)
                .ThenBy(r => r.S("SoftwareName"), StringComparer.Ordinal)
                .ThenByDescending(r => r.S("CveId"), StringComparer.Ordinal)
                .Take(1000)
                .Select(r => r.Values),
            ordered: true,
            count: 5);
    }

    [Fact]
    public void Attachment_volume_per_recipient()
    {
        DateTime t = Now - TimeSpan.FromDays(1);
        var rows = new List<object>();
        rows.AddRange(Enumerable.Range(0, 6).Select(i => new { Timestamp = t.AddMinutes(i), RecipientEmailAddress = "a@contoso.com", SenderFromAddress = "s1@x.example", FileName = $"a{i}.zip", FileType = "zip", FileSize = 1000 + i }));
        rows.Add(new { Timestamp = t, RecipientEmailAddress = "b@contoso.com", SenderFromAddress = "s2@x.example", FileName = "big.iso", FileType = "ISO", FileSize = 6_000_000 });
        rows.Add(new { Timestamp = t.AddMinutes(1), RecipientEmailAddress = "b@contoso.com", SenderFromAddress = "s2@x.example", FileName = "big2.iso", FileType = "iso", FileSize = 5_000_000 });
        rows.AddRange(Enumerable.Range(0, 3).Select(i => new { Timestamp = t.AddMinutes(i), RecipientEmailAddress = "c@contoso.com", SenderFromAddress = "s3@x.example", FileName = $"c{i}.html", FileType = "html", FileSize = 2_000_000 }));
        rows.AddRange(Enumerable.Range(0, 2).Select(i => new { Timestamp = t.AddMinutes(i), RecipientEmailAddress = "d@contoso.com", SenderFromAddress = "s4@x.example", FileName = $"d{i}.lnk", FileType = "lnk", FileSize = 100 }));
        rows.AddRange(Enumerable.Range(0, 9).Select(i => new { Timestamp = t.AddMinutes(i), RecipientEmailAddress = "e@contoso.com", SenderFromAddress = "s5@x.example", FileName = $"e{i}.pdf", FileType = "pdf", FileSize = 9_000_000 }));
        rows.AddRange(Enumerable.Range(0, 9).Select(i => new { Timestamp = Now - TimeSpan.FromDays(8), RecipientEmailAddress = "d@contoso.com", SenderFromAddress = "s4@x.example", FileName = $"old{i}.zip", FileType = "zip", FileSize = 9_000_000 }));
        SyntheticDataset data = With(("EmailAttachmentInfo", Json(rows)));
        AssertSameRows(
            RunGolden(() => new AggregationTests().Attachment_volume_per_recipient(), data),
            Rows(data, "EmailAttachmentInfo")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)) && InCi(r.S("FileType"), "zip", "iso", "img", "html", "lnk"))
                .GroupBy(r => r.S("RecipientEmailAddress"))
                .Select(g => new
                {
                    Recipient = g.Key,
                    Attachments = (long)g.Count(),
                    Total = g.Sum(r => r.L("FileSize")!.Value),
                    Average = g.Average(r => (double)r.L("FileSize")!.Value),
                    Largest = g.Max(r => r.L("FileSize")!.Value),
                    Smallest = g.Min(r => r.L("FileSize")!.Value),
                    Sender = g.Select(r => r.S("SenderFromAddress")).Distinct().Single(),
                    Names = g.Select(r => (object?)r.S("FileName")).Take(50).ToList(),
                    Types = g.Select(r => (object?)r.S("FileType")).Distinct().ToList(),
                })
                .Where(x => x.Attachments > 5 || x.Average > 5_000_000.0 || x.Total > x.Attachments * 1_000_000)
                .OrderByDescending(x => x.Total)
                .Select(x => new object?[] { x.Recipient, x.Attachments, x.Total, x.Average, x.Largest, x.Smallest, x.Sender, x.Names, x.Types }),
            ordered: true,
            columns: ["RecipientEmailAddress", "Attachments", "TotalBytes", "AverageBytes", "Largest", "Smallest", "Sender", "FileNames", "FileTypes"],
            count: 3);
    }

    [Fact]
    public void Bulk_mail_volume_per_sender_domain()
    {
        DateTime t = Now - TimeSpan.FromHours(3);
        var rows = new List<object>();
        void Add(string domain, int messages, int recipients, Func<int, int> bulk, string direction = "Inbound", DateTime? at = null) =>
            rows.AddRange(Enumerable.Range(0, messages).Select(i => new
            {
                Timestamp = at ?? t.AddSeconds(i),
                SenderFromDomain = domain,
                RecipientEmailAddress = $"user{i % recipients}@contoso.com",
                EmailDirection = direction,
                BulkComplaintLevel = bulk(i),
                AttachmentCount = i % 3,
                UrlCount = i % 5,
            }));
        Add("bulk.example", 120, 100, _ => 5);               // band 3: passes
        Add("bulk.example", 150, 80, i => 6 + (i % 2));      // band 6, average 6.5: passes
        Add("spam.example", 110, 110, _ => 9);               // average 9: fails
        Add("few.example", 50, 50, _ => 5);                  // too few messages
        Add("news.example", 101, 50, _ => 4);                // 50 recipients * 2 is not above 101
        Add("out.example", 130, 130, _ => 5, direction: "Outbound");
        Add("old.example", 130, 130, _ => 5, at: Now - TimeSpan.FromDays(2));
        SyntheticDataset data = With(("EmailEvents", Json(rows)));
        AssertSameRows(
            RunGolden(() => new AggregationTests().Bulk_mail_volume_per_sender_domain(), data),
            Rows(data, "EmailEvents")
                .Where(r => r.T > Ago(Day) && r.S("EmailDirection") == "Inbound")
                .GroupBy(r => (r.S("SenderFromDomain"), Band: Math.Floor(r.I("BulkComplaintLevel")!.Value / 3.0) * 3.0))
                .Select(g => new
                {
                    g.Key,
                    Messages = (long)g.Count(),
                    Attachments = (long)g.Sum(r => r.I("AttachmentCount")!.Value),
                    Urls = (long)g.Sum(r => r.I("UrlCount")!.Value),
                    Bulk = g.Average(r => (double)r.I("BulkComplaintLevel")!.Value),
                    Recipients = (long)g.Select(r => r.S("RecipientEmailAddress")).Distinct().Count(),
                })
                .Where(x => x.Messages > 100 && x.Bulk is >= 4.0 and <= 7.0 && x.Recipients * 2 > x.Messages)
                .OrderByDescending(x => x.Messages)
                .Take(20)
                .Select(x => new object?[] { x.Key.Item1, x.Key.Band, x.Messages, x.Attachments, x.Urls, x.Bulk, x.Recipients }),
            ordered: true,
            columns: ["SenderFromDomain", "BulkBand", "Messages", "Attachments", "Urls", "AverageBulk", "Recipients"],
            count: 2);
    }

    [Fact]
    public void Weighted_alert_score_per_detection_source()
    {
        DateTime t = Now - TimeSpan.FromDays(1);
        var rows = new List<object>();
        void Add(string source, int count, string severity, DateTime? at = null) =>
            rows.AddRange(Enumerable.Range(0, count).Select(i => new { Timestamp = at ?? t.AddMinutes(i), AlertId = $"{source}-{severity}-{i}", DetectionSource = source, Severity = severity }));
        Add("EDR", 4, "High");                 // 14.0, highest 3.5, percent 5.6: passes
        Add("Antivirus", 9, "Medium");         // 11.25, highest 1.25, percent 4.5: passes
        Add("MDO", 20, "Low");                 // 10.0 is not above 10
        Add("SmartScreen", 30, "Informational"); // 15.0 but highest 0.5
        Add("Custom", 3, "High");              // 11.0, highest 3.5, percent 4.4: every last condition fails
        Add("Custom", 1, "Low");
        Add("Cloud", 40, "High");              // 140 is between 100 and 200
        Add("EDR", 30, "High", at: Now - TimeSpan.FromDays(8));
        SyntheticDataset data = With(("AlertInfo", Json(rows)));
        AssertSameRows(
            RunGolden(() => new AggregationTests().Weighted_alert_score_per_detection_source(), data),
            Rows(data, "AlertInfo")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)))
                .Select(r => (Row: r, Weight: r.S("Severity") == "High" ? 3.5m : r.S("Severity") == "Medium" ? 1.25m : 0.5m))
                .GroupBy(x => x.Row.S("DetectionSource"))
                .Select(g => (Source: g.Key, Score: g.Sum(x => x.Weight), Alerts: (long)g.Count(), Highest: g.Max(x => x.Weight)))
                .Where(x => x.Score > 10m && x.Score is not (>= 100m and <= 200m) && x.Highest is 3.5m or 1.25m && x.Highest != 0m)
                .Select(x => (x.Source, x.Score, x.Alerts, x.Highest, Percent: x.Score * 100m / 250m))
                .Where(x => x.Percent - x.Highest >= 1.5m || x.Highest is >= 0m and <= 1m || x.Percent % 2m == -x.Highest + 0.25m)
                .OrderByDescending(x => x.Score)
                .Select(x => new object?[] { x.Source, x.Score, x.Alerts, x.Highest, x.Percent }),
            ordered: true,
            columns: ["DetectionSource", "Score", "Alerts", "Highest", "Percent"],
            count: 2);
    }

    [Fact]
    public void Mass_download_by_one_account()
    {
        DateTime window = new(2025, 6, 2, 10, 0, 0, DateTimeKind.Utc);
        var rows = new List<object>();
        void Add(string account, int downloads, int files, string[] ips, DateTime start, string action = "FileDownloaded") =>
            rows.AddRange(Enumerable.Range(0, downloads).Select(i => new
            {
                Timestamp = start.AddSeconds(i % 840),
                ActionType = i % 4 == 0 && action == "FileDownloaded" ? "FileSyncDownloadedFull" : action,
                AccountObjectId = account,
                ObjectName = $"doc{i % files}.docx",
                IPAddress = ips[i % ips.Length],
                Application = "Microsoft SharePoint Online",
                DeviceType = i % 5 == 0 ? "" : "Desktop",
                IsAnonymousProxy = i % 7 == 0 ? true : i % 7 == 1 ? (bool?)null : false,
            }));
        Add("acct-a", 250, 210, ["203.0.113.1", "203.0.113.2"], window);            // passes
        Add("acct-a", 10, 10, ["203.0.113.1", "203.0.113.2"], window.AddMinutes(15)); // next window: too few files
        Add("acct-b", 300, 150, ["203.0.113.3", "203.0.113.4"], window);            // 150 files
        Add("acct-c", 250, 250, ["203.0.113.5"], window);                            // one IP
        Add("acct-d", 250, 250, ["203.0.113.6", "203.0.113.7"], window, action: "FileUploaded");
        SyntheticDataset data = With(("CloudAppEvents", Json(rows)));
        AssertSameRows(
            RunGolden(() => new AggregationTests().Mass_download_by_one_account(), data),
            Rows(data, "CloudAppEvents")
                .Where(r => r.T > Ago(Day) && r.S("ActionType") is "FileDownloaded" or "FileSyncDownloadedFull")
                .GroupBy(r => (r.S("AccountObjectId"), Window: new DateTime(r.T.Ticks - (r.T.Ticks % TimeSpan.FromMinutes(15).Ticks), DateTimeKind.Utc)))
                .Select(g => new
                {
                    g.Key,
                    Downloads = (long)g.Count(),
                    Files = (long)g.Select(r => r.S("ObjectName")).Distinct().Count(),
                    Unmanaged = (long)g.Count(r => r.S("DeviceType").Length == 0 || r.B("IsAnonymousProxy") == true),
                    Ips = g.Select(r => (object?)r.S("IPAddress")).Distinct().ToList(),
                    Application = g.Select(r => r.S("Application")).Distinct().Single(),
                })
                .Where(x => x.Files > 200 && x.Ips.Count > 1)
                .Select(x => new object?[] { x.Key.Item1, x.Key.Window, x.Downloads, x.Files, x.Unmanaged, x.Ips, x.Application }),
            columns: ["AccountObjectId", "Window", "Downloads", "Files", "FromUnmanaged", "Ips", "Application"],
            count: 1);
    }
}
