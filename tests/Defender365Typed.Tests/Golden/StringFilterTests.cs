using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about <c>where</c> with the string operators.</summary>
public sealed class StringFilterTests : GoldenQueryTests
{
    [Fact]
    public void Encoded_powershell_commands() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.FileName.InIgnoreCase("powershell.exe", "pwsh.exe", "powershell_ise.exe"))
            .Where(e => e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand", "-ec")
                || e.ProcessCommandLine.MatchesRegex(@"(?i)\s-e(nc?|ncodedcommand)?\s+[A-Za-z0-9+/=]{40,}"))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.ProcessCommandLine, e.InitiatingProcessFileName])
            .OrderByDescending(e => e.Timestamp)
            .Take(200));

    [Fact]
    public void Office_applications_spawning_script_hosts() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp >= Kql.Ago(TimeSpan.FromDays(14)))
            .Where(e => e.InitiatingProcessFileName.InIgnoreCase("winword.exe", "excel.exe", "powerpnt.exe", "outlook.exe")
                && e.FileName.In("cmd.exe", "powershell.exe", "wscript.exe", "cscript.exe", "mshta.exe"))
            .Project(e => [e.Timestamp, e.DeviceName, e.InitiatingProcessFileName, e.FileName, e.ProcessCommandLine])
            .Limit(500));

    [Fact]
    public void Lolbin_download_cradles() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(3)))
            .Where(e => (e.FileName.EqualsIgnoreCase("certutil.exe") & e.ProcessCommandLine.HasAll("urlcache", "split"))
                | (e.FileName.EqualsIgnoreCase("bitsadmin.exe") & e.ProcessCommandLine.Has("transfer"))
                | (e.FileName.EqualsIgnoreCase("mshta.exe") & e.ProcessCommandLine.Contains("http"))
                | (e.FileName == "regsvr32.exe" & e.ProcessCommandLine.HasAll("/i:", "scrobj.dll")))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.FileName, e.ProcessCommandLine])
            .OrderByDescending(e => e.Timestamp));

    [Fact]
    public void Rundll32_without_arguments() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("rundll32.exe"))
            .Where(e => e.ProcessCommandLine.EndsWith("rundll32.exe") | e.ProcessCommandLine.EndsWith("rundll32.exe\""))
            .Where(e => e.InitiatingProcessFileName.NotEqualsIgnoreCase("explorer.exe") & e.InitiatingProcessFileName != "svchost.exe")
            .Project(e => [e.Timestamp, e.DeviceName, e.ProcessCommandLine, e.InitiatingProcessFileName, e.InitiatingProcessCommandLine]));

    [Fact]
    public void Credential_dumping_tool_markers_case_sensitive() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(30)))
            .Where(e => e.ProcessCommandLine.HasCs("sekurlsa")
                | e.ProcessCommandLine.ContainsCs("Invoke-Mimikatz")
                | e.ProcessCommandLine.ContainsCs("lsadump::")
                | (e.FileName.StartsWithCs("procdump") & e.ProcessCommandLine.Has("lsass"))
                | e.FolderPath.EndsWithCs(@"\Temp\mimi.exe"))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.FileName, e.ProcessCommandLine, e.SHA1]));

    [Fact]
    public void Shadow_copy_deletion() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => (e.FileName.EqualsIgnoreCase("vssadmin.exe") & e.ProcessCommandLine.HasAll("delete", "shadows"))
                | (e.FileName.EqualsIgnoreCase("wmic.exe") & e.ProcessCommandLine.HasAll("shadowcopy", "delete"))
                | (e.FileName.EqualsIgnoreCase("wbadmin.exe") & e.ProcessCommandLine.HasAll("delete", "catalog")))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.ProcessCommandLine, e.InitiatingProcessFileName])
            .OrderByDescending(e => e.Timestamp));

    [Fact]
    public void Unexpected_dll_loads_outside_system_folders() => Approve(
        Hunting.DeviceImageLoadEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.FileName.EndsWith(".dll") & e.FileName.NotHasPrefix("api-ms-win") & e.FileName.NotEndsWith(".resources.dll"))
            .Where(e => e.FolderPath.NotStartsWith(@"C:\Windows\") & e.FolderPath.NotStartsWith(@"C:\Program Files")
                & e.FolderPath.NotContains(@"\WinSxS\") & e.FolderPath.NotContainsCs(@"\Microsoft\Teams\"))
            .Where(e => e.InitiatingProcessFileName.NotInIgnoreCase("MsMpEng.exe", "svchost.exe", "SearchIndexer.exe")
                & e.InitiatingProcessVersionInfoCompanyName.NotHas("Microsoft")
                & e.InitiatingProcessFileName.NotHasCs("OneDrive")
                & e.FileName.NotIn("mscoree.dll", "clr.dll")
                & e.FileName.NotHasSuffix("_x64"))
            .Project(e => [e.Timestamp, e.DeviceName, e.FileName, e.FolderPath, e.InitiatingProcessFileName, e.SHA1]));

    [Fact]
    public void Ransomware_extensions_and_notes() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(6)))
            .Where(e => e.ActionType.In("FileCreated", "FileRenamed"))
            .Where(e => e.FileName.HasSuffix("locked") | e.FileName.HasSuffix("crypt")
                | e.FileName.HasPrefix("README_DECRYPT") | e.FileName.StartsWith("HOW_TO_RECOVER"))
            .Where(e => e.PreviousFileName.IsNotEmpty() | e.FileName.NotStartsWith("~$"))
            .Project(e => [e.Timestamp, e.DeviceName, e.FolderPath, e.FileName, e.PreviousFileName, e.InitiatingProcessFileName]));

    [Fact]
    public void Run_key_persistence() => Approve(
        Hunting.DeviceRegistryEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.ActionType == "RegistryValueSet")
            .Where(e => e.RegistryKey.Has(@"\Microsoft\Windows\CurrentVersion\Run")
                | e.RegistryKey.EndsWith(@"\CurrentVersion\RunOnce")
                | e.RegistryKey.Contains(@"\Winlogon"))
            .Where(e => e.RegistryValueData.HasAny("powershell", "mshta", "rundll32", @"\AppData\", @"\Users\Public\")
                & e.RegistryValueData.IsNotEmpty())
            .Project(e => [e.Timestamp, e.DeviceName, e.RegistryKey, e.RegistryValueName, e.RegistryValueData, e.InitiatingProcessFileName]));

    [Fact]
    public void Phishing_delivered_to_inbox() => Approve(
        Hunting.EmailEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(2)))
            .Where(e => e.EmailDirection == "Inbound" & e.DeliveryAction == "Delivered" & e.DeliveryLocation.StartsWith("Inbox"))
            .Where(e => e.ThreatTypes.Has("Phish") | e.Subject.HasAny("invoice", "password", "urgent", "DocuSign"))
            .Where(e => e.SenderFromDomain.NotEqualsIgnoreCase("contoso.com") & e.SenderIPv4.IsNotEmpty())
            .Project(e => [e.Timestamp, e.NetworkMessageId, e.SenderFromAddress, e.RecipientEmailAddress, e.Subject, e.ThreatTypes]));

    [Fact]
    public void Email_without_sender_ip() => Approve(
        Hunting.EmailEvents
            .Where(e => e.SenderIPv4.IsEmpty() & e.SenderIPv6.IsEmpty())
            .Where(e => e.AuthenticationDetails.Contains("fail") | e.AuthenticationDetails.Contains("none"))
            .Project(e => [e.Timestamp, e.SenderFromAddress, e.SenderMailFromDomain, e.AuthenticationDetails])
            .Take(100));

    [Fact]
    public void Adversarial_string_values_stay_literals() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.ProcessCommandLine.Contains("\" | take 1 //"))
            .Where(e => e.ProcessCommandLine.HasAny("it's", "say \"hi\"", @"C:\Users\Public\", "tab\there", "\\\\server\\share"))
            .Where(e => e.FolderPath == "C:\\Temp\\new\nline\r\n" | e.AccountName.In("' or 1==1 --", "\"; drop", "é✓😀", "nul\0byte"))
            .Where(e => e.ProcessCommandLine.MatchesRegex(@"^""?[A-Z]:\\[^""]+""?\s+/c\s"))
            .Project(e => [e.Timestamp, e.DeviceName, e.ProcessCommandLine]));

    [Fact]
    public void Adversarial_values_in_every_string_operator() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.FileName.StartsWith("a\"b") & e.FileName.EndsWith("\\") & e.FolderPath.HasPrefix("x\ny")
                & e.FolderPath.NotEqualsIgnoreCase("*/ | where true //") & e.FileOriginUrl.NotHas("\u202Egnp.exe")
                & e.InitiatingProcessCommandLine.InIgnoreCase("\t", "'", "\\'", "]", "['x']")));
}
