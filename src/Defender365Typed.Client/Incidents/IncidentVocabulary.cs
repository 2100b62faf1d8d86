using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>
/// The one list of documented incident values (status, severity, classification, determination), the
/// classification/determination pairs the service accepts, and the legacy API's spellings of them.
/// </summary>
/// <remarks>
/// Compiled into two assemblies: the client, which owns it, and the emulator, which links this file
/// (<c>Defender365Typed.Emulator.csproj</c>) so that its service side accepts exactly what the client sends, without the
/// emulator package depending on the client's (MSAL, resilience). Internal in both; the public face is the value types'
/// <c>KnownValues</c>, <c>SettableValues</c> and <c>IncidentClassification.AllowedDeterminations</c>.
/// </remarks>
internal static class IncidentVocabulary
{
    /// <summary>Graph's evolvable-enum sentinel: a documented value of every type, never set and never filtered on.</summary>
    public const string UnknownFutureValue = "unknownFutureValue";

    public static readonly IReadOnlyList<string> Statuses = ["active", "inProgress", "resolved", "redirected", "awaitingAction"];

    /// <summary>The statuses an update may set: the service merges incidents itself (redirected) and owns awaitingAction.</summary>
    public static readonly IReadOnlyList<string> SettableStatuses = ["active", "inProgress", "resolved"];

    /// <summary>The statuses of a Graph alert (<c>alerts_v2</c>); an update may set each of them.</summary>
    public static readonly IReadOnlyList<string> AlertStatuses = ["new", "inProgress", "resolved"];

    public static readonly IReadOnlyList<string> Severities = ["unknown", "informational", "low", "medium", "high"];

    /// <summary>Every classification can be set.</summary>
    public static readonly IReadOnlyList<string> Classifications = ["unknown", "falsePositive", "truePositive", "informationalExpectedActivity"];

    public static readonly IReadOnlyList<string> Determinations =
    [
        "unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other", "multiStagedAttack",
        "compromisedUser", "phishing", "maliciousUserActivity", "clean", "insufficientData", "confirmedUserActivity", "lineOfBusinessApplication",
    ];

    /// <summary>The determinations that go with each classification (Graph <c>security/incidents</c> documentation).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DeterminationsByClassification =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["unknown"] = ["unknown"],
            ["falsePositive"] = ["clean", "insufficientData", "other"],
            ["truePositive"] = ["multiStagedAttack", "maliciousUserActivity", "compromisedUser", "malware", "phishing", "unwantedSoftware", "other"],
            ["informationalExpectedActivity"] = ["securityTesting", "lineOfBusinessApplication", "confirmedUserActivity", "other"],
        };

    /// <summary>Legacy API names whose Graph name is not just the camelCase form.</summary>
    private static readonly Dictionary<string, string> LegacyToGraph = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CompromisedAccount"] = "compromisedUser",
        ["ConfirmedActivity"] = "confirmedUserActivity",
        ["NoEnoughDataToValidate"] = "insufficientData",
        ["NotEnoughDataToValidate"] = "insufficientData", // Graph's incident update page spells it so
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

    /// <summary>The Graph camelCase form of a value in either API's spelling (unknown values are only camel-cased).</summary>
    public static string? Canonical(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        return LegacyToGraph.TryGetValue(value, out string? alias) ? alias : char.ToLowerInvariant(value[0]) + value[1..];
    }

    /// <summary>The entry of <paramref name="known"/> that <paramref name="value"/> (either API's spelling, any case) names, or null.</summary>
    public static string? Find(IReadOnlyList<string> known, string? value) =>
        Canonical(value) is { Length: > 0 } c ? known.FirstOrDefault(k => k.Equals(c, StringComparison.OrdinalIgnoreCase)) : null;

    /// <summary>Whether <paramref name="value"/> is one of <paramref name="known"/> or the <see cref="UnknownFutureValue"/> sentinel.</summary>
    public static bool IsDocumented(IReadOnlyList<string> known, string? value) =>
        Find(known, value) is not null || string.Equals(Canonical(value), UnknownFutureValue, StringComparison.OrdinalIgnoreCase);

    /// <summary>The legacy API's PascalCase form of a Graph value.</summary>
    public static string Pascal(string canonical) => canonical.Length == 0 ? canonical : char.ToUpperInvariant(canonical[0]) + canonical[1..];

    public static string LegacyDetermination(string canonical) =>
        GraphToLegacyDetermination.TryGetValue(canonical, out string? legacy) ? legacy : Pascal(canonical);

    public static string LegacySeverity(string canonical) =>
        string.Equals(canonical, "unknown", StringComparison.OrdinalIgnoreCase) ? "UnSpecified" : Pascal(canonical);
}
