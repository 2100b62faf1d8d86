using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>
/// Close reasons (as a ticketing system names them) mapped to the classification and determination an incident is resolved
/// with, in the syntax of the Cortex XSOAR Microsoft 365 Defender integration:
/// <c>Resolved=TruePositive-Malware, False Positive=FalsePositive-NotMalicious</c>. Either API's spelling is accepted
/// (<c>NotMalicious</c> is Graph's <c>clean</c>); every pair is checked against the documented ones when parsed, so a mapping
/// that parses can only produce updates the service accepts.
/// </summary>
public sealed class CloseReasonMapping
{
    private const string Syntax = "'Reason=Classification-Determination', entries separated by commas";

    private readonly Dictionary<string, CloseReason> _byName;

    private CloseReasonMapping(IReadOnlyList<CloseReason> reasons)
    {
        Reasons = reasons;
        _byName = reasons.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The integration's defaults: <c>Resolved</c> only resolves (classification left alone), <c>False Positive</c> is
    /// falsePositive/other, <c>Other</c> and <c>Duplicate</c> are unknown/unknown (the legacy API's NotAvailable).
    /// </summary>
    public static CloseReasonMapping Default { get; } = new(
    [
        new CloseReason("Resolved", null, null),
        new CloseReason("False Positive", IncidentClassification.FalsePositive, IncidentDetermination.Other),
        new CloseReason("Other", IncidentClassification.Unknown, IncidentDetermination.Unknown),
        new CloseReason("Duplicate", IncidentClassification.Unknown, IncidentDetermination.Unknown),
    ]);

    /// <summary>The reasons, in the order given.</summary>
    public IReadOnlyList<CloseReason> Reasons { get; }

    /// <summary>Parses a mapping; it replaces the defaults entirely.</summary>
    /// <exception cref="FormatException">The text is malformed, names an unknown classification or determination, an invalid pair, or a reason twice; the message names the entry.</exception>
    public static CloseReasonMapping Parse(string mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (string.IsNullOrWhiteSpace(mapping))
        {
            throw new FormatException($"The close-reason mapping is empty; expected {Syntax}.");
        }

        var reasons = new List<CloseReason>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in mapping.Split(','))
        {
            string entry = raw.Trim();
            if (entry.Length == 0)
            {
                throw new FormatException($"The close-reason mapping has an empty entry (two commas, or one at an end); expected {Syntax}.");
            }

            CloseReason reason = ParseEntry(entry);
            if (!seen.Add(reason.Name))
            {
                throw new FormatException($"The close-reason mapping names reason '{reason.Name}' twice.");
            }

            reasons.Add(reason);
        }

        return new CloseReasonMapping(reasons);
    }

    /// <summary>The reason named <paramref name="name"/> (case-insensitive, surrounding spaces ignored).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out CloseReason? reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(Normalize(name), out reason);
    }

    /// <summary>The reason named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such reason; the message lists the known ones.</exception>
    public CloseReason Get(string name) => TryGet(name, out CloseReason? reason)
        ? reason
        : throw new ArgumentException($"Unknown close reason '{name}'; known: {string.Join(", ", Reasons.Select(r => r.Name))}.", nameof(name));

    /// <summary>The mapping in its own syntax (parses back to an equal mapping).</summary>
    public override string ToString() => string.Join(", ", Reasons.Select(r => r.ToString()));

    private static CloseReason ParseEntry(string entry)
    {
        int equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new FormatException($"Close-reason entry '{entry}' has no '='; expected {Syntax}.");
        }

        string name = Normalize(entry[..equals]);
        string pair = entry[(equals + 1)..].Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"Close-reason entry '{entry}' has no reason before '='.");
        }

        int dash = pair.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            throw new FormatException($"Close-reason entry '{entry}' needs 'Classification-Determination' after '=', e.g. FalsePositive-NotMalicious.");
        }

        string classificationText = pair[..dash].Trim();
        string determinationText = pair[(dash + 1)..].Trim();
        string classification = IncidentVocabulary.Find(IncidentVocabulary.Classifications, classificationText)
            ?? throw new FormatException($"Close reason '{name}': '{classificationText}' is not a classification; known: {string.Join(", ", IncidentVocabulary.Classifications.Select(IncidentVocabulary.Pascal))}.");
        string determination = IncidentVocabulary.Find(IncidentVocabulary.Determinations, determinationText)
            ?? throw new FormatException($"Close reason '{name}': '{determinationText}' is not a determination; known: {string.Join(", ", IncidentVocabulary.Determinations.Select(IncidentVocabulary.Pascal))}.");
        IReadOnlyList<string> allowed = IncidentVocabulary.DeterminationsByClassification[classification];
        if (IncidentVocabulary.Find(allowed, determination) is null)
        {
            throw new FormatException(
                $"Close reason '{name}': '{classificationText}-{determinationText}' is not a valid classification-determination pair; {IncidentVocabulary.Pascal(classification)} allows {string.Join(", ", allowed.Select(IncidentVocabulary.Pascal))}.");
        }

        return new CloseReason(name, new IncidentClassification(classification), new IncidentDetermination(determination));
    }

    /// <summary>Trims and collapses inner runs of white space, so "False  Positive" is "False Positive".</summary>
    private static string Normalize(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>One close reason: the classification and determination an incident closed for it is resolved with.</summary>
/// <param name="Name">The reason's name, e.g. <c>False Positive</c>.</param>
/// <param name="Classification">The classification to set, or null to leave it (with the determination) as it is.</param>
/// <param name="Determination">The determination to set; null exactly when <paramref name="Classification"/> is.</param>
public sealed record CloseReason(string Name, IncidentClassification? Classification, IncidentDetermination? Determination)
{
    /// <summary>The update that closes an incident for this reason: status resolved, plus the classification and determination.</summary>
    public IncidentUpdate ToUpdate() => new()
    {
        Status = IncidentStatus.Resolved,
        Classification = Classification,
        Determination = Determination,
    };

    /// <summary><c>Name=Classification-Determination</c> (legacy spellings), or just the name when it only resolves.</summary>
    public override string ToString() => Classification is IncidentClassification c && Determination is IncidentDetermination d
        ? $"{Name}={IncidentVocabulary.Pascal(c.Canonical!)}-{IncidentVocabulary.LegacyDetermination(d.Canonical!)}"
        : Name;
}
