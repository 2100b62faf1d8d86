using System;
using Defender365Typed;

// Typed hunting queries: only real columns, only the operators each column's type allows, every value escaped.
// Each query below is printed as KQL; the README shows the same code.
string suspicious = "powershell.exe";

Print("Encoded PowerShell in the last week", Hunting.DeviceProcessEvents
    .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
    .Where(e => e.FileName.EqualsIgnoreCase(suspicious) && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
    .Project(SuspiciousPowerShell.Shape)
    .OrderByDescending(e => e.Timestamp)
    .Take(100));

Print("Remote administration connections that left the private range", Hunting.DeviceNetworkEvents
    .Where(e => e.RemotePort.In(3389, 22) && e.ActionType == "ConnectionSuccess")
    .Where(e => !e.RemoteIP.StartsWith("10.")));

Print("Large files written (computed columns are typed)", Hunting.DeviceFileEvents
    .Extend("SizeMb", e => e.FileSize.AsReal() / 1048576.0, out KqlReal sizeMb)
    .Where(e => sizeMb > 100));

Print("Accounts with the most failed logons per hour", Hunting.DeviceLogonEvents
    .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) && e.ActionType == "LogonFailed")
    .Summarize(FailedLogons.Shape,
        (e, r) => [r.Failures.Assign(Kql.Count()), r.Devices.Assign(Kql.DCount(e.DeviceName))],
        by: (e, r) => [r.AccountName.Assign(e.AccountName), r.Hour.Assign(e.Timestamp.Bin(TimeSpan.FromHours(1)))])
    .Where(r => r.Failures > 20)
    .Top(10, r => r.Failures));

Print("Processes on Windows 10 devices (typed join)", Hunting.DeviceProcessEvents
    .Join(KqlJoinKind.Inner, Hunting.DeviceInfo.Where(d => d.OSPlatform == "Windows10"), (l, r) => l.DeviceId == r.DeviceId)
    .Project(ProcessOnDevice.Shape, (j, r) => [
        r.DeviceName.Assign(j.Left.DeviceName),
        r.FileName.Assign(j.Left.FileName),
        r.OSVersion.Assign(j.Right.OSVersion)]));

static void Print(string title, KqlTabular query)
{
    Console.WriteLine("// " + title);
    Console.WriteLine(query.ToKql());
    Console.WriteLine();
}

/// <summary>A row of the encoded-PowerShell hunt.</summary>
[HuntingResult]
public sealed partial record SuspiciousPowerShell(DateTime Timestamp, string DeviceName, string AccountName, string ProcessCommandLine);

/// <summary>Failed logons per account and hour.</summary>
[HuntingResult]
public sealed partial record FailedLogons(string AccountName, DateTime Hour, long Failures, long Devices);

/// <summary>A process and the OS version of its device.</summary>
[HuntingResult]
public sealed partial record ProcessOnDevice(string DeviceName, string FileName, string OSVersion);
