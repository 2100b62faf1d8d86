using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>Checks an <see cref="IncidentUpdate"/> against the documented values and combinations.</summary>
internal static class IncidentUpdateValidator
{
    /// <exception cref="ArgumentException">The update is empty or not allowed.</exception>
    public static void Validate(IncidentUpdate update, DefenderApi api)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Status is null && update.AssignedTo is null && update.Classification is null && update.Determination is null
            && update.Tags is null && update.Comment is null)
        {
            throw new ArgumentException("The incident update changes nothing.", nameof(update));
        }

        if (update.Status is IncidentStatus status)
        {
            string? s = status.Canonical;
            if (string.Equals(s, "redirected", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("An incident cannot be set to Redirected: the service merges incidents itself, and a PATCH to redirected breaks the incident in the portal.", nameof(update));
            }

            Require(IncidentVocabulary.SettableStatuses, s, "status", nameof(update));
        }

        RequirePair(update.Classification, update.Determination, nameof(update));

        if (update.Tags is not null && update.Tags.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Tags must not be empty.", nameof(update));
        }

        if (update.Comment is not null)
        {
            if (api == DefenderApi.Graph)
            {
                throw new ArgumentException("Graph adds comments with their own call (AddCommentAsync), so that an update is one request and never half-applied.", nameof(update));
            }

            if (string.IsNullOrWhiteSpace(update.Comment))
            {
                throw new ArgumentException("The comment is empty.", nameof(update));
            }
        }
    }

    /// <summary>A known classification, and a determination only together with a classification it belongs to (incidents and alerts alike).</summary>
    /// <exception cref="ArgumentException">Not allowed; the message names the value or the pair.</exception>
    internal static void RequirePair(IncidentClassification? classification, IncidentDetermination? determination, string parameter)
    {
        string? canonical = classification?.Canonical;
        if (classification is not null)
        {
            Require(IncidentVocabulary.Classifications, canonical, "classification", parameter);
        }

        if (determination is IncidentDetermination d)
        {
            if (canonical is null)
            {
                throw new ArgumentException("A determination can only be set together with the classification it belongs to.", parameter);
            }

            IReadOnlyList<string> allowed = IncidentVocabulary.DeterminationsByClassification[canonical];
            if (!allowed.Contains(d.Canonical, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"Determination '{d}' does not go with classification '{classification}'; allowed: {string.Join(", ", allowed)}.", parameter);
            }
        }
    }

    internal static void Require(IReadOnlyList<string> allowed, string? value, string what, string parameter)
    {
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{value}' is not a {what} that can be set; allowed: {string.Join(", ", allowed)}.", parameter);
        }
    }
}
