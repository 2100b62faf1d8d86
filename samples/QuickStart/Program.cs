using System;
using Defender365Typed;

// Typed hunting queries: only real columns, only the operators each column's type allows, every value escaped.
string suspicious = "powershell.exe";

var encodedPowerShell = Hunting.DeviceProcessEvents
    .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
    .Where(e => e.FileName.EqualsIgnoreCase(suspicious) && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
    .Project(SuspiciousPowerShell.Shape)
    .OrderByDescending(e => e.Timestamp)
    .Take(100);

Console.WriteLine("// Encoded PowerShell in the last week");
Console.WriteLine(encodedPowerShell.ToKql());
Console.WriteLine();

var busiestAccounts = Hunting.DeviceLogonEvents
    .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) && e.ActionType == "LogonFailed")
    .Summarize(FailedLogons.Shape,
        (e, r) => [r.Failures.Assign(Kql.Count()), r.Devices.Assign(Kql.DCount(e.DeviceName))],
        by: (e, r) => [r.AccountName.Assign(e.AccountName), r.Hour.Assign(e.Timestamp.Bin(TimeSpan.FromHours(1)))])
    .Where(r => r.Failures > 20)
    .Top(10, r => r.Failures);

Console.WriteLine("// Accounts with the most failed logons per hour");
Console.WriteLine(busiestAccounts.ToKql());

/// <summary>A row of the encoded-PowerShell hunt.</summary>
[HuntingResult]
public sealed partial record SuspiciousPowerShell(DateTime Timestamp, string DeviceName, string AccountName, string ProcessCommandLine);

/// <summary>Failed logons per account and hour.</summary>
[HuntingResult]
public sealed partial record FailedLogons(string AccountName, DateTime Hour, long Failures, long Devices);
