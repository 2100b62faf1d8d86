namespace Defender365Typed.Client;

/// <summary>Which Defender API a call goes to; each has its own token audience and permissions.</summary>
public enum DefenderApi
{
    /// <summary>Microsoft Graph security (<c>/v1.0/security/...</c>): the default, and the only one after the legacy API retires.</summary>
    Graph = 0,

    /// <summary>The legacy Defender XDR API (<c>api.security.microsoft.com/api/...</c>), retiring since January 2026.</summary>
    Legacy = 1,
}
