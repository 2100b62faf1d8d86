using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Defender365Typed.Emulator.Identity;

/// <summary>The emulated Entra ID tenant: its apps, its one signed-in user and its managed identities.</summary>
public sealed class EmulatorDirectory
{
    /// <summary>The Graph resource.</summary>
    public const string Graph = "https://graph.microsoft.com";

    /// <summary>The legacy Defender XDR resource.</summary>
    public const string Legacy = "https://api.security.microsoft.com";

    private readonly ConcurrentDictionary<string, EmulatedApp> _apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, EmulatedApp> _managedIdentities = new(StringComparer.OrdinalIgnoreCase);

    internal EmulatorDirectory(string tenantId)
    {
        TenantId = tenantId;
        SystemAssignedIdentity = new EmulatedApp("00000000-0000-0000-0000-00000000a551");
    }

    /// <summary>The tenant ID (a GUID string).</summary>
    public string TenantId { get; }

    /// <summary>The user who signs in through device code and authorization code flows.</summary>
    public string UserName { get; set; } = "analyst@contoso.example";

    /// <summary>The user's object ID.</summary>
    public string UserObjectId { get; } = "11111111-2222-3333-4444-555555555555";

    /// <summary>The system-assigned managed identity; grant it application permissions.</summary>
    public EmulatedApp SystemAssignedIdentity { get; }

    /// <summary>Adds (or replaces) an app registration and returns it for configuration.</summary>
    public EmulatedApp AddApp(string clientId)
    {
        var app = new EmulatedApp(clientId);
        _apps[clientId] = app;
        return app;
    }

    /// <summary>Adds a user-assigned managed identity with its client ID.</summary>
    public EmulatedApp AddUserAssignedIdentity(string clientId)
    {
        var identity = new EmulatedApp(clientId);
        _managedIdentities[clientId] = identity;
        return identity;
    }

    internal EmulatedApp? FindApp(string? clientId) =>
        clientId is not null && _apps.TryGetValue(clientId, out EmulatedApp? app) ? app : null;

    internal EmulatedApp? FindManagedIdentity(string? clientId) =>
        clientId is null ? SystemAssignedIdentity
        : _managedIdentities.TryGetValue(clientId, out EmulatedApp? identity) ? identity : null;

    internal static IReadOnlyCollection<string> PermissionsFor(IDictionary<string, ISet<string>> grants, string resource) =>
        grants.TryGetValue(resource, out ISet<string>? set) ? [.. set] : [];
}
