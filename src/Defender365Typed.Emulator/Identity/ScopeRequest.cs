using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Emulator.Identity;

/// <summary>Parses an OAuth <c>scope</c> parameter into the resource it targets.</summary>
internal static class ScopeRequest
{
    private static readonly HashSet<string> OidcScopes = new(StringComparer.OrdinalIgnoreCase) { "openid", "profile", "offline_access", "email" };

    public static IReadOnlyList<string> Split(string? scope) =>
        (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<string> ResourceScopes(IReadOnlyList<string> scopes) =>
        scopes.Where(s => !OidcScopes.Contains(s)).ToArray();

    /// <summary>The resource of the first resource scope (<c>https://graph.microsoft.com/.default</c> → <c>https://graph.microsoft.com</c>).</summary>
    public static string? Resource(IReadOnlyList<string> scopes)
    {
        foreach (string scope in ResourceScopes(scopes))
        {
            int slash = scope.LastIndexOf('/');
            if (scope.Contains("://", StringComparison.Ordinal) && slash > scope.IndexOf("://", StringComparison.Ordinal) + 2)
            {
                return scope[..slash];
            }
        }

        return null;
    }

    public static string ResourceFromManagedIdentity(string resource) =>
        resource.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? resource[..^"/.default".Length] : resource.TrimEnd('/');
}
