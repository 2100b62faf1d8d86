using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Auth;

/// <summary>Gets access tokens for the Defender APIs. <see cref="DefenderAuthenticator"/> implements it with MSAL; plug in another (for example Azure.Identity) if you like.</summary>
public interface IDefenderTokenProvider
{
    /// <summary>A token for <paramref name="api"/>, from the cache when still valid.</summary>
    /// <param name="api">The API the token is for.</param>
    /// <param name="forceRefresh">Skip the cached access token (after the API rejected it).</param>
    /// <param name="cancellationToken">Cancels.</param>
    ValueTask<DefenderAccessToken> GetTokenAsync(DefenderApi api, bool forceRefresh, CancellationToken cancellationToken);
}
