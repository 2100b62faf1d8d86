using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

/// <summary>An OData collection response.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ODataPage<T>
{
    [JsonPropertyName("value")]
    public List<T> Value { get; init => field = value ?? []; } = [];

    [JsonPropertyName("@odata.count")]
    public long? Count { get; init; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; init; }
}
