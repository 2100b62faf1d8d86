using Defender365Typed.Client;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// The service side of incident values: a value is accepted only in a documented spelling of either API. The values,
/// the allowed combinations and the spellings are the client's (<see cref="IncidentVocabulary"/>, linked into this assembly).
/// </summary>
internal static class IncidentRules
{
    /// <summary>The settable status <paramref name="value"/> names, in Graph spelling, or null.</summary>
    public static string? SettableStatus(string? value) => IncidentVocabulary.Find(IncidentVocabulary.SettableStatuses, value);

    public static string? Classification(string? value) => IncidentVocabulary.Find(IncidentVocabulary.Classifications, value);

    public static string? Determination(string? value) => IncidentVocabulary.Find(IncidentVocabulary.Determinations, value);

    /// <summary>Whether <paramref name="determination"/> may be set with <paramref name="classification"/> (both in Graph spelling).</summary>
    public static bool Allows(string classification, string determination) =>
        IncidentVocabulary.DeterminationsByClassification.TryGetValue(classification, out var allowed)
        && IncidentVocabulary.Find(allowed, determination) is not null;

    public static string Pascal(string value) => IncidentVocabulary.Pascal(value);

    public static string LegacySeverity(string severity) => IncidentVocabulary.LegacySeverity(severity);

    public static string LegacyDetermination(string determination) => IncidentVocabulary.LegacyDetermination(determination);
}
