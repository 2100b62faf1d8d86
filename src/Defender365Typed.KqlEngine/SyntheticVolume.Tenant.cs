using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Defender365Typed.KqlEngine;

/// <summary>One cell of a generated row.</summary>
internal delegate object? VolumeCell(in VolumeRow row);

/// <summary>
/// What one generated row is made of: its index, a 64-bit hash of (seed, index) that every choice is drawn from, its
/// timestamp and the tenant's pools. <see cref="Pick{T}"/> draws independent choices from different bits of the hash.
/// </summary>
internal readonly struct VolumeRow(int index, ulong hash, DateTime timestamp, VolumeTenant tenant)
{
    public int Index { get; } = index;

    public ulong Hash { get; } = hash;

    public DateTime Timestamp { get; } = timestamp;

    public VolumeTenant Tenant { get; } = tenant;

    /// <summary>Attack activity: about one row in 20,000.</summary>
    public bool IsAttack => Draw(7) % 20_000 == 0;

    public VolumeDevice Device => Pick(Tenant.Devices, 1);

    public VolumeAccount Account => Pick(Tenant.Accounts, 2);

    public VolumeBinary Binary => IsAttack ? Tenant.PowerShell : Pick(Tenant.Binaries, 3);

    public VolumeEndpoint Endpoint => IsAttack ? Tenant.C2 : Pick(Tenant.Endpoints, 4);

    /// <summary>A pseudo-random number for choice <paramref name="salt"/> of this row.</summary>
    public ulong Draw(ulong salt) => VolumeTenant.Mix(Hash, salt);

    public T Pick<T>(T[] items, ulong salt) => items[(int)(Draw(salt) % (ulong)items.Length)];
}

internal sealed record VolumeDevice(string Id, string Name, string Ip);

internal sealed record VolumeAccount(string Domain, string Name, string Sid, string Upn, string ObjectId);

internal sealed record VolumeBinary(string FileName, string FolderPath, string CommandLine, string Sha1, string Sha256, string Md5, object Size, string Company);

internal sealed record VolumeEndpoint(string Ip, object Port, string Url, string Protocol, string IpType);

/// <summary>
/// The pools a large tenant's rows are drawn from: 2,000 devices, 500 accounts, 40 binaries and 3,000 remote endpoints,
/// all derived from the seed, plus the attack's binary and C2 endpoint. Values are boxed once here, so reading a row
/// boxes only what is unique to it (timestamps and IDs).
/// </summary>
internal sealed class VolumeTenant
{
    public const string C2Ip = "185.220.101.45";
    public const string C2Url = "update-check.badcdn.net";

    private static readonly string[] Sites = ["www.microsoft.com", "outlook.office365.com", "teams.microsoft.com", "www.google.com", "github.com",
        "login.microsoftonline.com", "settings-win.data.microsoft.com", "cdn.contoso-partner.com", "api.slack.com", "zoom.us"];

    private static readonly (string Name, string Folder, string Company)[] Programs =
    [
        ("svchost.exe", @"c:\windows\system32\", "Microsoft Corporation"), ("msedge.exe", @"c:\program files (x86)\microsoft\edge\application\", "Microsoft Corporation"),
        ("chrome.exe", @"c:\program files\google\chrome\application\", "Google LLC"), ("outlook.exe", @"c:\program files\microsoft office\root\office16\", "Microsoft Corporation"),
        ("teams.exe", @"c:\users\public\appdata\local\microsoft\teams\current\", "Microsoft Corporation"), ("onedrive.exe", @"c:\program files\microsoft onedrive\", "Microsoft Corporation"),
        ("git.exe", @"c:\program files\git\cmd\", "The Git Development Community"), ("code.exe", @"c:\program files\microsoft vs code\", "Microsoft Corporation"),
        ("lsass.exe", @"c:\windows\system32\", "Microsoft Corporation"), ("explorer.exe", @"c:\windows\", "Microsoft Corporation"),
    ];

    public VolumeTenant(int seed)
    {
        ulong s = Mix((ulong)(uint)seed, 0x7E4A47);
        Devices = new VolumeDevice[2_000];
        for (int i = 0; i < Devices.Length; i++)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"{(i % 10 == 0 ? "srv" : "ws")}-{i:D4}.contoso.local");
            Devices[i] = new VolumeDevice(Hex("device:" + seed + ":" + name, 40), name,
                string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 8) & 255}.{i & 255}.{10 + (int)(Mix(s, (ulong)i) % 200)}"));
        }

        Accounts = new VolumeAccount[500];
        for (int i = 0; i < Accounts.Length; i++)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"user{i:D3}");
            Accounts[i] = new VolumeAccount("CONTOSO", name, string.Create(CultureInfo.InvariantCulture, $"S-1-5-21-1004336348-1177238915-682003330-{2000 + i}"),
                name + "@contoso.com", new Guid(Hex("account:" + seed + ":" + name, 32)).ToString("D"));
        }

        Binaries = new VolumeBinary[40];
        for (int i = 0; i < Binaries.Length; i++)
        {
            (string program, string folder, string company) = Programs[i % Programs.Length];
            string version = string.Create(CultureInfo.InvariantCulture, $"{10 + (i / Programs.Length)}.0.{Mix(s, 100 + (ulong)i) % 30000}");
            Binaries[i] = Binary(program, folder, $"\"{program}\" --version-{version}", company, 100_000 + (long)(Mix(s, 200 + (ulong)i) % 5_000_000), seed);
        }

        Endpoints = new VolumeEndpoint[3_000];
        object[] ports = [443, 443, 443, 443, 80, 53, 445, 3389, 22, 8080];
        for (int i = 0; i < Endpoints.Length; i++)
        {
            ulong h = Mix(s, 1_000 + (ulong)i);
            object port = ports[h % (ulong)ports.Length];
            bool internalHost = (int)port is 445 or 3389 or 53;
            string ip = internalHost
                ? string.Create(CultureInfo.InvariantCulture, $"10.0.{(h >> 8) % 4}.{(h >> 16) % 250}")
                : string.Create(CultureInfo.InvariantCulture, $"{20 + ((h >> 8) % 180)}.{(h >> 16) % 256}.{(h >> 24) % 256}.{(h >> 32) % 254 + 1}");
            Endpoints[i] = new VolumeEndpoint(ip, port, internalHost ? "" : Sites[(h >> 40) % (ulong)Sites.Length], (int)port == 53 ? "Udp" : "Tcp",
                internalHost ? "Private" : "Public");
        }

        PowerShell = Binary("powershell.exe", @"c:\windows\system32\windowspowershell\v1.0\",
            "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA", "Microsoft Corporation", 452_608, seed);
        C2 = new VolumeEndpoint(C2Ip, 443, C2Url, "Tcp", "Public");
    }

    public VolumeDevice[] Devices { get; }

    public VolumeAccount[] Accounts { get; }

    public VolumeBinary[] Binaries { get; }

    public VolumeEndpoint[] Endpoints { get; }

    public VolumeBinary PowerShell { get; }

    public VolumeEndpoint C2 { get; }

    /// <summary>SplitMix64's finalizer over two inputs: a fast, well-mixed, deterministic hash.</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        unchecked
        {
            ulong z = a + (b * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static VolumeBinary Binary(string program, string folder, string commandLine, string company, long size, int seed) =>
        new(program, folder + program, commandLine, Hex("sha1:" + seed + ":" + commandLine, 40), Hex("sha256:" + seed + ":" + commandLine, 64),
            Hex("md5:" + seed + ":" + commandLine, 32), size, company);

    private static string Hex(string text, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
