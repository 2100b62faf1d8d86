using System;
using System.Collections.Generic;

namespace Defender365Typed.Emulator.Identity;

/// <summary>What the emulator knows about an access token it issued.</summary>
/// <param name="Id">The token's unique ID (<c>uti</c>).</param>
/// <param name="Audience">The resource (<c>aud</c>).</param>
/// <param name="ClientId">The app the token was issued to.</param>
/// <param name="Permissions">The <c>roles</c> (app tokens) or <c>scp</c> (delegated tokens).</param>
/// <param name="Delegated">Whether a user signed in.</param>
/// <param name="ExpiresOn">When the token expires.</param>
public sealed record EmulatedToken(
    string Id, string Audience, string ClientId, IReadOnlyCollection<string> Permissions, bool Delegated, DateTimeOffset ExpiresOn);
