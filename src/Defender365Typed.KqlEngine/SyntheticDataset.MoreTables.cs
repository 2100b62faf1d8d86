using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// Background rows of the tables hunting queries use most after the core ones: DeviceEvents (the action types the
    /// corpus filters on), DeviceRegistryEvents, DeviceImageLoadEvents, EmailAttachmentInfo (for the mails with
    /// attachments) and IdentityInfo. Built after every other table from the same seeded random, so the earlier tables
    /// do not change.
    /// </summary>
    private sealed partial class Builder
    {
        private static readonly (string Action, string File, string Additional)[] DeviceEventKinds =
        [
            ("AntivirusDetection", "invoice.exe", "{\"ThreatName\":\"Trojan:Win32/Wacatac.B!ml\",\"WasRemediated\":true,\"Action\":\"quarantine\"}"),
            ("PnpDeviceConnected", "", "{\"ClassName\":\"DiskDrive\",\"DeviceDescription\":\"USB Mass Storage Device\",\"VendorIds\":\"USBSTOR\\\\DISK&VEN_SANDISK\",\"DeviceId\":\"USBSTOR\\\\DISK&VEN_SANDISK&PROD_CRUZER\"}"),
            ("NetworkSignatureInspected", "", "{\"SignatureName\":\"RDP-Bruteforce\",\"SignatureMatchedContent\":\"rdp\",\"SamplePacketContent\":\"\"}"),
            ("BrowserLaunchedToOpenUrl", "", "{}"),
            ("SmartScreenUrlWarning", "", "{\"Experience\":\"CustomBlockList\"}"),
            ("SmartScreenUserOverride", "", "{}"),
            ("SmartScreenAppWarning", "setup.exe", "{\"Experience\":\"Untrusted\"}"),
            ("ListeningConnectionCreated", "", "{}"),
            ("PowerShellCommand", "", "{\"Command\":\"Invoke-WebRequest\"}"),
            ("UserAccountCreated", "", "{}"),
            ("UserAccountAddedToLocalGroup", "", "{\"GroupName\":\"Administrators\",\"GroupDomainName\":\"BUILTIN\",\"GroupSid\":\"S-1-5-32-544\"}"),
            ("ScheduledTaskCreated", "", "{\"TaskName\":\"\\\\Microsoft\\\\Windows\\\\Update\\\\Updater\",\"TaskContent\":\"<Exec><Command>powershell.exe</Command></Exec>\"}"),
            ("ServiceInstalled", "psexesvc.exe", "{\"ServiceName\":\"PSEXESVC\",\"ServiceStartType\":3,\"ServiceAccount\":\"LocalSystem\"}"),
            ("NamedPipeEvent", "", "{\"PipeName\":\"\\\\Device\\\\NamedPipe\\\\PSEXESVC\",\"FileOperation\":\"File created\"}"),
            ("DnsQueryResponse", "", "{\"DnsQueryString\":\"update.contoso-cdn.net\"}"),
            ("TamperingAttempt", "", "{\"TamperingAction\":\"RegistryModification\",\"Status\":\"Blocked\",\"Target\":\"DisableAntiSpyware\"}"),
            ("ExploitGuardNetworkProtectionBlocked", "", "{\"ResponseCategory\":\"CustomBlockList\"}"),
            ("AsrOfficeChildProcessBlocked", "powershell.exe", "{\"IsAudit\":false}"),
            ("LdapSearch", "", "{\"SearchFilter\":\"(objectCategory=computer)\",\"AttributeList\":[\"name\"]}"),
        ];

        private static readonly string[] RunKeys =
        [
            @"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run",
            @"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run",
            @"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\WinDefend",
            @"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender",
        ];

        private void MoreTables()
        {
            var windows = WindowsDevices.ToList();
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 400; i++)
            {
                var kind = DeviceEventKinds[i % DeviceEventKinds.Length];
                Device d = Pick(windows);
                User u = Pick(people);
                Dictionary<string, object?> r = Add("DeviceEvents", Ago(TimeSpan.FromDays(7)));
                r["DeviceId"] = d.Id;
                r["DeviceName"] = d.Name;
                r["ActionType"] = kind.Action;
                r["FileName"] = kind.File;
                r["FolderPath"] = kind.File.Length > 0 ? @"C:\Users\" + u.Name + @"\Downloads\" + kind.File : "";
                r["SHA1"] = kind.File.Length > 0 ? Sha1(kind.File) : "";
                r["SHA256"] = kind.File.Length > 0 ? Sha256(kind.File) : "";
                r["AccountDomain"] = u.Domain;
                r["AccountName"] = u.Name;
                r["AccountSid"] = u.Sid;
                r["RemoteUrl"] = kind.Action.StartsWith("SmartScreen", StringComparison.Ordinal) || kind.Action == "BrowserLaunchedToOpenUrl" ? "https://" + PhishDomain + "/login" : "";
                r["RemoteIP"] = kind.Action is "NetworkSignatureInspected" or "ListeningConnectionCreated" ? "198.51.100.77" : "";
                r["LocalIP"] = d.Ip;
                r["LocalPort"] = kind.Action == "ListeningConnectionCreated" ? 4444 : (object?)null;
                r["ProcessCommandLine"] = kind.Action == "PowerShellCommand" ? "powershell.exe -nop -w hidden" : "";
                r["InitiatingProcessFileName"] = kind.Action == "PowerShellCommand" ? "powershell.exe" : "explorer.exe";
                r["InitiatingProcessFolderPath"] = @"c:\windows\system32\" + r["InitiatingProcessFileName"];
                r["InitiatingProcessCommandLine"] = r["InitiatingProcessFileName"];
                r["InitiatingProcessAccountDomain"] = u.Domain;
                r["InitiatingProcessAccountName"] = u.Name;
                r["InitiatingProcessAccountSid"] = u.Sid;
                r["InitiatingProcessAccountUpn"] = u.Upn;
                r["InitiatingProcessAccountObjectId"] = u.ObjectId;
                r["InitiatingProcessId"] = _pid++;
                r["ReportId"] = _reportId++;
                r["AdditionalFields"] = kind.Additional;
            }

            for (int i = 0; i < 150; i++)
            {
                Device d = Pick(windows);
                User u = Pick(people);
                Dictionary<string, object?> r = Add("DeviceRegistryEvents", Ago(TimeSpan.FromDays(7)));
                r["DeviceId"] = d.Id;
                r["DeviceName"] = d.Name;
                r["ActionType"] = i % 5 == 0 ? "RegistryKeyCreated" : "RegistryValueSet";
                r["RegistryKey"] = RunKeys[i % RunKeys.Length];
                r["RegistryValueType"] = "String";
                r["RegistryValueName"] = i % 3 == 0 ? "Updater" : "OneDrive";
                r["RegistryValueData"] = i % 3 == 0 ? @"powershell.exe -w hidden -enc SQBFAFgA" : @"C:\Program Files\Microsoft OneDrive\OneDrive.exe /background";
                r["InitiatingProcessFileName"] = i % 3 == 0 ? "powershell.exe" : "OneDriveSetup.exe";
                r["InitiatingProcessCommandLine"] = r["InitiatingProcessFileName"];
                r["InitiatingProcessAccountDomain"] = u.Domain;
                r["InitiatingProcessAccountName"] = u.Name;
                r["InitiatingProcessAccountSid"] = u.Sid;
                r["ReportId"] = _reportId++;
            }

            string[] dlls = ["kernel32.dll", "clr.dll", "System.Management.Automation.dll", "samlib.dll", "vaultcli.dll", "wininet.dll"];
            for (int i = 0; i < 150; i++)
            {
                Device d = Pick(windows);
                string dll = dlls[i % dlls.Length];
                Dictionary<string, object?> r = Add("DeviceImageLoadEvents", Ago(TimeSpan.FromDays(7)));
                r["DeviceId"] = d.Id;
                r["DeviceName"] = d.Name;
                r["ActionType"] = "ImageLoaded";
                r["FileName"] = dll;
                r["FolderPath"] = @"C:\Windows\System32\" + dll;
                r["SHA1"] = Sha1(dll);
                r["SHA256"] = Sha256(dll);
                r["InitiatingProcessFileName"] = i % 4 == 0 ? "rundll32.exe" : "powershell.exe";
                r["InitiatingProcessCommandLine"] = r["InitiatingProcessFileName"];
                r["ReportId"] = _reportId++;
            }

            // Attachments of the mails that have some.
            if (_rows.TryGetValue("EmailEvents", out List<Dictionary<string, object?>>? mails))
            {
                foreach (Dictionary<string, object?> mail in mails.Where(m => m.GetValueOrDefault("AttachmentCount") is int n && n > 0).ToList())
                {
                    string threat = mail.GetValueOrDefault("ThreatTypes") as string ?? "";
                    string file = threat.Length > 0 ? "Invoice_2291.docm" : "report.pdf";
                    Dictionary<string, object?> r = Add("EmailAttachmentInfo", (DateTime)mail["Timestamp"]!);
                    r["NetworkMessageId"] = mail["NetworkMessageId"];
                    r["SenderFromAddress"] = mail["SenderFromAddress"];
                    r["SenderDisplayName"] = mail["SenderDisplayName"];
                    r["RecipientEmailAddress"] = mail["RecipientEmailAddress"];
                    r["RecipientObjectId"] = mail["RecipientObjectId"];
                    r["FileName"] = file;
                    r["FileType"] = threat.Length > 0 ? "docm" : "pdf";
                    r["SHA256"] = Sha256(file + mail["NetworkMessageId"]);
                    r["FileSize"] = 48_000L + _random.Next(200_000);
                    r["ThreatTypes"] = threat;
                    r["ThreatNames"] = mail.GetValueOrDefault("ThreatNames");
                    r["DetectionMethods"] = mail.GetValueOrDefault("DetectionMethods");
                    r["ReportId"] = NewGuid().ToString("N");
                }
            }

            string[] departments = ["Finance", "HR", "Engineering", "Sales", "IT", "Finance", "Legal", "IT"];
            for (int i = 0; i < _users.Count; i++)
            {
                User u = _users[i];
                Dictionary<string, object?> r = Add("IdentityInfo", now - TimeSpan.FromDays(1));
                r["ReportId"] = NewGuid().ToString("N");
                r["AccountObjectId"] = u.ObjectId;
                r["AccountUpn"] = u.Upn;
                r["OnPremSid"] = u.Sid;
                r["AccountDisplayName"] = u.DisplayName;
                r["AccountName"] = u.Name;
                r["AccountDomain"] = Domain;
                r["Type"] = u.Name.StartsWith("svc_", StringComparison.Ordinal) ? "ServiceAccount" : "User";
                r["GivenName"] = u.DisplayName.Split(' ')[0];
                r["Surname"] = u.DisplayName.Split(' ')[^1];
                r["Department"] = departments[i % departments.Length];
                r["JobTitle"] = departments[i % departments.Length] + " specialist";
                r["EmailAddress"] = u.Upn;
                r["City"] = "Redmond";
                r["Country"] = "US";
                r["IsAccountEnabled"] = true;
                r["CreatedDateTime"] = now - TimeSpan.FromDays(400 + (i * 30));
                r["SourceProvider"] = "AzureActiveDirectory";
                r["AssignedRoles"] = departments[i % departments.Length] == "IT" ? "[\"Global Administrator\"]" : "[]";
            }
        }
    }
}
