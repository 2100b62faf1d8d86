using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>
/// One piece of evidence of a Graph alert (<c>microsoft.graph.security.alertEvidence</c>): the properties every kind has.
/// The kind is chosen by <c>@odata.type</c> (<see cref="SecurityAlert.TypedEvidence"/>); a kind the client does not know
/// reads as <see cref="UnknownEvidence"/>, which keeps the JSON.
/// </summary>
public abstract class SecurityEvidence
{
    private protected SecurityEvidence()
    {
    }

    /// <summary>The <c>@odata.type</c> as sent, e.g. <c>#microsoft.graph.security.deviceEvidence</c>.</summary>
    [JsonPropertyName("@odata.type")]
    public string? ODataType { get; init; }

    /// <summary>When the evidence was added to the alert.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>Verdict of automated investigation (unknown, suspicious, malicious, noThreatsFound, ...).</summary>
    public string? Verdict { get; init; }

    /// <summary>Remediation status (none, remediated, prevented, blocked, notFound, ...).</summary>
    public string? RemediationStatus { get; init; }

    /// <summary>Details of the remediation status.</summary>
    public string? RemediationStatusDetails { get; init; }

    /// <summary>Roles in the alert (compromised, attacker, contextual, ...).</summary>
    public IReadOnlyList<string> Roles { get; init => field = value ?? []; } = [];

    /// <summary>Detailed roles, as the portal shows them.</summary>
    public IReadOnlyList<string> DetailedRoles { get; init => field = value ?? []; } = [];

    /// <summary>Custom tags.</summary>
    public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

    /// <summary>Properties this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }

    /// <summary>Reads each element by its <c>@odata.type</c>.</summary>
    internal static IReadOnlyList<SecurityEvidence> ReadAll(IReadOnlyList<JsonElement> items)
    {
        var result = new SecurityEvidence[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            result[i] = Read(items[i]);
        }

        return result;
    }

    /// <summary>The typed record for <paramref name="json"/>, or an <see cref="UnknownEvidence"/> that keeps it.</summary>
    internal static SecurityEvidence Read(JsonElement json)
    {
        string? type = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("@odata.type", out JsonElement t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
        DefenderJsonContext c = DefenderJsonContext.Default;
        SecurityEvidence? typed = KindOf(type) switch
        {
            "analyzedMessageEvidence" => json.Deserialize(c.AnalyzedMessageEvidence),
            "cloudApplicationEvidence" => json.Deserialize(c.CloudApplicationEvidence),
            "deviceEvidence" => json.Deserialize(c.DeviceEvidence),
            "fileEvidence" => json.Deserialize(c.FileEvidence),
            "ipEvidence" => json.Deserialize(c.IpEvidence),
            "mailboxEvidence" => json.Deserialize(c.MailboxEvidence),
            "mailClusterEvidence" => json.Deserialize(c.MailClusterEvidence),
            "oauthApplicationEvidence" => json.Deserialize(c.OAuthApplicationEvidence),
            "processEvidence" => json.Deserialize(c.ProcessEvidence),
            "registryKeyEvidence" => json.Deserialize(c.RegistryKeyEvidence),
            "registryValueEvidence" => json.Deserialize(c.RegistryValueEvidence),
            "securityGroupEvidence" => json.Deserialize(c.SecurityGroupEvidence),
            "urlEvidence" => json.Deserialize(c.UrlEvidence),
            "userEvidence" => json.Deserialize(c.UserEvidence),
            _ => null,
        };
        return typed ?? new UnknownEvidence(json, type);
    }

    /// <summary>"#microsoft.graph.security.deviceEvidence" → "deviceEvidence"; other namespaces are not the documented kinds.</summary>
    private static string? KindOf(string? odataType)
    {
        const string Namespace = "microsoft.graph.security.";
        string? name = odataType?.TrimStart('#');
        return name is not null && name.StartsWith(Namespace, StringComparison.OrdinalIgnoreCase) ? name[Namespace.Length..] : null;
    }
}

/// <summary>Evidence of a kind the client does not model (or without <c>@odata.type</c>), kept as the JSON the service sent.</summary>
public sealed class UnknownEvidence : SecurityEvidence
{
    internal UnknownEvidence(JsonElement json, string? odataType)
    {
        Json = json.Clone();
        ODataType = odataType;
    }

    /// <summary>The evidence object as sent.</summary>
    public JsonElement Json { get; }
}
