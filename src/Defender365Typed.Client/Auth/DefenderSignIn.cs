using System;

namespace Defender365Typed.Client.Auth;

/// <summary>The outcome of a sign-in or an auth test: who, how, until when. No token.</summary>
/// <param name="Flow">The flow used.</param>
/// <param name="Api">The API the token is for.</param>
/// <param name="UserName">The signed-in user for delegated flows, else null.</param>
/// <param name="TenantId">The tenant of the account, when known.</param>
/// <param name="ExpiresOn">When the access token expires.</param>
public sealed record DefenderSignIn(DefenderAuthFlow Flow, DefenderApi Api, string? UserName, string? TenantId, DateTimeOffset ExpiresOn);
