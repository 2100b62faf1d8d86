using System;
using System.Collections.Generic;
using System.Globalization;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;

namespace Defender365Typed.CommandLine.Emulation;

/// <summary>
/// The emulator's content until KQL evaluation is plugged in: a handful of incidents, and scripted answers for the
/// demo's typed query and for <c>DeviceProcessEvents | take 10</c>. Any other query gets a 400 that says so.
/// </summary>
internal sealed class ScriptedDemoData : IEmulatorDataSource
{
    /// <summary>A raw query with a scripted answer (for <c>hunt --emulator</c>).</summary>
    public const string SampleQuery = "DeviceProcessEvents | take 10";

    public string Description => "scripted hunting answers (the demo query and \"" + SampleQuery + "\")";

    public void Fill(DefenderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        SeedIncidents(emulator.Incidents);
        string demoKql = DemoQueries.SuspiciousPowerShellQuery().ToKql();
        emulator.Hunting.When(q => Same(q, demoKql), new HuntingScript
        {
            Rows = () => PowerShellRows(DateTime.UtcNow),
        }
            .Column("Timestamp", "DateTime")
            .Column("DeviceName", "String")
            .Column("AccountName", "String")
            .Column("ProcessCommandLine", "String"));

        emulator.Hunting.When(q => Same(q, SampleQuery), new HuntingScript
        {
            Rows = () => ProcessRows(DateTime.UtcNow),
        }
            .Column("Timestamp", "DateTime")
            .Column("DeviceName", "String")
            .Column("AccountName", "String")
            .Column("FileName", "String")
            .Column("ProcessId", "Int64"));

        emulator.Hunting.When(_ => true, new HuntingScript
        {
            Error = "The emulator answers hunting queries from scripts until KQL evaluation is plugged in; it has no script for this query. "
                + "Try the demo's query or \"" + SampleQuery + "\".",
        });
    }

    private static bool Same(string received, string expected) =>
        string.Equals(received.ReplaceLineEndings("\n").Trim(), expected.ReplaceLineEndings("\n").Trim(), StringComparison.Ordinal);

    private static IEnumerable<object?[]> PowerShellRows(DateTime now)
    {
        yield return [now.AddHours(-2).AddMinutes(-14), "ws-fin-017.contoso.example", "j.doe", "powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA"];
        yield return [now.AddHours(-9).AddMinutes(-3), "ws-hr-004.contoso.example", "a.smith", "powershell.exe -EncodedCommand JABjAGwAaQBlAG4AdAAgAD0AIABO"];
        yield return [now.AddDays(-2).AddHours(-5), "srv-app-02.contoso.example", "svc-backup", "powershell.exe -exec bypass -enc UwB0AGEAcgB0AC0AUwBsAGUAZQBw"];
    }

    private static IEnumerable<object?[]> ProcessRows(DateTime now)
    {
        string[] files = ["explorer.exe", "svchost.exe", "powershell.exe", "chrome.exe", "cmd.exe"];
        for (int i = 0; i < 10; i++)
        {
            yield return [now.AddMinutes(-7 * (i + 1)), "ws-fin-0" + (10 + (i % 3)).ToString(CultureInfo.InvariantCulture) + ".contoso.example",
                i % 2 == 0 ? "j.doe" : "a.smith", files[i % files.Length], 4000L + (i * 17)];
        }
    }

    private static void SeedIncidents(IncidentStore store)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        (long Id, string Name, string Severity, string Status, string Category, int HoursAgo)[] seed =
        [
            (1001, "Multi-stage incident involving Execution & Defense evasion on ws-fin-017", "high", "active", "Execution", 3),
            (1002, "Suspicious sign-in activity for a.smith", "medium", "active", "InitialAccess", 8),
            (1003, "Phishing email delivered to 4 mailboxes", "medium", "inProgress", "InitialAccess", 20),
            (1004, "Encoded PowerShell on srv-app-02", "high", "active", "Execution", 50),
            (1005, "Unwanted software detected on ws-hr-004", "low", "resolved", "Malware", 120),
        ];
        foreach (var s in seed)
        {
            var incident = new EmulatedIncident
            {
                Id = s.Id,
                DisplayName = s.Name,
                Severity = s.Severity,
                Status = s.Status,
                CreatedDateTime = now.AddHours(-s.HoursAgo),
                LastUpdateDateTime = now.AddHours(-s.HoursAgo).AddMinutes(20),
            };
            incident.Alerts.Add(new EmulatedAlert("da" + s.Id.ToString(CultureInfo.InvariantCulture), s.Name, s.Severity, "new", s.Category,
                "microsoftDefenderForEndpoint", "edr", incident.CreatedDateTime));
            store.Add(incident);
        }
    }
}
