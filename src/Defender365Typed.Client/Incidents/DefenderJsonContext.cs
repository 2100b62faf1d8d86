using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>Source-generated (reflection-free, trim and AOT safe) JSON metadata for the incident and alert models.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SecurityIncident))]
[JsonSerializable(typeof(DefenderIncident))]
[JsonSerializable(typeof(ODataPage<SecurityIncident>))]
[JsonSerializable(typeof(ODataPage<DefenderIncident>))]
[JsonSerializable(typeof(ODataPage<IncidentComment>))]
[JsonSerializable(typeof(List<IncidentComment>))]
[JsonSerializable(typeof(SecurityAlert))]
[JsonSerializable(typeof(ODataPage<SecurityAlert>))]
[JsonSerializable(typeof(AnalyzedMessageEvidence))]
[JsonSerializable(typeof(CloudApplicationEvidence))]
[JsonSerializable(typeof(DeviceEvidence))]
[JsonSerializable(typeof(FileEvidence))]
[JsonSerializable(typeof(IpEvidence))]
[JsonSerializable(typeof(MailboxEvidence))]
[JsonSerializable(typeof(MailClusterEvidence))]
[JsonSerializable(typeof(OAuthApplicationEvidence))]
[JsonSerializable(typeof(ProcessEvidence))]
[JsonSerializable(typeof(RegistryKeyEvidence))]
[JsonSerializable(typeof(RegistryValueEvidence))]
[JsonSerializable(typeof(SecurityGroupEvidence))]
[JsonSerializable(typeof(UrlEvidence))]
[JsonSerializable(typeof(UserEvidence))]
internal sealed partial class DefenderJsonContext : JsonSerializerContext
{
}
