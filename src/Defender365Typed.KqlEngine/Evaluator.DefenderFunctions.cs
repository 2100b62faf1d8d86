using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// The documented advanced-hunting functions, answered from the tables being queried so that they agree with them:
/// <c>FileProfile</c> (invoked on a table of file hashes), <c>AssignedIPAddresses</c>, <c>DeviceFromIP</c> and
/// <c>SeenBy</c> (read DeviceNetworkEvents' LocalIP, DeviceId and DeviceName). Global facts no tenant holds
/// (prevalence, first seen, signer) are derived from the hash, so the same file always gets the same profile.
/// A user-defined function of the same name wins.
/// </summary>
internal sealed partial class Evaluator
{
    private static readonly string[] Signers = ["Microsoft Windows", "Microsoft Corporation", "Google LLC", "Mozilla Corporation", "Zoom Video Communications, Inc.", ""];

    private bool IsDefenderTableFunction(string name) =>
        name is "FileProfile" or "AssignedIPAddresses" or "DeviceFromIP" or "SeenBy" && !_lets.ContainsKey(name);

    private KqlResultTable EvalDefenderFunction(CallExpr call, KqlResultTable? piped)
    {
        string name = call.Name.Name;
        if (!IsDefenderTableFunction(name))
        {
            throw Error(call.Name, $"unsupported function '{name}'");
        }

        object?[] args = call.Args.Select(a => a is NameExpr n && piped is not null && piped.IndexOf(n.Name) >= 0
            ? n.Name
            : Compile(a, new Ctx(Scope.Empty)).Eval([])).ToArray();
        if (name == "FileProfile")
        {
            return piped is null ? throw Error(call, "FileProfile is invoked on a table: T | invoke FileProfile(...).") : FileProfile(piped, call, args);
        }

        DateTime at = args.Length > 1 && args[1] is DateTime d ? d : _options.Now;
        var ips = NetworkAssignments().Where(a => a.Timestamp <= at).ToList();
        string key = args.Length > 0 ? Values.ToText(args[0]) : "";
        switch (name)
        {
            case "AssignedIPAddresses":
            {
                var rows = ips.Where(a => key.Length == 0 || a.DeviceId == key || string.Equals(a.DeviceName, key, StringComparison.OrdinalIgnoreCase))
                    .GroupBy(a => (a.DeviceId, a.Ip)).Select(g => g.MaxBy(a => a.Timestamp)!)
                    .Select(a => new object?[] { a.Timestamp, a.Ip, Ipv4Type(a.Ip), "Ethernet", "[]", a.DeviceId, a.DeviceName }).ToList();
                return Table(
                [
                    new("Timestamp", KqlScalarType.DateTime), new("IPAddress", KqlScalarType.String), new("IPType", KqlScalarType.String),
                    new("NetworkAdapterType", KqlScalarType.String), new("ConnectedNetworks", KqlScalarType.String),
                    new("DeviceId", KqlScalarType.String), new("DeviceName", KqlScalarType.String),
                ], rows);
            }

            case "DeviceFromIP":
            {
                var rows = ips.Where(a => a.Ip == key).GroupBy(a => a.DeviceId).Select(g => new object?[] { key, g.Key }).ToList();
                return Table([new("IP", KqlScalarType.String), new("DeviceId", KqlScalarType.String)], rows);
            }

            default:
            {
                // SeenBy: the devices that share a /24 network with the device, the ones device discovery would see it from.
                var subnets = ips.Where(a => a.DeviceId == key).Select(a => Subnet(a.Ip)).ToHashSet(StringComparer.Ordinal);
                var rows = ips.Where(a => a.DeviceId != key && subnets.Contains(Subnet(a.Ip)))
                    .Select(a => a.DeviceId).Distinct(StringComparer.Ordinal).Select(id => new object?[] { key, id }).ToList();
                return Table([new("DeviceId", KqlScalarType.String), new("SeenByDeviceID", KqlScalarType.String)], rows);
            }
        }
    }

    private static string Subnet(string ip) => ip.LastIndexOf('.') is var dot and > 0 ? ip[..dot] : ip;

    private static string Ipv4Type(string ip) => ParseIPv4Prefix(ip) is ({ } a, _) ? (IsPrivate(a) ? "Private" : "Public") : "";

    private List<(DateTime Timestamp, string Ip, string DeviceId, string DeviceName)> NetworkAssignments()
    {
        var list = new List<(DateTime, string, string, string)>();
        if (_tables.TryGetTable("DeviceNetworkEvents", out KqlResultTable? t)
            && t.IndexOf("Timestamp") is var ts and >= 0 && t.IndexOf("LocalIP") is var ip and >= 0
            && t.IndexOf("DeviceId") is var id and >= 0 && t.IndexOf("DeviceName") is var dn and >= 0)
        {
            foreach (object?[] row in t.Rows)
            {
                if (row[ts] is DateTime when && row[ip] is string address && address.Length > 0)
                {
                    list.Add((when, address, Values.ToText(row[id]), Values.ToText(row[dn])));
                }
            }
        }

        return list;
    }

    private static readonly (string Name, KqlScalarType Type)[] FileProfileColumns =
    [
        ("SHA1", KqlScalarType.String), ("SHA256", KqlScalarType.String), ("MD5", KqlScalarType.String), ("FileSize", KqlScalarType.Long),
        ("GlobalPrevalence", KqlScalarType.Long), ("GlobalFirstSeen", KqlScalarType.DateTime), ("GlobalLastSeen", KqlScalarType.DateTime),
        ("Signer", KqlScalarType.String), ("Issuer", KqlScalarType.String), ("SignerHash", KqlScalarType.String),
        ("IsCertificateValid", KqlScalarType.Bool), ("IsRootSignerMicrosoft", KqlScalarType.Bool), ("SignatureState", KqlScalarType.String),
        ("IsExecutable", KqlScalarType.Bool), ("ThreatName", KqlScalarType.String), ("Publisher", KqlScalarType.String),
        ("SoftwareName", KqlScalarType.String), ("ProfileAvailability", KqlScalarType.String),
    ];

    /// <summary>FileProfile(idColumn = SHA1, maxRecords = 100): adds the profile columns to the first maxRecords rows with a hash.</summary>
    private KqlResultTable FileProfile(KqlResultTable input, CallExpr call, object?[] args)
    {
        string idColumn = args.Length > 0 ? Values.ToText(args[0]) : "SHA1";
        int id = input.IndexOf(idColumn);
        if (id < 0)
        {
            throw Error(call, $"FileProfile: the input has no column '{idColumn}'" + Suggest(idColumn, input.Columns.Select(c => c.Name)));
        }

        long max = Math.Clamp(args.Length > 1 ? Values.ToLong(args[1]) ?? 100 : 100, 1, 1000);
        var columns = input.Columns.ToList();
        var added = new List<(int Index, string Name)>();
        foreach ((string name, KqlScalarType type) in FileProfileColumns)
        {
            if (input.IndexOf(name) < 0)
            {
                added.Add((columns.Count, name));
                columns.Add(new KqlResultColumn(name, type));
            }
        }

        bool sha256 = idColumn.EndsWith("SHA256", StringComparison.Ordinal);
        var rows = new List<object?[]>(input.Rows.Count);
        int profiled = 0;
        foreach (object?[] row in input.Rows)
        {
            object?[] output = new object?[columns.Count];
            Array.Copy(row, output, row.Length);
            string hash = Values.ToText(row[id]);
            bool known = hash.Length > 0 && profiled++ < max;
            foreach ((int index, string name) in added)
            {
                output[index] = known ? ProfileValue(name, hash, sha256) : Values.Coerce(null, columns[index].Type);
            }

            rows.Add(output);
        }

        return Table(columns, rows);
    }

    private object? ProfileValue(string column, string hash, bool sha256)
    {
        ulong h = XxHash64.Hash(Encoding.UTF8.GetBytes(hash));
        string signer = Signers[(int)(h % (ulong)Signers.Length)];
        bool rare = h % 5 == 0;
        DateTime now = DateTime.SpecifyKind(_options.Now, DateTimeKind.Utc);
        return column switch
        {
            "SHA1" => sha256 ? "" : hash,
            "SHA256" => sha256 ? hash : "",
            "MD5" => "",
            "FileSize" => (long)(10_000 + (h % 5_000_000)),
            "GlobalPrevalence" => rare ? (long)(1 + (h % 40)) : (long)(1_000 + (h % 5_000_000)),
            "GlobalFirstSeen" => now.AddDays(-(rare ? 1 + (double)(h % 20) : 200 + (double)(h % 2000))),
            "GlobalLastSeen" => now.AddHours(-(double)(h % 48)),
            "Signer" => signer,
            "Issuer" => signer.Length == 0 ? "" : signer.StartsWith("Microsoft", StringComparison.Ordinal) ? "Microsoft Windows Production PCA 2011" : "DigiCert SHA2 Assured ID Code Signing CA",
            "SignerHash" => signer.Length == 0 ? "" : XxHash64.Hash(Encoding.UTF8.GetBytes(signer)).ToString("x16", CultureInfo.InvariantCulture).PadLeft(40, '0'),
            "IsCertificateValid" => signer.Length > 0,
            "IsRootSignerMicrosoft" => signer.StartsWith("Microsoft", StringComparison.Ordinal),
            "SignatureState" => signer.Length == 0 ? "Unsigned" : "SignedValid",
            "IsExecutable" => true,
            "ThreatName" => rare && signer.Length == 0 ? "Trojan:Win32/Synthetic.A!ml" : "",
            "Publisher" => signer,
            "SoftwareName" => "",
            _ => "Available",
        };
    }
}
