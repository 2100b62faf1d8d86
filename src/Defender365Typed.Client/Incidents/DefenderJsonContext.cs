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
internal sealed partial class DefenderJsonContext : JsonSerializerContext
{
}
