using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// Graph's evolvable enums: members newer than the <c>unknownFutureValue</c> sentinel (status <c>awaitingAction</c>, or
/// any value a client cannot know yet) are sent only to a request with <c>Prefer: include-unknown-enum-members</c>;
/// others get <c>unknownFutureValue</c>.
/// </summary>
internal static class EvolvableEnums
{
    private const string Sentinel = "unknownFutureValue";

    // The members listed before the sentinel in the v1.0 metadata.
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal) { "active", "resolved", "inProgress", "redirected" };
    private static readonly HashSet<string> Severities = new(StringComparer.Ordinal) { "unknown", "informational", "low", "medium", "high" };

    public static bool Requested(HttpContext context)
    {
        foreach (string? value in context.Request.Headers["Prefer"])
        {
            if (value is not null && value.Contains("include-unknown-enum-members", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string Status(string value, bool includeUnknown) => includeUnknown || Statuses.Contains(value) ? value : Sentinel;

    public static string Severity(string value, bool includeUnknown) => includeUnknown || Severities.Contains(value) ? value : Sentinel;
}
