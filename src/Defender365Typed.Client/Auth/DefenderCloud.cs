using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// A Microsoft cloud: its Entra ID login host and the base URLs and token scopes of Microsoft Graph and
/// the legacy Defender XDR API. One table for all clouds; <see cref="Global"/> is the default.
/// </summary>
public sealed class DefenderCloud
{
    private DefenderCloud(string name, string login, string graph, string? legacy, string graphAudience, string? legacyAudience)
    {
        Name = name;
        LoginHost = new Uri(login);
        GraphBaseUri = new Uri(graph);
        LegacyApiBaseUri = legacy is null ? null : new Uri(legacy);
        GraphScope = graphAudience + "/.default";
        LegacyScope = legacyAudience is null ? null : legacyAudience + "/.default";
    }

    /// <summary>Commercial (worldwide) cloud.</summary>
    public static DefenderCloud Global { get; } = new("Global", "https://login.microsoftonline.com", "https://graph.microsoft.com",
        "https://api.security.microsoft.com", "https://graph.microsoft.com", "https://api.security.microsoft.com");

    /// <summary>US Government Community Cloud (GCC): worldwide login and Graph, its own Defender host.</summary>
    public static DefenderCloud UsGovGcc { get; } = new("UsGovGcc", "https://login.microsoftonline.com", "https://graph.microsoft.com",
        "https://api-gcc.security.microsoft.us", "https://graph.microsoft.com", "https://api-gcc.security.microsoft.us");

    /// <summary>US Government GCC High.</summary>
    public static DefenderCloud UsGovGccHigh { get; } = new("UsGovGccHigh", "https://login.microsoftonline.us", "https://graph.microsoft.us",
        "https://api-gov.security.microsoft.us", "https://graph.microsoft.us", "https://api-gov.security.microsoft.us");

    /// <summary>US Government Department of Defense (DoD).</summary>
    public static DefenderCloud UsGovDod { get; } = new("UsGovDod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us",
        "https://api-gov.security.microsoft.us", "https://dod-graph.microsoft.us", "https://api-gov.security.microsoft.us");

    /// <summary>China (operated by 21Vianet). Microsoft lists no Defender XDR API host there, and hunting on Graph is documented for the global and US Government clouds only.</summary>
    public static DefenderCloud China { get; } = new("China", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn",
        null, "https://microsoftgraph.chinacloudapi.cn", null);

    /// <summary>The cloud's name.</summary>
    public string Name { get; }

    /// <summary>The Entra ID login host (the authority is this host plus the tenant).</summary>
    public Uri LoginHost { get; }

    /// <summary>The Microsoft Graph host.</summary>
    public Uri GraphBaseUri { get; }

    /// <summary>The legacy Defender XDR API host, or null where there is none.</summary>
    public Uri? LegacyApiBaseUri { get; }

    /// <summary>The app-only / <c>.default</c> scope for Graph.</summary>
    public string GraphScope { get; }

    /// <summary>The <c>.default</c> scope for the legacy API, or null where there is none.</summary>
    public string? LegacyScope { get; }

    /// <summary>The emulator's TLS certificate when this is a loopback emulator cloud; null for real clouds.</summary>
    public X509Certificate2? EmulatorCertificate { get; private init; }

    /// <summary>Whether this cloud is a loopback emulator.</summary>
    public bool IsEmulator => EmulatorCertificate is not null;

    /// <summary>
    /// A loopback emulator that serves login, Graph and the legacy API at <paramref name="baseUri"/> over
    /// HTTPS with <paramref name="serverCertificate"/>, which is pinned: no other certificate is trusted
    /// for it. Tokens keep the global audiences. Only 127.0.0.0/8, ::1 and localhost are accepted.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="baseUri"/> is not an HTTPS loopback address.</exception>
    public static DefenderCloud Emulator(Uri baseUri, X509Certificate2 serverCertificate)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(serverCertificate);
        if (baseUri.Scheme != Uri.UriSchemeHttps || !IsLoopback(baseUri))
        {
            throw new ArgumentException("An emulator must be an https:// address on the loopback interface (127.0.0.0/8, ::1 or localhost).", nameof(baseUri));
        }

        string root = baseUri.GetLeftPart(UriPartial.Authority);
        return new DefenderCloud("Emulator", root, root, root, "https://graph.microsoft.com", "https://api.security.microsoft.com")
        {
            EmulatorCertificate = serverCertificate,
        };
    }

    /// <summary>The base URL of <paramref name="api"/>.</summary>
    /// <exception cref="NotSupportedException">The cloud has no host for the legacy API.</exception>
    public Uri BaseUriFor(DefenderApi api) => api == DefenderApi.Graph
        ? GraphBaseUri
        : LegacyApiBaseUri ?? throw new NotSupportedException($"The {Name} cloud has no legacy Defender XDR API; use Microsoft Graph.");

    /// <summary>The <c>.default</c> scope of <paramref name="api"/>.</summary>
    /// <exception cref="NotSupportedException">The cloud has no legacy API.</exception>
    public string ScopeFor(DefenderApi api) => api == DefenderApi.Graph
        ? GraphScope
        : LegacyScope ?? throw new NotSupportedException($"The {Name} cloud has no legacy Defender XDR API; use Microsoft Graph.");

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));

    /// <inheritdoc/>
    public override string ToString() => Name;
}
