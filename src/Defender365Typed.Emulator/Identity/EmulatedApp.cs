using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace Defender365Typed.Emulator.Identity;

/// <summary>An app registration in the emulated tenant.</summary>
public sealed class EmulatedApp
{
    /// <summary>Creates an app registration.</summary>
    /// <param name="clientId">The application (client) ID.</param>
    public EmulatedApp(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ClientId = clientId;
    }

    /// <summary>The application (client) ID.</summary>
    public string ClientId { get; }

    /// <summary>A client secret accepted by the client credentials grant, if any.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A certificate (public part) whose key may sign client assertions, if any.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Redirect URIs of the "Mobile and desktop applications" platform: the public authorization code flow, with PKCE
    /// required and no client secret allowed.
    /// </summary>
    public IList<string> RedirectUris { get; } = new List<string>();

    /// <summary>
    /// Redirect URIs of the "Web" platform: the confidential authorization code flow. A code issued for one of them is
    /// redeemed only with the app's client secret or certificate (AADSTS7000218 without, AADSTS7000215 with a wrong
    /// secret); PKCE is optional but checked when the authorize request sent a challenge.
    /// </summary>
    public IList<string> WebRedirectUris { get; } = new List<string>();

    /// <summary>
    /// Application permissions (app roles) granted with admin consent, per resource
    /// (<c>https://graph.microsoft.com</c>, <c>https://api.security.microsoft.com</c>).
    /// </summary>
    public IDictionary<string, ISet<string>> ApplicationPermissions { get; } = new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Delegated permissions consented for the app's users, per resource.</summary>
    public IDictionary<string, ISet<string>> DelegatedPermissions { get; } = new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Grants application permissions on a resource.</summary>
    public EmulatedApp GrantApplication(string resource, params string[] permissions) => Grant(ApplicationPermissions, resource, permissions);

    /// <summary>Grants delegated permissions on a resource.</summary>
    public EmulatedApp GrantDelegated(string resource, params string[] permissions) => Grant(DelegatedPermissions, resource, permissions);

    private EmulatedApp Grant(IDictionary<string, ISet<string>> grants, string resource, string[] permissions)
    {
        if (!grants.TryGetValue(resource, out ISet<string>? set))
        {
            set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            grants[resource] = set;
        }

        foreach (string permission in permissions)
        {
            set.Add(permission);
        }

        return this;
    }
}
