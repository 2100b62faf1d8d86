using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Emulator.Api;

/// <summary>The service side of incident values: spellings of both APIs and the allowed combinations.</summary>
internal static class IncidentRules
{
    public static readonly string[] Statuses = ["active", "inProgress", "resolved", "redirected", "awaitingAction", "unknownFutureValue"];
    public static readonly string[] Severities = ["unknown", "informational", "low", "medium", "high", "unknownFutureValue"];
    public static readonly string[] Classifications = ["unknown", "falsePositive", "truePositive", "informationalExpectedActivity", "unknownFutureValue"];

    public static readonly Dictionary<string, string[]> DeterminationsByClassification = new(StringComparer.OrdinalIgnoreCase)
    {
        ["truePositive"] = ["multiStagedAttack", "maliciousUserActivity", "compromisedUser", "malware", "phishing", "unwantedSoftware", "other"],
        ["informationalExpectedActivity"] = ["securityTesting", "lineOfBusinessApplication", "confirmedUserActivity", "other"],
        ["falsePositive"] = ["clean", "insufficientData", "other"],
        ["unknown"] = ["unknown"],
    };

    private static readonly Dictionary<string, string> LegacyToGraph = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CompromisedAccount"] = "compromisedUser",
        ["ConfirmedActivity"] = "confirmedUserActivity",
        ["NoEnoughDataToValidate"] = "insufficientData",
        ["NotAvailable"] = "unknown",
        ["NotMalicious"] = "clean",
        ["UnSpecified"] = "unknown",
    };

    private static readonly Dictionary<string, string> GraphToLegacyDetermination = new(StringComparer.OrdinalIgnoreCase)
    {
        ["compromisedUser"] = "CompromisedAccount",
        ["confirmedUserActivity"] = "ConfirmedActivity",
        ["insufficientData"] = "NoEnoughDataToValidate",
        ["unknown"] = "NotAvailable",
    };

    private static readonly string[] AllDeterminations =
    [
        "unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other", "multiStagedAttack",
        "compromisedUser", "phishing", "maliciousUserActivity", "clean", "insufficientData", "confirmedUserActivity", "lineOfBusinessApplication",
    ];

    /// <summary>The Graph camelCase spelling of a value given in either API's spelling, or null if unknown.</summary>
    public static string? Canonical(string? value, IEnumerable<string> known)
    {
        if (value is null)
        {
            return null;
        }

        if (LegacyToGraph.TryGetValue(value, out string? mapped))
        {
            return mapped;
        }

        return known.FirstOrDefault(k => k.Equals(value, StringComparison.OrdinalIgnoreCase));
    }

    public static string? CanonicalDetermination(string? value) => Canonical(value, AllDeterminations);

    public static string Pascal(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];

    public static string LegacySeverity(string severity) => severity == "unknown" ? "UnSpecified" : Pascal(severity);

    public static string LegacyDetermination(string determination) =>
        GraphToLegacyDetermination.TryGetValue(determination, out string? legacy) ? legacy : Pascal(determination);
}
