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
/// A deterministic synthetic tenant (docs/synthetic-tenant.md): about 6,600 rows over the device, email, identity,
/// sign-in, cloud app, vulnerability management and alert tables (every documented column present; realistic values
/// for the important ones), incidents whose alerts reference those rows, and empty tables for every other documented
/// table. The same seed and time give the same rows. Besides a week of background activity it holds attack stories for
/// hunting queries to find, consistent across tables (same devices, accounts, IPs, hashes): a phishing click leading to
/// encoded PowerShell, LOLBins, credential theft, a mailbox takeover from Tor and a malicious OAuth consent; an RDP brute
/// force leading to a new domain admin, Defender tampering, WMI and PsExec lateral movement, ransomware and rclone
/// exfiltration; QR-code and attachment phishing; a web shell, a ClickFix lure, a Kinsing miner, Kerberos brute force,
/// password spray, DCSync and noPac.
/// </summary>
public sealed partial class SyntheticDataset : ITableSource
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

    private sealed partial class Builder(int seed, DateTime now)
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
                foreach (Dictionary<string, object?> values in list.OrderBy(r => r.GetValueOrDefault("Timestamp") is DateTime t ? t : DateTime.MinValue))
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

        /// <summary>A row of a table without a Timestamp column (the vulnerability management snapshots and knowledge bases, the exposure graph).</summary>
        private Dictionary<string, object?> AddRow(string table)
        {
            Dictionary<string, object?> row = Add(table, now);
            row.Remove("Timestamp");
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
            MoreTables();

            // Added after every table above, from the same seeded random, so the rows above stay as they were.
            CloudActivity();
            DirectoryActivity();
            VulnerabilityManagement();
            HandsOnKeyboard();
            DeviceSignals();
            MailThreats();
            FollowUpAlerts();
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
    }
}
