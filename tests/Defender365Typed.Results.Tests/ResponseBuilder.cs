using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Defender365Typed.Results.Tests;

/// <summary>Builds hunting responses as text, with full control over encodings (for tests).</summary>
internal static class ResponseBuilder
{
    /// <summary>A response in the Graph or legacy envelope; <paramref name="rows"/> are raw JSON objects.</summary>
    public static string Build(bool legacy, IEnumerable<(string Name, string Type)> schema, IEnumerable<string> rows)
    {
        var sb = new StringBuilder();
        sb.Append('{');
        if (legacy)
        {
            sb.Append("\"Stats\":{\"ExecutionTime\":0.5,\"resource_usage\":{\"cpu\":{\"total cpu\":\"00:00:01.0000000\"}},\"dataset_statistics\":[{\"table_row_count\":2}]},");
            sb.Append("\"Schema\":[");
            sb.Append(string.Join(",", schema.Select(c => $"{{\"Name\":{Str(c.Name)},\"Type\":{Str(c.Type)}}}")));
            sb.Append("],\"Results\":[");
        }
        else
        {
            sb.Append("\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults\",");
            sb.Append("\"schema\":[");
            sb.Append(string.Join(",", schema.Select(c => $"{{\"name\":{Str(c.Name)},\"type\":{Str(c.Type)}}}")));
            sb.Append("],\"results\":[");
        }

        sb.Append(string.Join(",", rows));
        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>A JSON string literal (escaping as System.Text.Json does, non-ASCII as \u escapes).</summary>
    public static string Str(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
