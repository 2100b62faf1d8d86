using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Defender365Typed.Results;

namespace Defender365Typed.Benchmarks.Results;

/// <summary>The Graph response envelope as plain classes, for System.Text.Json and Newtonsoft.Json.</summary>
public sealed class GraphHuntingResponse
{
    [JsonPropertyName("schema")]
    [Newtonsoft.Json.JsonProperty("schema")]
    public List<SchemaEntry>? Schema { get; set; }

    [JsonPropertyName("results")]
    [Newtonsoft.Json.JsonProperty("results")]
    public List<ProcessEventRow>? Results { get; set; }
}

/// <summary>One column of the response schema.</summary>
public sealed class SchemaEntry
{
    [JsonPropertyName("name")]
    [Newtonsoft.Json.JsonProperty("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    [Newtonsoft.Json.JsonProperty("type")]
    public string? Type { get; set; }
}

/// <summary>System.Text.Json source generation for the same target types.</summary>
[JsonSerializable(typeof(GraphHuntingResponse))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext
{
}

/// <summary>Newtonsoft.Json support for <see cref="KqlDynamicValue"/>, with the same rules as the generated reader.</summary>
public sealed class NewtonsoftDynamicConverter : Newtonsoft.Json.JsonConverter<KqlDynamicValue>
{
    public override KqlDynamicValue ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, KqlDynamicValue existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case Newtonsoft.Json.JsonToken.Null:
                return default;
            case Newtonsoft.Json.JsonToken.String:
                string text = (string)reader.Value!;
                string trimmed = text.Trim();
                if (trimmed.Length >= 2 && trimmed[0] is '{' or '[')
                {
                    try
                    {
                        return KqlDynamicValue.Parse(trimmed);
                    }
                    catch (JsonException)
                    {
                    }
                }

                return KqlDynamicValue.Parse(Newtonsoft.Json.JsonConvert.ToString(text));
            default:
                return KqlDynamicValue.Parse(Newtonsoft.Json.Linq.JToken.ReadFrom(reader).ToString(Newtonsoft.Json.Formatting.None));
        }
    }

    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, KqlDynamicValue value, Newtonsoft.Json.JsonSerializer serializer) =>
        writer.WriteRawValue(value.GetRawText());
}

/// <summary>JsonDocument with hand-written mapping into the same row type.</summary>
public static class JsonDocumentMapper
{
    public static List<ProcessEventRow> Read(byte[] payload)
    {
        using JsonDocument document = JsonDocument.Parse(payload);
        JsonElement results = document.RootElement.GetProperty("results");
        var rows = new List<ProcessEventRow>(results.GetArrayLength());
        foreach (JsonElement row in results.EnumerateArray())
        {
            rows.Add(new ProcessEventRow
            {
                Timestamp = row.GetProperty("Timestamp").GetDateTime(),
                DeviceId = row.GetProperty("DeviceId").GetString() ?? "",
                DeviceName = row.GetProperty("DeviceName").GetString() ?? "",
                ActionType = row.GetProperty("ActionType").GetString() ?? "",
                FileName = row.GetProperty("FileName").GetString() ?? "",
                FolderPath = row.GetProperty("FolderPath").GetString() ?? "",
                SHA1 = row.GetProperty("SHA1").GetString() ?? "",
                SHA256 = row.GetProperty("SHA256").GetString() ?? "",
                ProcessId = Long(row.GetProperty("ProcessId")),
                ProcessCommandLine = row.GetProperty("ProcessCommandLine").GetString() ?? "",
                AccountDomain = row.GetProperty("AccountDomain").GetString() ?? "",
                AccountName = row.GetProperty("AccountName").GetString() ?? "",
                InitiatingProcessFileName = row.GetProperty("InitiatingProcessFileName").GetString() ?? "",
                ReportId = Long(row.GetProperty("ReportId")),
                AdditionalFields = Dynamic(row.GetProperty("AdditionalFields")),
            });
        }

        return rows;
    }

    private static long? Long(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();

    private static KqlDynamicValue Dynamic(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
                return default;
            case JsonValueKind.String:
                string text = e.GetString()!.Trim();
                return text.Length >= 2 && text[0] is '{' or '['
                    ? KqlDynamicValue.FromUtf8(Encoding.UTF8.GetBytes(text))
                    : KqlDynamicValue.FromUtf8(JsonMarshal.GetRawUtf8Value(e));
            default:
                return KqlDynamicValue.FromUtf8(JsonMarshal.GetRawUtf8Value(e));
        }
    }
}
