using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>Device inventory and the background rows of the device tables, with the row helpers the attack stories use.</summary>
    private sealed partial class Builder
    {
        private void DeviceInventory()
        {
            foreach (Device d in _devices)
            {
                // A snapshot every 8 hours for 10 days.
                for (int k = 0; k < 30; k++)
                {
                    DateTime t = now - TimeSpan.FromHours(8 * k) - TimeSpan.FromMinutes(_random.Next(1, 50));
                    Dictionary<string, object?> r = Add("DeviceInfo", t);
                    r["DeviceId"] = d.Id;
                    r["DeviceName"] = d.Name;
                    r["ClientVersion"] = "10.8760.22621.1000";
                    r["PublicIP"] = d.PublicIp;
                    r["OSArchitecture"] = d.Platform == "macOS" ? "arm64" : "64-bit";
                    r["OSPlatform"] = d.Platform;
                    r["OSBuild"] = d.Build == 0 ? null : d.Build;
                    r["OSVersion"] = d.OsVersion;
                    r["IsAzureADJoined"] = d.Name.StartsWith("ws-", StringComparison.Ordinal);
                    r["JoinType"] = d.Name.StartsWith("ws-", StringComparison.Ordinal) ? "Hybrid Azure AD Join" : "Domain Joined";
                    r["AadDeviceId"] = d.Name.StartsWith("ws-", StringComparison.Ordinal) ? Sha256(d.Name)[..8] + "-0000-4000-8000-" + Sha256(d.Name)[8..20] : "";
                    r["LoggedOnUsers"] = "[{\"UserName\":\"" + Pick(_users).Name + "\",\"DomainName\":\"CONTOSO\"}]";
                    r["MachineGroup"] = d.Name.StartsWith("srv-", StringComparison.Ordinal) ? "Servers" : "Workstations";
                    r["ReportId"] = _reportId++;
                    r["OnboardingStatus"] = "Onboarded";
                    r["AdditionalFields"] = "{}";
                    r["DeviceCategory"] = "Endpoint";
                    r["DeviceType"] = d.Name.StartsWith("srv-", StringComparison.Ordinal) ? "Server" : "Workstation";
                    r["Model"] = d.Platform == "macOS" ? "MacBookPro18,1" : "Virtual Machine";
                    r["Vendor"] = d.Platform == "macOS" ? "Apple" : "Microsoft Corporation";
                    r["OSDistribution"] = d.Platform == "Linux" ? "Ubuntu" : "";
                    r["IsInternetFacing"] = d.InternetFacing;
                    r["SensorHealthState"] = d.Name.StartsWith("linux-", StringComparison.Ordinal) ? "Inactive" : "Active";
                    r["IsExcluded"] = false;
                    r["ExposureLevel"] = d.Exposure;
                    r["AssetValue"] = d.Name.StartsWith("srv-dc", StringComparison.Ordinal) ? "High" : "Normal";
                    r["DeviceManualTags"] = "[]";
                    r["DeviceDynamicTags"] = "[]";
                    r["ConnectivityType"] = "Streamlined";
                }
            }
        }

        private static readonly (string File, string Folder, string Company, string Command, string Parent)[] BenignProcesses =
        [
            ("svchost.exe", @"C:\Windows\System32", "Microsoft Corporation", @"C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule", "services.exe"),
            ("chrome.exe", @"C:\Program Files\Google\Chrome\Application", "Google LLC", "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer", "explorer.exe"),
            ("msedge.exe", @"C:\Program Files (x86)\Microsoft\Edge\Application", "Microsoft Corporation", "\"msedge.exe\" --single-argument https://portal.office.com", "explorer.exe"),
            ("teams.exe", @"C:\Users\{user}\AppData\Local\Microsoft\Teams\current", "Microsoft Corporation", "\"Teams.exe\" --system-initiated", "explorer.exe"),
            ("outlook.exe", @"C:\Program Files\Microsoft Office\root\Office16", "Microsoft Corporation", "\"OUTLOOK.EXE\" /recycle", "explorer.exe"),
            ("winword.exe", @"C:\Program Files\Microsoft Office\root\Office16", "Microsoft Corporation", "\"WINWORD.EXE\" /n \"C:\\Users\\{user}\\Documents\\Q3 report.docx\"", "explorer.exe"),
            ("excel.exe", @"C:\Program Files\Microsoft Office\root\Office16", "Microsoft Corporation", "\"EXCEL.EXE\" \"C:\\Users\\{user}\\Documents\\budget.xlsx\"", "explorer.exe"),
            ("cmd.exe", @"C:\Windows\System32", "Microsoft Corporation", "cmd.exe /c dir C:\\Users\\{user}\\Documents", "explorer.exe"),
            ("powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", "Microsoft Corporation", "powershell.exe -NoProfile -Command Get-Process | Sort-Object CPU", "explorer.exe"),
            ("conhost.exe", @"C:\Windows\System32", "Microsoft Corporation", @"\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1", "cmd.exe"),
            ("MsMpEng.exe", @"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24050.7-0", "Microsoft Corporation", "\"MsMpEng.exe\"", "services.exe"),
            ("taskhostw.exe", @"C:\Windows\System32", "Microsoft Corporation", "taskhostw.exe -RegisterDevice -ProtectionStateChanged", "svchost.exe"),
            ("git.exe", @"C:\Program Files\Git\cmd", "The Git Development Community", "git.exe fetch --all", "cmd.exe"),
            ("rundll32.exe", @"C:\Windows\System32", "Microsoft Corporation", @"C:\Windows\system32\rundll32.exe C:\Windows\system32\shell32.dll,Control_RunDLL", "explorer.exe"),
        ];

        private Dictionary<string, object?> Process(DateTime t, Device d, User u, string file, string folder, string command, string parent,
            string parentCommand = "", string integrity = "Medium", long logonId = 0, string company = "Microsoft Corporation", long? parentPid = null)
        {
            Dictionary<string, object?> r = Add("DeviceProcessEvents", t);
            bool system = integrity == "System";
            string account = system ? "system" : u.Name;
            r["DeviceId"] = d.Id;
            r["DeviceName"] = d.Name;
            r["ActionType"] = "ProcessCreated";
            r["FileName"] = file;
            r["FolderPath"] = folder.Replace("{user}", u.Name, StringComparison.Ordinal) + "\\" + file;
            r["SHA1"] = Sha1(file);
            r["SHA256"] = Sha256(file);
            r["MD5"] = Md5(file);
            r["FileSize"] = 50_000L + (Sha1(file)[0] * 1000L);
            r["ProcessVersionInfoCompanyName"] = company;
            r["ProcessVersionInfoProductName"] = file.Replace(".exe", "", StringComparison.OrdinalIgnoreCase);
            r["ProcessVersionInfoOriginalFileName"] = file;
            r["ProcessId"] = _pid += _random.Next(4, 400);
            r["ProcessCommandLine"] = command.Replace("{user}", u.Name, StringComparison.Ordinal);
            r["ProcessIntegrityLevel"] = integrity;
            r["ProcessTokenElevation"] = integrity is "High" or "System" ? "TokenElevationTypeFull" : "TokenElevationTypeLimited";
            r["ProcessCreationTime"] = t;
            r["AccountDomain"] = system ? "nt authority" : u.Domain;
            r["AccountName"] = account;
            r["AccountSid"] = system ? "S-1-5-18" : u.Sid;
            r["AccountUpn"] = system ? "" : u.Upn;
            r["AccountObjectId"] = system ? "" : u.ObjectId;
            r["LogonId"] = logonId != 0 ? logonId : system ? 999L : 0x3E7_0000L + _random.Next(1000);
            r["InitiatingProcessAccountDomain"] = r["AccountDomain"];
            r["InitiatingProcessAccountName"] = account;
            r["InitiatingProcessAccountSid"] = r["AccountSid"];
            r["InitiatingProcessAccountUpn"] = r["AccountUpn"];
            r["InitiatingProcessAccountObjectId"] = r["AccountObjectId"];
            r["InitiatingProcessLogonId"] = r["LogonId"];
            r["InitiatingProcessIntegrityLevel"] = integrity;
            r["InitiatingProcessTokenElevation"] = r["ProcessTokenElevation"];
            r["InitiatingProcessFileName"] = parent;
            r["InitiatingProcessSHA1"] = Sha1(parent);
            r["InitiatingProcessSHA256"] = Sha256(parent);
            r["InitiatingProcessMD5"] = Md5(parent);
            r["InitiatingProcessFileSize"] = 120_000L;
            r["InitiatingProcessVersionInfoCompanyName"] = "Microsoft Corporation";
            r["InitiatingProcessId"] = parentPid ?? _pid - _random.Next(1, 3);
            r["InitiatingProcessCommandLine"] = parentCommand.Length > 0 ? parentCommand : parent;
            r["InitiatingProcessCreationTime"] = t - TimeSpan.FromSeconds(_random.Next(1, 3600));
            r["InitiatingProcessFolderPath"] = @"c:\windows\" + parent;
            r["InitiatingProcessParentId"] = 700L + _random.Next(100);
            r["InitiatingProcessParentFileName"] = parent == "services.exe" ? "wininit.exe" : "userinit.exe";
            r["InitiatingProcessSignerType"] = "OsVendor";
            r["InitiatingProcessSignatureStatus"] = "Valid";
            r["ReportId"] = _reportId++;
            r["AdditionalFields"] = "{}";
            r["InitiatingProcessSessionId"] = system ? 0L : 1L;
            r["IsInitiatingProcessRemoteSession"] = false;
            r["CreatedProcessSessionId"] = system ? 0L : 1L;
            r["IsProcessRemoteSession"] = false;
            return r;
        }

        private void BackgroundProcesses()
        {
            var workstations = _devices.Where(d => d.Platform.StartsWith("Windows", StringComparison.Ordinal)).ToList();
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 1300; i++)
            {
                var p = Pick(BenignProcesses);
                Device d = Pick(workstations);
                bool system = p.File is "svchost.exe" or "MsMpEng.exe" or "taskhostw.exe";
                Process(Ago(TimeSpan.FromDays(7)), d, Pick(people), p.File, p.Folder, p.Command, p.Parent,
                    integrity: system ? "System" : (i % 11 == 0 ? "High" : "Medium"), company: p.Company);
            }
        }

        private Dictionary<string, object?> Connection(DateTime t, Device d, string remoteIp, int remotePort, string remoteUrl, string process,
            long processId, User u, string action = "ConnectionSuccess", string remoteType = "Public")
        {
            Dictionary<string, object?> r = Add("DeviceNetworkEvents", t);
            r["DeviceId"] = d.Id;
            r["DeviceName"] = d.Name;
            r["ActionType"] = action;
            r["RemoteIP"] = remoteIp;
            r["RemotePort"] = remotePort;
            r["RemoteUrl"] = remoteUrl;
            r["LocalIP"] = d.Ip;
            r["LocalPort"] = 49152 + _random.Next(16000);
            r["Protocol"] = "Tcp";
            r["LocalIPType"] = "Private";
            r["RemoteIPType"] = remoteType;
            r["InitiatingProcessSHA1"] = Sha1(process);
            r["InitiatingProcessSHA256"] = Sha256(process);
            r["InitiatingProcessMD5"] = Md5(process);
            r["InitiatingProcessFileName"] = process;
            r["InitiatingProcessFileSize"] = 250_000L;
            r["InitiatingProcessVersionInfoCompanyName"] = "Microsoft Corporation";
            r["InitiatingProcessId"] = processId;
            r["InitiatingProcessCommandLine"] = process;
            r["InitiatingProcessCreationTime"] = t - TimeSpan.FromMinutes(_random.Next(1, 120));
            r["InitiatingProcessFolderPath"] = @"c:\windows\system32\" + process;
            r["InitiatingProcessParentFileName"] = "explorer.exe";
            r["InitiatingProcessParentId"] = 812L;
            r["InitiatingProcessAccountDomain"] = u.Domain;
            r["InitiatingProcessAccountName"] = u.Name;
            r["InitiatingProcessAccountSid"] = u.Sid;
            r["InitiatingProcessAccountUpn"] = u.Upn;
            r["InitiatingProcessAccountObjectId"] = u.ObjectId;
            r["InitiatingProcessIntegrityLevel"] = "Medium";
            r["InitiatingProcessTokenElevation"] = "TokenElevationTypeLimited";
            r["ReportId"] = _reportId++;
            r["AdditionalFields"] = "{}";
            r["InitiatingProcessSessionId"] = 1L;
            r["IsInitiatingProcessRemoteSession"] = false;
            return r;
        }

        private void BackgroundNetwork()
        {
            (string Url, string Ip, string Process)[] destinations =
            [
                ("www.microsoft.com", "23.45.229.117", "msedge.exe"),
                ("outlook.office365.com", "52.97.146.162", "outlook.exe"),
                ("teams.microsoft.com", "52.113.194.132", "teams.exe"),
                ("www.google.com", "142.250.74.36", "chrome.exe"),
                ("github.com", "140.82.121.3", "git.exe"),
                ("settings-win.data.microsoft.com", "20.42.73.29", "svchost.exe"),
                ("login.microsoftonline.com", "20.190.160.20", "msedge.exe"),
                ("cdn.contoso-partner.com", "198.51.100.40", "chrome.exe"),
            ];
            var windows = WindowsDevices.ToList();
            for (int i = 0; i < 1300; i++)
            {
                Device d = Pick(windows);
                User u = Pick(_users);
                if (i % 5 == 0)
                {
                    // Internal traffic: SMB and LDAP to the servers.
                    Device server = Pick(_devices.Where(x => x.Name.StartsWith("srv-", StringComparison.Ordinal)).ToList());
                    Connection(Ago(TimeSpan.FromDays(7)), d, server.Ip, Pick<int>([445, 389, 135, 88]), "", "svchost.exe", 900 + i, u, remoteType: "Private");
                    continue;
                }

                var dest = Pick(destinations);
                string action = i % 23 == 0 ? "ConnectionFailed" : "ConnectionSuccess";
                Connection(Ago(TimeSpan.FromDays(7)), d, dest.Ip, i % 9 == 0 ? 80 : 443, dest.Url, dest.Process, 5000 + i, u, action);
            }

            // Developer tunnels and rare destinations in the last day.
            Device dev = DeviceNamed("ws-dev-03");
            User erin = UserNamed("erin");
            Connection(Ago(TimeSpan.FromHours(20)), dev, "3.125.223.134", 443, "4f2a-81-2-69-160.ngrok-free.app", "chrome.exe", 7001, erin);
            Connection(Ago(TimeSpan.FromHours(18)), dev, "104.16.231.132", 443, "quiet-river-demo.trycloudflare.com", "chrome.exe", 7002, erin);
            Connection(Ago(TimeSpan.FromHours(5)), dev, "198.51.100.77", 445, "", "explorer.exe", 7003, erin);
            Connection(Ago(TimeSpan.FromHours(4)), dev, "198.51.100.77", 445, "", "explorer.exe", 7003, erin);
            Connection(Ago(TimeSpan.FromHours(3)), DeviceNamed("ws-sales-04"), "203.0.113.10", 445, "", "explorer.exe", 7004, UserNamed("frank"));
        }

        private Dictionary<string, object?> File(DateTime t, Device d, User u, string action, string fileName, string folder, long size,
            string process = "explorer.exe", string originUrl = "", string previousName = "")
        {
            Dictionary<string, object?> r = Add("DeviceFileEvents", t);
            r["DeviceId"] = d.Id;
            r["DeviceName"] = d.Name;
            r["ActionType"] = action;
            r["FileName"] = fileName;
            r["FolderPath"] = folder + "\\" + fileName;
            r["SHA1"] = Sha1(fileName);
            r["SHA256"] = Sha256(fileName);
            r["MD5"] = Md5(fileName);
            r["FileOriginUrl"] = originUrl;
            r["FileOriginIP"] = originUrl.Length > 0 ? C2Ip : "";
            r["PreviousFileName"] = previousName;
            r["PreviousFolderPath"] = previousName.Length > 0 ? folder : "";
            r["FileSize"] = size;
            r["InitiatingProcessAccountDomain"] = u.Domain;
            r["InitiatingProcessAccountName"] = u.Name;
            r["InitiatingProcessAccountSid"] = u.Sid;
            r["InitiatingProcessAccountUpn"] = u.Upn;
            r["InitiatingProcessAccountObjectId"] = u.ObjectId;
            r["InitiatingProcessFileName"] = process;
            r["InitiatingProcessSHA1"] = Sha1(process);
            r["InitiatingProcessSHA256"] = Sha256(process);
            r["InitiatingProcessMD5"] = Md5(process);
            r["InitiatingProcessFolderPath"] = @"c:\windows\" + process;
            r["InitiatingProcessFileSize"] = 4_500_000L;
            r["InitiatingProcessVersionInfoCompanyName"] = "Microsoft Corporation";
            r["InitiatingProcessId"] = 3000L + _random.Next(5000);
            r["InitiatingProcessCommandLine"] = process;
            r["InitiatingProcessCreationTime"] = t - TimeSpan.FromMinutes(_random.Next(1, 90));
            r["InitiatingProcessIntegrityLevel"] = "Medium";
            r["InitiatingProcessTokenElevation"] = "TokenElevationTypeLimited";
            r["InitiatingProcessParentId"] = 812L;
            r["InitiatingProcessParentFileName"] = "explorer.exe";
            r["ReportId"] = _reportId++;
            r["AdditionalFields"] = "{}";
            r["IsAzureInfoProtectionApplied"] = false;
            r["InitiatingProcessSessionId"] = 1L;
            r["IsInitiatingProcessRemoteSession"] = false;
            return r;
        }

        private void BackgroundFiles()
        {
            string[] names = ["Q3 report.docx", "budget.xlsx", "notes.txt", "slides.pptx", "invoice.pdf", "setup.msi", "photo.jpg", "data.csv", ".gitconfig", "readme.md"];
            string[] folders = [@"C:\Users\{user}\Documents", @"C:\Users\{user}\Downloads", @"C:\Users\{user}\Desktop", @"C:\Users\{user}\.vscode", @"\\srv-file-01\share\finance", @"C:\ProgramData\Temp"];
            var windows = WindowsDevices.ToList();
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 700; i++)
            {
                User u = Pick(people);
                string folder = Pick(folders).Replace("{user}", u.Name, StringComparison.Ordinal);
                string name = Pick(names);
                string action = Pick<string>(["FileCreated", "FileCreated", "FileModified", "FileRenamed", "FileDeleted"]);
                string origin = folder.EndsWith("Downloads", StringComparison.Ordinal) ? "https://download.contoso-partner.com/" + Uri.EscapeDataString(name) : "";
                File(Ago(TimeSpan.FromDays(7)), Pick(windows), u, action, name, folder, 1024L * _random.Next(1, 40_000),
                    folder.StartsWith(@"\\", StringComparison.Ordinal) ? "System" : "explorer.exe", origin,
                    action == "FileRenamed" ? "~$" + name : "");
            }
        }

        private Dictionary<string, object?> Logon(DateTime t, Device d, User u, string action, string logonType, string remoteIp, string remoteType,
            int? remotePort = null, string failure = "", string protocol = "Negotiate")
        {
            Dictionary<string, object?> r = Add("DeviceLogonEvents", t);
            r["DeviceId"] = d.Id;
            r["DeviceName"] = d.Name;
            r["ActionType"] = action;
            r["LogonType"] = logonType;
            r["AccountDomain"] = u.Domain;
            r["AccountName"] = u.Name;
            r["AccountSid"] = u.Sid;
            r["Protocol"] = protocol;
            r["FailureReason"] = failure;
            r["IsLocalAdmin"] = u.Name is "dave" or "svc_backup";
            r["LogonId"] = 0x100000L + _random.Next(100000);
            r["RemoteDeviceName"] = remoteType == "Private" ? "ws-" + _random.Next(10, 99).ToString(CultureInfo.InvariantCulture) : "";
            r["RemoteIP"] = remoteIp;
            r["RemoteIPType"] = remoteType;
            r["RemotePort"] = remotePort;
            r["InitiatingProcessFileName"] = logonType == "Interactive" ? "winlogon.exe" : "lsass.exe";
            r["InitiatingProcessAccountName"] = "system";
            r["InitiatingProcessAccountDomain"] = "nt authority";
            r["InitiatingProcessAccountSid"] = "S-1-5-18";
            r["InitiatingProcessIntegrityLevel"] = "System";
            r["InitiatingProcessTokenElevation"] = "TokenElevationTypeDefault";
            r["InitiatingProcessId"] = 680L;
            r["InitiatingProcessCommandLine"] = "lsass.exe";
            r["InitiatingProcessFolderPath"] = @"c:\windows\system32\lsass.exe";
            r["InitiatingProcessCreationTime"] = now - TimeSpan.FromDays(9);
            r["InitiatingProcessParentFileName"] = "wininit.exe";
            r["InitiatingProcessParentId"] = 560L;
            r["ReportId"] = _reportId++;
            r["AdditionalFields"] = "{}";
            r["IsInitiatingProcessRemoteSession"] = false;
            return r;
        }

        private void BackgroundLogons()
        {
            var windows = WindowsDevices.ToList();
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 450; i++)
            {
                Device d = Pick(windows);
                User u = Pick(people);
                string type = Pick<string>(["Interactive", "Network", "Network", "RemoteInteractive", "Unlock", "Batch"]);
                bool failed = i % 13 == 0;
                string ip = type == "Interactive" || type == "Unlock" ? "" : "10.0.1." + _random.Next(20, 60).ToString(CultureInfo.InvariantCulture);
                Logon(Ago(TimeSpan.FromDays(7)), d, u, failed ? "LogonFailed" : "LogonSuccess", type, ip, ip.Length == 0 ? "" : "Private",
                    ip.Length == 0 ? null : _random.Next(49152, 65535), failed ? "InvalidUserNameOrPassword" : "");
            }

            // Off-hours interactive logons (02:00-04:00 UTC) in the last month.
            for (int day = 2; day < 20; day += 3)
            {
                DateTime t = now.Date - TimeSpan.FromDays(day) + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(_random.Next(0, 120));
                Logon(t, DeviceNamed("ws-hr-02"), UserNamed("grace"), "LogonSuccess", "Interactive", "", "");
            }

            // A device that is not in DeviceInfo (a BYOD laptop).
            var byod = new Device(Sha1("device:byod-laptop-07")[..40], "byod-laptop-07", "Windows11", "23H2", 22631, "10.0.9.77", "", false, "Low");
            for (int i = 0; i < 4; i++)
            {
                Logon(Ago(TimeSpan.FromHours(20)), byod, UserNamed("frank"), "LogonSuccess", "Interactive", "", "");
            }
        }
    }
}
