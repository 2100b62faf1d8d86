using System;
using System.Linq;
using System.Text.RegularExpressions;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Golden string filters (StringFilterTests): every string operator, on both sides of each term.</summary>
public sealed partial class GoldenVersusLinqTests
{
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

    [Fact]
    public void Unexpected_dll_loads_outside_system_folders()
    {
        SyntheticDataset data = With(("DeviceImageLoadEvents", """
            [
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc1", "FileName": "evil.dll", "FolderPath": "C:\\Users\\bob\\AppData\\Local\\Temp\\evil.dll", "InitiatingProcessFileName": "rundll32.exe", "SHA1": "s1"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc1", "FileName": "api-ms-win-core-file.dll", "FolderPath": "C:\\Users\\bob\\a.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s2"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc1", "FileName": "app.resources.dll", "FolderPath": "C:\\Users\\bob\\b.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s3"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc1", "FileName": "a.dll", "FolderPath": "c:\\windows\\system32\\a.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s4"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc2", "FileName": "t.dll", "FolderPath": "C:\\Users\\bob\\AppData\\Local\\microsoft\\teams\\t.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s5"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc2", "FileName": "t.dll", "FolderPath": "C:\\Users\\bob\\AppData\\Local\\Microsoft\\Teams\\t.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s6"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc2", "FileName": "s.dll", "FolderPath": "D:\\tools\\s.dll", "InitiatingProcessFileName": "svchost.EXE", "SHA1": "s7"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc2", "FileName": "m.dll", "FolderPath": "D:\\tools\\m.dll", "InitiatingProcessFileName": "x.exe", "InitiatingProcessVersionInfoCompanyName": "Microsoft Corporation", "SHA1": "s8"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "o.dll", "FolderPath": "D:\\tools\\o.dll", "InitiatingProcessFileName": "OneDriveSetup.exe", "SHA1": "s9"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "o.dll", "FolderPath": "D:\\tools\\o.dll", "InitiatingProcessFileName": "OneDrive.exe", "SHA1": "s10"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "CLR.dll", "FolderPath": "D:\\tools\\CLR.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s11"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "mscoree.dll", "FolderPath": "D:\\tools\\mscoree.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s12"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "loader_x64.dll", "FolderPath": "D:\\tools\\loader_x64.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s13"},
              {"Timestamp": "2025-05-30T10:00:00Z", "DeviceName": "pc3", "FileName": "old.dll", "FolderPath": "D:\\tools\\old.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s14"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "w.dll", "FolderPath": "D:\\winsxs\\w.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s15"},
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc3", "FileName": "p.dll", "FolderPath": "C:\\Program Files (x86)\\p.dll", "InitiatingProcessFileName": "x.exe", "SHA1": "s16"}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new StringFilterTests().Unexpected_dll_loads_outside_system_folders(), data),
            Rows(data, "DeviceImageLoadEvents")
                .Where(r => r.T > Ago(Day))
                .Where(r => EndsCi(r.S("FileName"), ".dll") && !HasPrefix(r.S("FileName"), "api-ms-win") && !EndsCi(r.S("FileName"), ".resources.dll"))
                .Where(r =>
                {
                    string path = r.S("FolderPath");
                    return !StartsCi(path, @"C:\Windows\") && !StartsCi(path, @"C:\Program Files") && !Contains(path, @"\WinSxS\")
                        && !path.Contains(@"\Microsoft\Teams\", StringComparison.Ordinal);
                })
                .Where(r => !InCi(r.S("InitiatingProcessFileName"), "MsMpEng.exe", "svchost.exe", "SearchIndexer.exe")
                    && !Has(r.S("InitiatingProcessVersionInfoCompanyName"), "Microsoft")
                    && !Has(r.S("InitiatingProcessFileName"), "OneDrive", caseSensitive: true)
                    && r.S("FileName") is not ("mscoree.dll" or "clr.dll")
                    && !HasSuffix(r.S("FileName"), "_x64"))
                .Select(r => new object?[] { r.T, r["DeviceName"], r["FileName"], r["FolderPath"], r["InitiatingProcessFileName"], r["SHA1"] }),
            count: 4);
    }

    [Fact]
    public void Run_key_persistence()
    {
        SyntheticDataset data = With(("DeviceRegistryEvents", """
            [
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc1", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "RegistryValueName": "upd", "RegistryValueData": "powershell -w hidden -c iex", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc1", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce", "RegistryValueName": "once", "RegistryValueData": "C:\\Users\\Public\\x.exe", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc1", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunServices", "RegistryValueName": "svc", "RegistryValueData": "powershell", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc2", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\winlogon", "RegistryValueName": "Userinit", "RegistryValueData": "C:\\ProgramData\\evil.exe", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc2", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon", "RegistryValueName": "Shell", "RegistryValueData": "explorer.exe, C:\\Users\\bob\\AppData\\Roaming\\x.exe", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc3", "ActionType": "RegistryValueDeleted", "RegistryKey": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "RegistryValueName": "gone", "RegistryValueData": "mshta http://x", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-05-01T10:00:00Z", "DeviceName": "pc3", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "RegistryValueName": "old", "RegistryValueData": "mshta http://x", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc3", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "RegistryValueName": "mshta", "RegistryValueData": "MSHTA.exe vbscript:x", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc3", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "RegistryValueName": "r", "RegistryValueData": "rundll32x.exe", "InitiatingProcessFileName": "reg.exe"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "pc3", "ActionType": "RegistryValueSet", "RegistryKey": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "RegistryValueName": "empty", "InitiatingProcessFileName": "reg.exe"}
            ]
            """));
        string[] terms = ["powershell", "mshta", "rundll32", @"\AppData\", @"\Users\Public\"];
        AssertSameRows(
            RunGolden(() => new StringFilterTests().Run_key_persistence(), data),
            Rows(data, "DeviceRegistryEvents")
                .Where(r => r.T > Ago(TimeSpan.FromDays(7)) && r.S("ActionType") == "RegistryValueSet")
                .Where(r => Has(r.S("RegistryKey"), @"\Microsoft\Windows\CurrentVersion\Run") || EndsCi(r.S("RegistryKey"), @"\CurrentVersion\RunOnce")
                    || Contains(r.S("RegistryKey"), @"\Winlogon"))
                .Where(r => terms.Any(t => Has(r.S("RegistryValueData"), t)) && r.S("RegistryValueData").Length > 0)
                .Select(r => new object?[] { r.T, r["DeviceName"], r["RegistryKey"], r["RegistryValueName"], r["RegistryValueData"], r["InitiatingProcessFileName"] }),
            count: 4);
    }

    [Fact]
    public void Adversarial_string_values_stay_literals()
    {
        // Every value of the golden query is a literal: quotes, KQL syntax, backslashes, control characters and emoji
        // must match themselves (p6 only through the NUL of "nul\u0000byte", which the query writes as a \u escape).
        // The last five rows each miss exactly one condition.
        SyntheticDataset data = With(("DeviceProcessEvents", """
            [
              {"Timestamp": "2025-06-01T01:00:00Z", "DeviceName": "p1", "AccountName": "' or 1==1 --", "ProcessCommandLine": "\"C:\\Windows\\cmd.exe\" /c echo \" | take 1 // it's done"},
              {"Timestamp": "2025-06-01T02:00:00Z", "DeviceName": "p2", "AccountName": "svc", "FolderPath": "C:\\Temp\\new\nline\r\n", "ProcessCommandLine": "C:\\x\\tool.exe /c copy \\\\server\\share\\a\" | TAKE 1 //"},
              {"Timestamp": "2025-06-01T03:00:00Z", "DeviceName": "p3", "AccountName": "é✓😀", "ProcessCommandLine": "D:\\a.exe /c say \"hi\" \" | take 1 //"},
              {"Timestamp": "2025-06-01T04:00:00Z", "DeviceName": "p4", "AccountName": "' or 1==1 --", "ProcessCommandLine": "E:\\a.exe /c tab\there \" | take 1 //"},
              {"Timestamp": "2025-06-01T05:00:00Z", "DeviceName": "p5", "AccountName": "\"; drop", "ProcessCommandLine": "F:\\a.exe /c dir C:\\Users\\Public\\ \" | take 1 //"},
              {"Timestamp": "2025-06-01T05:30:00Z", "DeviceName": "p6", "AccountName": "nul\u0000byte", "ProcessCommandLine": "G:\\a.exe /c it's \" | take 1 //"},
              {"Timestamp": "2025-06-01T06:00:00Z", "DeviceName": "f1", "AccountName": "' or 1==1 -", "FolderPath": "C:\\Temp", "ProcessCommandLine": "\"C:\\Windows\\cmd.exe\" /c echo \" | take 1 // it's done"},
              {"Timestamp": "2025-06-01T07:00:00Z", "DeviceName": "f2", "AccountName": "' or 1==1 --", "ProcessCommandLine": "C:\\a.exe /c it's | take 1 //"},
              {"Timestamp": "2025-06-01T08:00:00Z", "DeviceName": "f3", "AccountName": "' or 1==1 --", "ProcessCommandLine": "cmd /c it's \" | take 1 //"},
              {"Timestamp": "2025-06-01T09:00:00Z", "DeviceName": "f4", "AccountName": "svc", "FolderPath": "C:\\Temp\\new\nline\n", "ProcessCommandLine": "C:\\a.exe /c it's \" | take 1 //"},
              {"Timestamp": "2025-06-01T10:00:00Z", "DeviceName": "f5", "AccountName": "' or 1==1 --", "ProcessCommandLine": "C:\\a.exe /c its \" | take 1 //"}
            ]
            """));
        string[] terms = ["it's", "say \"hi\"", @"C:\Users\Public\", "tab\there", @"\\server\share"];
        string[] accounts = ["' or 1==1 --", "\"; drop", "é✓😀", "nul\0byte"];
        AssertSameRows(
            RunGolden(() => new StringFilterTests().Adversarial_string_values_stay_literals(), data),
            Rows(data, "DeviceProcessEvents")
                .Where(r => Contains(r.S("ProcessCommandLine"), "\" | take 1 //"))
                .Where(r => terms.Any(t => Has(r.S("ProcessCommandLine"), t)))
                .Where(r => r.S("FolderPath") == "C:\\Temp\\new\nline\r\n" || accounts.Contains(r.S("AccountName")))
                .Where(r => Regex.IsMatch(r.S("ProcessCommandLine"), @"^""?[A-Z]:\\[^""]+""?\s+/c\s"))
                .Select(r => new object?[] { r.T, r["DeviceName"], r["ProcessCommandLine"] }),
            columns: ["Timestamp", "DeviceName", "ProcessCommandLine"],
            count: 6);
    }

    [Fact]
    public void Adversarial_values_in_every_string_operator()
    {
        // f6 holds the right-to-left mark of "\u202egnp.exe" (a \u escape in the query) and must be excluded by it;
        // p3's gnp.exe without the mark must not be.
        SyntheticDataset data = With(("DeviceFileEvents", """
            [
              {"Timestamp": "2025-06-01T01:00:00Z", "DeviceName": "p1", "FileName": "a\"b\\", "FolderPath": "x\ny\\z", "InitiatingProcessCommandLine": "'"},
              {"Timestamp": "2025-06-01T02:00:00Z", "DeviceName": "p2", "FileName": "A\"B.txt\\", "FolderPath": "C:\\x\ny", "InitiatingProcessCommandLine": "['X']"},
              {"Timestamp": "2025-06-01T03:00:00Z", "DeviceName": "p3", "FileName": "a\"b\\", "FolderPath": "x\ny", "FileOriginUrl": "http://a/gnp.exe", "InitiatingProcessCommandLine": "\t"},
              {"Timestamp": "2025-06-01T04:00:00Z", "DeviceName": "f1", "FileName": "a\"b\\", "FolderPath": "*/ | WHERE TRUE //", "InitiatingProcessCommandLine": "'"},
              {"Timestamp": "2025-06-01T06:00:00Z", "DeviceName": "f3", "FileName": "a\"b\\", "FolderPath": "x\ny", "InitiatingProcessCommandLine": "x"},
              {"Timestamp": "2025-06-01T07:00:00Z", "DeviceName": "f4", "FileName": "a\"b\\", "FolderPath": "ax\ny", "InitiatingProcessCommandLine": "]"},
              {"Timestamp": "2025-06-01T08:00:00Z", "DeviceName": "f5", "FileName": "a\"b", "FolderPath": "x\ny", "InitiatingProcessCommandLine": "\\'"},
              {"Timestamp": "2025-06-01T09:00:00Z", "DeviceName": "f6", "FileName": "a\"b\\", "FolderPath": "x\ny", "FileOriginUrl": "\u202egnp.exe", "InitiatingProcessCommandLine": "'"}
            ]
            """));
        AssertSameRows(
            RunGolden(() => new StringFilterTests().Adversarial_values_in_every_string_operator(), data),
            Rows(data, "DeviceFileEvents")
                .Where(r => StartsCi(r.S("FileName"), "a\"b") && EndsCi(r.S("FileName"), "\\") && HasPrefix(r.S("FolderPath"), "x\ny")
                    && !Ci(r.S("FolderPath"), "*/ | where true //") && !Has(r.S("FileOriginUrl"), "\u202egnp.exe")
                    && InCi(r.S("InitiatingProcessCommandLine"), "\t", "'", "\\'", "]", "['x']"))
                .Select(r => r.Values),
            count: 3);
    }
}
