using System;
using Defender365Typed;

namespace Defender365Typed.Cli.Emulation;

/// <summary>The typed hunting query the demo runs, built with the query builder (not a string).</summary>
internal static class DemoQueries
{
    /// <summary>A raw query to try with <c>hunt --emulator</c>.</summary>
    public const string SampleQuery =
        "DeviceProcessEvents | where FileName =~ \"powershell.exe\" | project Timestamp, DeviceName, AccountName, FileName, ProcessId | order by Timestamp desc | take 10";

    /// <summary>The C# of <see cref="SuspiciousPowerShellQuery"/>, shown by the demo.</summary>
    public const string SuspiciousPowerShellSource = """
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe") && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
            .Project(SuspiciousPowerShell.Shape)
            .OrderByDescending(e => e.Timestamp)
            .Take(10)
        """;

    /// <summary>PowerShell started with an encoded command line in the last seven days.</summary>
    public static KqlQuery<SuspiciousPowerShell, SuspiciousPowerShell.Columns> SuspiciousPowerShellQuery() =>
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe") && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
            .Project(SuspiciousPowerShell.Shape)
            .OrderByDescending(e => e.Timestamp)
            .Take(10);
}

/// <summary>A row of <see cref="DemoQueries.SuspiciousPowerShellQuery"/>.</summary>
[HuntingResult]
internal sealed partial record SuspiciousPowerShell(DateTime Timestamp, string DeviceName, string AccountName, string ProcessCommandLine);
