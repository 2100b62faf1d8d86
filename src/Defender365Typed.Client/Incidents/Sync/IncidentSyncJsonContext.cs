using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>The cursor file's shape: a format marker and version first, so a foreign or future file is named as such.</summary>
internal sealed class IncidentSyncCursorDocument
{
    public string? Format { get; set; }

    public int Version { get; set; }

    public string? Api { get; set; }

    public DateTimeOffset? HighWater { get; set; }

    public List<IncidentChangeMarkDocument?>? Seen { get; set; }
}

internal sealed class IncidentChangeMarkDocument
{
    public string? Id { get; set; }

    public DateTimeOffset? LastUpdate { get; set; }
}

/// <summary>Source-generated JSON of the sync cursor (reflection-free, trim and AOT safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IncidentSyncCursorDocument))]
internal sealed partial class IncidentSyncJsonContext : JsonSerializerContext
{
}
