using System;
using System.Collections.Generic;

namespace Defender365Typed.Emulator.Identity;

internal sealed class PendingDeviceCode
{
    public required string DeviceCode { get; init; }
    public required string UserCode { get; init; }
    public required string ClientId { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required DateTimeOffset ExpiresOn { get; init; }
    public bool Approved { get; set; }
    public bool Declined { get; set; }
    public bool Redeemed { get; set; }
}

internal sealed class PendingAuthorizationCode
{
    public required string ClientId { get; init; }
    public required string RedirectUri { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    /// <summary>The PKCE S256 challenge; null when a confidential (web) client sent none.</summary>
    public required string? CodeChallenge { get; init; }
    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>Issued to a web redirect URI: redeeming it needs the client's secret or certificate.</summary>
    public required bool Confidential { get; init; }
    public bool Redeemed { get; set; }
}

internal sealed class RefreshGrant
{
    public required string ClientId { get; init; }

    /// <summary>Issued to a confidential client: refreshing needs its secret or certificate too.</summary>
    public bool Confidential { get; init; }
    public bool Revoked { get; set; }
}
