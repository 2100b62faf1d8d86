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

        string? classification = update.Classification?.Canonical;
        if (update.Classification is not null)
        {
            Require(IncidentVocabulary.Classifications, classification, "classification", nameof(update));
        }

        if (update.Determination is IncidentDetermination determination)
        {
            if (classification is null)
            {
                throw new ArgumentException("A determination can only be set together with the classification it belongs to.", nameof(update));
            }

            IReadOnlyList<string> allowed = IncidentVocabulary.DeterminationsByClassification[classification];
            if (!allowed.Contains(determination.Canonical, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"Determination '{determination}' does not go with classification '{update.Classification}'; allowed: {string.Join(", ", allowed)}.", nameof(update));
            }
        }

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

    private static void Require(IReadOnlyList<string> allowed, string? value, string what, string parameter)
    {
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{value}' is not a {what} that can be set; allowed: {string.Join(", ", allowed)}.", parameter);
        }
    }
}
