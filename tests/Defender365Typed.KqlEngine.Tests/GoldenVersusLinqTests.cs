using System;
using System.Linq;
using System.Text.RegularExpressions;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// The key proof of the engine: golden typed queries (tests/Defender365Typed.Tests/Golden, the same builder code) are
/// rendered with <c>ToKql()</c>, evaluated on the synthetic dataset, and compared with a hand-written LINQ query over
/// the same rows. Every result is asserted non-empty so the comparison is not vacuous; where the synthetic tenant has no
/// rows for a query, the test replaces its tables with hand-built rows (<see cref="GoldenLinqTestBase.With"/>) on both
/// sides of each condition and also asserts the row count read off those rows. One test per golden query, of the same
/// name (<see cref="GoldenCoverageTests"/>); the partial files group them like the golden classes.
/// </summary>
public sealed partial class GoldenVersusLinqTests : GoldenLinqTestBase
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // ------------------------------------------------------------------ string filters

    [Fact]
    public void Encoded_powershell_commands() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Encoded_powershell_commands()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(7)))
            .Where(r => InCi(r.S("FileName"), "powershell.exe", "pwsh.exe", "powershell_ise.exe"))
            .Where(r => new[] { "-enc", "-EncodedCommand", "-ec" }.Any(t => Has(r.S("ProcessCommandLine"), t))
                || Regex.IsMatch(r.S("ProcessCommandLine"), @"(?i)\s-e(nc?|ncodedcommand)?\s+[A-Za-z0-9+/=]{40,}"))
            .OrderByDescending(r => r.T)
            .Take(200)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountName"], r["ProcessCommandLine"], r["InitiatingProcessFileName"] }),
        ordered: true,
        columns: ["Timestamp", "DeviceName", "AccountName", "ProcessCommandLine", "InitiatingProcessFileName"]);

    [Fact]
    public void Office_applications_spawning_script_hosts() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Office_applications_spawning_script_hosts()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T >= Ago(TimeSpan.FromDays(14)))
            .Where(r => InCi(r.S("InitiatingProcessFileName"), "winword.exe", "excel.exe", "powerpnt.exe", "outlook.exe")
                && new[] { "cmd.exe", "powershell.exe", "wscript.exe", "cscript.exe", "mshta.exe" }.Contains(r.S("FileName")))
            .Take(500)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["InitiatingProcessFileName"], r["FileName"], r["ProcessCommandLine"] }));

    [Fact]
    public void Lolbin_download_cradles() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Lolbin_download_cradles()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(3)))
            .Where(r =>
            {
                string f = r.S("FileName"), c = r.S("ProcessCommandLine");
                return (Ci(f, "certutil.exe") && Has(c, "urlcache") && Has(c, "split"))
                    || (Ci(f, "bitsadmin.exe") && Has(c, "transfer"))
                    || (Ci(f, "mshta.exe") && Contains(c, "http"))
                    || (f == "regsvr32.exe" && Has(c, "/i:") && Has(c, "scrobj.dll"));
            })
            .OrderByDescending(r => r.T)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountName"], r["FileName"], r["ProcessCommandLine"] }),
        ordered: true);

    [Fact]
    public void Rundll32_without_arguments() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Rundll32_without_arguments()),
        Rows("DeviceProcessEvents")
            .Where(r => Ci(r.S("FileName"), "rundll32.exe"))
            .Where(r => EndsCi(r.S("ProcessCommandLine"), "rundll32.exe") || EndsCi(r.S("ProcessCommandLine"), "rundll32.exe\""))
            .Where(r => !Ci(r.S("InitiatingProcessFileName"), "explorer.exe") && r.S("InitiatingProcessFileName") != "svchost.exe")
            .Select(r => new object?[] { r.T, r["DeviceName"], r["ProcessCommandLine"], r["InitiatingProcessFileName"], r["InitiatingProcessCommandLine"] }));

    [Fact]
    public void Credential_dumping_tool_markers_case_sensitive() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Credential_dumping_tool_markers_case_sensitive()),
        Rows("DeviceProcessEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(30)))
            .Where(r =>
            {
                string c = r.S("ProcessCommandLine");
                return Has(c, "sekurlsa", caseSensitive: true)
                    || c.Contains("Invoke-Mimikatz", StringComparison.Ordinal)
                    || c.Contains("lsadump::", StringComparison.Ordinal)
                    || (r.S("FileName").StartsWith("procdump", StringComparison.Ordinal) && Has(c, "lsass"))
                    || r.S("FolderPath").EndsWith(@"\Temp\mimi.exe", StringComparison.Ordinal);
            })
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountName"], r["FileName"], r["ProcessCommandLine"], r["SHA1"] }));

    [Fact]
    public void Shadow_copy_deletion() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Shadow_copy_deletion()),
        Rows("DeviceProcessEvents")
            .Where(r =>
            {
                string f = r.S("FileName"), c = r.S("ProcessCommandLine");
                return (Ci(f, "vssadmin.exe") && Has(c, "delete") && Has(c, "shadows"))
                    || (Ci(f, "wmic.exe") && Has(c, "shadowcopy") && Has(c, "delete"))
                    || (Ci(f, "wbadmin.exe") && Has(c, "delete") && Has(c, "catalog"));
            })
            .OrderByDescending(r => r.T)
            .Select(r => new object?[] { r.T, r["DeviceName"], r["AccountName"], r["ProcessCommandLine"], r["InitiatingProcessFileName"] }),
        ordered: true);

    [Fact]
    public void Ransomware_extensions_and_notes() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Ransomware_extensions_and_notes()),
        Rows("DeviceFileEvents")
            .Where(r => r.T > Ago(TimeSpan.FromHours(6)))
            .Where(r => r.S("ActionType") is "FileCreated" or "FileRenamed")
            .Where(r => HasSuffix(r.S("FileName"), "locked") || HasSuffix(r.S("FileName"), "crypt") || HasPrefix(r.S("FileName"), "README_DECRYPT")
                || StartsCi(r.S("FileName"), "HOW_TO_RECOVER"))
            .Where(r => r.S("PreviousFileName").Length > 0 || !StartsCi(r.S("FileName"), "~$"))
            .Select(r => new object?[] { r.T, r["DeviceName"], r["FolderPath"], r["FileName"], r["PreviousFileName"], r["InitiatingProcessFileName"] }));

    [Fact]
    public void Phishing_delivered_to_inbox() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Phishing_delivered_to_inbox()),
        Rows("EmailEvents")
            .Where(r => r.T > Ago(TimeSpan.FromDays(2)))
            .Where(r => r.S("EmailDirection") == "Inbound" && r.S("DeliveryAction") == "Delivered" && StartsCi(r.S("DeliveryLocation"), "Inbox"))
            .Where(r => Has(r.S("ThreatTypes"), "Phish") || new[] { "invoice", "password", "urgent", "DocuSign" }.Any(t => Has(r.S("Subject"), t)))
            .Where(r => !Ci(r.S("SenderFromDomain"), "contoso.com") && r.S("SenderIPv4").Length > 0)
            .Select(r => new object?[] { r.T, r["NetworkMessageId"], r["SenderFromAddress"], r["RecipientEmailAddress"], r["Subject"], r["ThreatTypes"] }));

    [Fact]
    public void Email_without_sender_ip() => AssertSameRows(
        RunGolden(() => new StringFilterTests().Email_without_sender_ip()),
        Rows("EmailEvents")
            .Where(r => r.S("SenderIPv4").Length == 0 && r.S("SenderIPv6").Length == 0)
            .Where(r => Contains(r.S("AuthenticationDetails"), "fail") || Contains(r.S("AuthenticationDetails"), "none"))
            .Take(100)
            .Select(r => new object?[] { r.T, r["SenderFromAddress"], r["SenderMailFromDomain"], r["AuthenticationDetails"] }));

    // ------------------------------------------------------------------ scalar filters

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

    // ------------------------------------------------------------------ projections

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

    // ------------------------------------------------------------------ ordering

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

    // ------------------------------------------------------------------ aggregation

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

    // ------------------------------------------------------------------ joins

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

    // ------------------------------------------------------------------ let, union, subqueries

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

    // ------------------------------------------------------------------ dynamic

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
}
