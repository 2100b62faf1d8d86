using System;
using System.Collections.Generic;

namespace Defender365Typed.Client;

// The documented kinds of alertEvidence (Graph v1.0 resources/security-*evidence.md), one record each. Every
// property is optional: the service leaves out what it does not know, and unnamed properties land in AdditionalData.

/// <summary>A device (<c>#microsoft.graph.security.deviceEvidence</c>).</summary>
public sealed class DeviceEvidence : SecurityEvidence
{
    /// <summary>Defender for Endpoint device ID.</summary>
    public string? MdeDeviceId { get; init; }

    /// <summary>Entra device ID.</summary>
    public string? AzureAdDeviceId { get; init; }

    /// <summary>DNS name.</summary>
    public string? DeviceDnsName { get; init; }

    /// <summary>First seen.</summary>
    public DateTimeOffset? FirstSeenDateTime { get; init; }

    /// <summary>OS platform.</summary>
    public string? OsPlatform { get; init; }

    /// <summary>OS build.</summary>
    public long? OsBuild { get; init; }

    /// <summary>OS version.</summary>
    public string? Version { get; init; }

    /// <summary>Health status (active, inactive, ...).</summary>
    public string? HealthStatus { get; init; }

    /// <summary>Risk score (none, informational, low, medium, high).</summary>
    public string? RiskScore { get; init; }

    /// <summary>RBAC group ID.</summary>
    public long? RbacGroupId { get; init; }

    /// <summary>RBAC group name.</summary>
    public string? RbacGroupName { get; init; }

    /// <summary>Onboarding status.</summary>
    public string? OnboardingStatus { get; init; }

    /// <summary>Defender Antivirus status.</summary>
    public string? DefenderAvStatus { get; init; }

    /// <summary>IP addresses of the device's interfaces.</summary>
    public IReadOnlyList<string> IpInterfaces { get; init => field = value ?? []; } = [];

    /// <summary>Users logged on during the alert.</summary>
    public IReadOnlyList<EvidenceLoggedOnUser> LoggedOnUsers { get; init => field = value ?? []; } = [];

    /// <summary>Virtual machine details, for a VM.</summary>
    public EvidenceVmMetadata? VmMetadata { get; init; }
}

/// <summary>A file (<c>#microsoft.graph.security.fileEvidence</c>).</summary>
public sealed class FileEvidence : SecurityEvidence
{
    /// <summary>Detection status (detected, blocked, prevented).</summary>
    public string? DetectionStatus { get; init; }

    /// <summary>The file.</summary>
    public EvidenceFileDetails? FileDetails { get; init; }

    /// <summary>Defender for Endpoint device ID.</summary>
    public string? MdeDeviceId { get; init; }
}

/// <summary>A process (<c>#microsoft.graph.security.processEvidence</c>).</summary>
public sealed class ProcessEvidence : SecurityEvidence
{
    /// <summary>Process ID.</summary>
    public long? ProcessId { get; init; }

    /// <summary>Parent process ID.</summary>
    public long? ParentProcessId { get; init; }

    /// <summary>Command line.</summary>
    public string? ProcessCommandLine { get; init; }

    /// <summary>Process start.</summary>
    public DateTimeOffset? ProcessCreationDateTime { get; init; }

    /// <summary>Parent process start.</summary>
    public DateTimeOffset? ParentProcessCreationDateTime { get; init; }

    /// <summary>Detection status (detected, blocked, prevented).</summary>
    public string? DetectionStatus { get; init; }

    /// <summary>Defender for Endpoint device ID.</summary>
    public string? MdeDeviceId { get; init; }

    /// <summary>The process image.</summary>
    public EvidenceFileDetails? ImageFile { get; init; }

    /// <summary>The parent process image.</summary>
    public EvidenceFileDetails? ParentProcessImageFile { get; init; }

    /// <summary>The account the process ran as.</summary>
    public EvidenceUserAccount? UserAccount { get; init; }
}

/// <summary>A user (<c>#microsoft.graph.security.userEvidence</c>).</summary>
public sealed class UserEvidence : SecurityEvidence
{
    /// <summary>The account.</summary>
    public EvidenceUserAccount? UserAccount { get; init; }
}

/// <summary>An IP address (<c>#microsoft.graph.security.ipEvidence</c>).</summary>
public sealed class IpEvidence : SecurityEvidence
{
    /// <summary>The address.</summary>
    public string? IpAddress { get; init; }

    /// <summary>Two-letter country code.</summary>
    public string? CountryLetterCode { get; init; }
}

/// <summary>A URL (<c>#microsoft.graph.security.urlEvidence</c>).</summary>
public sealed class UrlEvidence : SecurityEvidence
{
    /// <summary>The URL.</summary>
    public string? Url { get; init; }
}

/// <summary>A mailbox (<c>#microsoft.graph.security.mailboxEvidence</c>).</summary>
public sealed class MailboxEvidence : SecurityEvidence
{
    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Primary SMTP address.</summary>
    public string? PrimaryAddress { get; init; }

    /// <summary>The mailbox's account.</summary>
    public EvidenceUserAccount? UserAccount { get; init; }
}

/// <summary>An email message (<c>#microsoft.graph.security.analyzedMessageEvidence</c>).</summary>
public sealed class AnalyzedMessageEvidence : SecurityEvidence
{
    /// <summary>Direction (inbound, outbound, intraorg).</summary>
    public string? AntiSpamDirection { get; init; }

    /// <summary>Number of attachments.</summary>
    public long? AttachmentsCount { get; init; }

    /// <summary>Delivery action.</summary>
    public string? DeliveryAction { get; init; }

    /// <summary>Delivery location.</summary>
    public string? DeliveryLocation { get; init; }

    /// <summary>Internet message ID.</summary>
    public string? InternetMessageId { get; init; }

    /// <summary>Detected language.</summary>
    public string? Language { get; init; }

    /// <summary>Network message ID.</summary>
    public string? NetworkMessageId { get; init; }

    /// <summary>P1 (envelope) sender.</summary>
    public EvidenceEmailSender? P1Sender { get; init; }

    /// <summary>P2 (header) sender.</summary>
    public EvidenceEmailSender? P2Sender { get; init; }

    /// <summary>Received.</summary>
    public DateTimeOffset? ReceivedDateTime { get; init; }

    /// <summary>Recipient address.</summary>
    public string? RecipientEmailAddress { get; init; }

    /// <summary>Sender IP.</summary>
    public string? SenderIp { get; init; }

    /// <summary>Subject.</summary>
    public string? Subject { get; init; }

    /// <summary>How threats were detected.</summary>
    public IReadOnlyList<string> ThreatDetectionMethods { get; init => field = value ?? []; } = [];

    /// <summary>Threats detected.</summary>
    public IReadOnlyList<string> Threats { get; init => field = value ?? []; } = [];

    /// <summary>Number of URLs.</summary>
    public long? UrlCount { get; init; }

    /// <summary>URLs in the message.</summary>
    public IReadOnlyList<string> Urls { get; init => field = value ?? []; } = [];
}

/// <summary>A cloud application (<c>#microsoft.graph.security.cloudApplicationEvidence</c>).</summary>
public sealed class CloudApplicationEvidence : SecurityEvidence
{
    /// <summary>Application ID.</summary>
    public long? AppId { get; init; }

    /// <summary>Name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Instance ID.</summary>
    public long? InstanceId { get; init; }

    /// <summary>Instance name.</summary>
    public string? InstanceName { get; init; }

    /// <summary>SaaS application ID.</summary>
    public long? SaasAppId { get; init; }
}

/// <summary>A registry key (<c>#microsoft.graph.security.registryKeyEvidence</c>).</summary>
public sealed class RegistryKeyEvidence : SecurityEvidence
{
    /// <summary>Hive, e.g. HKEY_LOCAL_MACHINE.</summary>
    public string? RegistryHive { get; init; }

    /// <summary>Key path.</summary>
    public string? RegistryKey { get; init; }
}

/// <summary>A registry value (<c>#microsoft.graph.security.registryValueEvidence</c>).</summary>
public sealed class RegistryValueEvidence : SecurityEvidence
{
    /// <summary>Hive.</summary>
    public string? RegistryHive { get; init; }

    /// <summary>Key path.</summary>
    public string? RegistryKey { get; init; }

    /// <summary>Value data.</summary>
    public string? RegistryValue { get; init; }

    /// <summary>Value name.</summary>
    public string? RegistryValueName { get; init; }

    /// <summary>Value type.</summary>
    public string? RegistryValueType { get; init; }

    /// <summary>Defender for Endpoint device ID.</summary>
    public string? MdeDeviceId { get; init; }
}

/// <summary>A cluster of similar emails (<c>#microsoft.graph.security.mailClusterEvidence</c>).</summary>
public sealed class MailClusterEvidence : SecurityEvidence
{
    /// <summary>Clustering attributes.</summary>
    public string? ClusterBy { get; init; }

    /// <summary>Clustering values.</summary>
    public string? ClusterByValue { get; init; }

    /// <summary>Number of emails.</summary>
    public long? EmailCount { get; init; }

    /// <summary>Network message IDs.</summary>
    public IReadOnlyList<string> NetworkMessageIds { get; init => field = value ?? []; } = [];

    /// <summary>The query that forms the cluster.</summary>
    public string? Query { get; init; }

    /// <summary>Cluster URN.</summary>
    public string? Urn { get; init; }
}

/// <summary>An OAuth application (<c>#microsoft.graph.security.oauthApplicationEvidence</c>).</summary>
public sealed class OAuthApplicationEvidence : SecurityEvidence
{
    /// <summary>Application ID.</summary>
    public string? AppId { get; init; }

    /// <summary>Name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Object ID.</summary>
    public string? ObjectId { get; init; }

    /// <summary>Publisher.</summary>
    public string? Publisher { get; init; }
}

/// <summary>A security group (<c>#microsoft.graph.security.securityGroupEvidence</c>).</summary>
public sealed class SecurityGroupEvidence : SecurityEvidence
{
    /// <summary>Name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Group ID.</summary>
    public string? SecurityGroupId { get; init; }
}

/// <summary>A file as evidence describes it (<c>fileDetails</c>).</summary>
public sealed class EvidenceFileDetails
{
    /// <summary>Name.</summary>
    public string? FileName { get; init; }

    /// <summary>Folder.</summary>
    public string? FilePath { get; init; }

    /// <summary>Publisher.</summary>
    public string? FilePublisher { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>Certificate issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>SHA-1.</summary>
    public string? Sha1 { get; init; }

    /// <summary>SHA-256.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Signer.</summary>
    public string? Signer { get; init; }
}

/// <summary>An account as evidence describes it (<c>userAccount</c>).</summary>
public sealed class EvidenceUserAccount
{
    /// <summary>Account name.</summary>
    public string? AccountName { get; init; }

    /// <summary>Entra user ID.</summary>
    public string? AzureAdUserId { get; init; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Domain.</summary>
    public string? DomainName { get; init; }

    /// <summary>UPN.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>SID.</summary>
    public string? UserSid { get; init; }
}

/// <summary>A user logged on to a device (<c>loggedOnUser</c>).</summary>
public sealed class EvidenceLoggedOnUser
{
    /// <summary>Account name.</summary>
    public string? AccountName { get; init; }

    /// <summary>Domain.</summary>
    public string? DomainName { get; init; }
}

/// <summary>Virtual machine details of a device (<c>vmMetadata</c>).</summary>
public sealed class EvidenceVmMetadata
{
    /// <summary>VM ID.</summary>
    public string? VmId { get; init; }

    /// <summary>Cloud provider (azure, ...).</summary>
    public string? CloudProvider { get; init; }

    /// <summary>Resource ID.</summary>
    public string? ResourceId { get; init; }

    /// <summary>Subscription ID.</summary>
    public string? SubscriptionId { get; init; }
}

/// <summary>An email sender (<c>emailSender</c>).</summary>
public sealed class EvidenceEmailSender
{
    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Domain.</summary>
    public string? DomainName { get; init; }

    /// <summary>Address.</summary>
    public string? EmailAddress { get; init; }
}
