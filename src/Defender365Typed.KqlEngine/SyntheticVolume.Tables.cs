using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// The cells of each generated table, by documented column name (a column not named here keeps its empty value). Each
/// cell's CLR type is the one <see cref="KqlResultColumn"/> documents for the column's KQL type (int for int, long for
/// long, UTC DateTime for datetime).
/// </summary>
internal static class VolumeTables
{
    private static readonly object One = 1L;
    private static readonly object False = false;
    private static readonly object[] LocalPorts = Enumerable.Range(49152, 16384).Select(p => (object)p).ToArray();
    private static readonly string[] NetworkActions = ["ConnectionSuccess", "ConnectionFailed", "InboundConnectionAccepted", "ConnectionAttempt", "ListeningConnectionCreated"];

    public static VolumeCell?[] Network(IReadOnlyList<KqlResultColumn> columns) => Plan("DeviceNetworkEvents", columns, new Dictionary<string, VolumeCell>(StringComparer.Ordinal)
    {
        ["Timestamp"] = (in VolumeRow r) => r.Timestamp,
        ["DeviceId"] = (in VolumeRow r) => r.Device.Id,
        ["DeviceName"] = (in VolumeRow r) => r.Device.Name,
        ["ActionType"] = (in VolumeRow r) => r.IsAttack ? NetworkActions[0] : (r.Draw(10) % 100) switch
        {
            < 70 => NetworkActions[0],
            < 80 => NetworkActions[1],
            < 88 => NetworkActions[2],
            < 95 => NetworkActions[3],
            _ => NetworkActions[4],
        },
        ["RemoteIP"] = (in VolumeRow r) => r.Endpoint.Ip,
        ["RemotePort"] = (in VolumeRow r) => r.Endpoint.Port,
        ["RemoteUrl"] = (in VolumeRow r) => r.Endpoint.Url,
        ["LocalIP"] = (in VolumeRow r) => r.Device.Ip,
        ["LocalPort"] = (in VolumeRow r) => LocalPorts[r.Draw(11) % (ulong)LocalPorts.Length],
        ["Protocol"] = (in VolumeRow r) => r.Endpoint.Protocol,
        ["LocalIPType"] = (in VolumeRow r) => "Private",
        ["RemoteIPType"] = (in VolumeRow r) => r.Endpoint.IpType,
        ["InitiatingProcessSHA1"] = (in VolumeRow r) => r.Binary.Sha1,
        ["InitiatingProcessSHA256"] = (in VolumeRow r) => r.Binary.Sha256,
        ["InitiatingProcessMD5"] = (in VolumeRow r) => r.Binary.Md5,
        ["InitiatingProcessFileName"] = (in VolumeRow r) => r.Binary.FileName,
        ["InitiatingProcessFileSize"] = (in VolumeRow r) => r.Binary.Size,
        ["InitiatingProcessVersionInfoCompanyName"] = (in VolumeRow r) => r.Binary.Company,
        ["InitiatingProcessId"] = (in VolumeRow r) => ProcessId(r),
        ["InitiatingProcessCommandLine"] = (in VolumeRow r) => r.Binary.CommandLine,
        ["InitiatingProcessCreationTime"] = (in VolumeRow r) => ProcessStart(r),
        ["InitiatingProcessFolderPath"] = (in VolumeRow r) => r.Binary.FolderPath,
        ["InitiatingProcessParentFileName"] = (in VolumeRow r) => Parent(r).FileName,
        ["InitiatingProcessParentId"] = (in VolumeRow r) => ParentId(r),
        ["InitiatingProcessAccountDomain"] = (in VolumeRow r) => r.Account.Domain,
        ["InitiatingProcessAccountName"] = (in VolumeRow r) => r.Account.Name,
        ["InitiatingProcessAccountSid"] = (in VolumeRow r) => r.Account.Sid,
        ["InitiatingProcessAccountUpn"] = (in VolumeRow r) => r.Account.Upn,
        ["InitiatingProcessAccountObjectId"] = (in VolumeRow r) => r.Account.ObjectId,
        ["InitiatingProcessIntegrityLevel"] = (in VolumeRow r) => "Medium",
        ["InitiatingProcessTokenElevation"] = (in VolumeRow r) => "TokenElevationTypeLimited",
        ["ReportId"] = (in VolumeRow r) => ReportId(r),
        ["AdditionalFields"] = (in VolumeRow r) => "{}",
        ["InitiatingProcessSessionId"] = (in VolumeRow r) => One,
        ["IsInitiatingProcessRemoteSession"] = (in VolumeRow r) => False,
    });

    public static VolumeCell?[] Processes(IReadOnlyList<KqlResultColumn> columns) => Plan("DeviceProcessEvents", columns, new Dictionary<string, VolumeCell>(StringComparer.Ordinal)
    {
        ["Timestamp"] = (in VolumeRow r) => r.Timestamp,
        ["DeviceId"] = (in VolumeRow r) => r.Device.Id,
        ["DeviceName"] = (in VolumeRow r) => r.Device.Name,
        ["ActionType"] = (in VolumeRow r) => "ProcessCreated",
        ["FileName"] = (in VolumeRow r) => r.Binary.FileName,
        ["FolderPath"] = (in VolumeRow r) => r.Binary.FolderPath,
        ["SHA1"] = (in VolumeRow r) => r.Binary.Sha1,
        ["SHA256"] = (in VolumeRow r) => r.Binary.Sha256,
        ["MD5"] = (in VolumeRow r) => r.Binary.Md5,
        ["FileSize"] = (in VolumeRow r) => r.Binary.Size,
        ["ProcessVersionInfoCompanyName"] = (in VolumeRow r) => r.Binary.Company,
        ["ProcessId"] = (in VolumeRow r) => ProcessId(r),
        ["ProcessCommandLine"] = (in VolumeRow r) => r.Binary.CommandLine,
        ["ProcessIntegrityLevel"] = (in VolumeRow r) => "Medium",
        ["ProcessTokenElevation"] = (in VolumeRow r) => "TokenElevationTypeLimited",
        ["ProcessCreationTime"] = (in VolumeRow r) => r.Timestamp,
        ["AccountDomain"] = (in VolumeRow r) => r.Account.Domain,
        ["AccountName"] = (in VolumeRow r) => r.Account.Name,
        ["AccountSid"] = (in VolumeRow r) => r.Account.Sid,
        ["AccountUpn"] = (in VolumeRow r) => r.Account.Upn,
        ["AccountObjectId"] = (in VolumeRow r) => r.Account.ObjectId,
        ["InitiatingProcessAccountDomain"] = (in VolumeRow r) => r.Account.Domain,
        ["InitiatingProcessAccountName"] = (in VolumeRow r) => r.Account.Name,
        ["InitiatingProcessAccountSid"] = (in VolumeRow r) => r.Account.Sid,
        ["InitiatingProcessAccountUpn"] = (in VolumeRow r) => r.Account.Upn,
        ["InitiatingProcessAccountObjectId"] = (in VolumeRow r) => r.Account.ObjectId,
        ["InitiatingProcessIntegrityLevel"] = (in VolumeRow r) => "Medium",
        ["InitiatingProcessTokenElevation"] = (in VolumeRow r) => "TokenElevationTypeLimited",
        ["InitiatingProcessSHA1"] = (in VolumeRow r) => Parent(r).Sha1,
        ["InitiatingProcessSHA256"] = (in VolumeRow r) => Parent(r).Sha256,
        ["InitiatingProcessMD5"] = (in VolumeRow r) => Parent(r).Md5,
        ["InitiatingProcessFileName"] = (in VolumeRow r) => Parent(r).FileName,
        ["InitiatingProcessFileSize"] = (in VolumeRow r) => Parent(r).Size,
        ["InitiatingProcessVersionInfoCompanyName"] = (in VolumeRow r) => Parent(r).Company,
        ["InitiatingProcessId"] = (in VolumeRow r) => ParentId(r),
        ["InitiatingProcessCommandLine"] = (in VolumeRow r) => Parent(r).CommandLine,
        ["InitiatingProcessCreationTime"] = (in VolumeRow r) => ProcessStart(r),
        ["InitiatingProcessFolderPath"] = (in VolumeRow r) => Parent(r).FolderPath,
        ["ReportId"] = (in VolumeRow r) => ReportId(r),
        ["AdditionalFields"] = (in VolumeRow r) => "{}",
        ["InitiatingProcessSessionId"] = (in VolumeRow r) => One,
        ["IsInitiatingProcessRemoteSession"] = (in VolumeRow r) => False,
    });

    private static object ProcessId(in VolumeRow r) => 1_000L + (long)(r.Draw(12) % 60_000);

    private static object ParentId(in VolumeRow r) => 500L + (long)(r.Draw(13) % 5_000);

    private static VolumeBinary Parent(in VolumeRow r) => r.Pick(r.Tenant.Binaries, 14);

    /// <summary>The initiating process started up to ten hours before the event.</summary>
    private static object ProcessStart(in VolumeRow r) => r.Timestamp - TimeSpan.FromSeconds(1 + (double)(r.Draw(15) % 36_000));

    private static object ReportId(in VolumeRow r) => (long)r.Index + 1;

    private static VolumeCell?[] Plan(string table, IReadOnlyList<KqlResultColumn> columns, Dictionary<string, VolumeCell> cells)
    {
        VolumeCell?[] plan = columns.Select(c => cells.GetValueOrDefault(c.Name)).ToArray();
        if (cells.Keys.FirstOrDefault(name => !columns.Any(c => c.Name == name)) is { } undocumented)
        {
            throw new InvalidOperationException($"SyntheticVolume sets {table}.{undocumented}, which is not documented.");
        }

        return plan;
    }
}
