using System;
using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator;

/// <summary>Reads JSON request bodies and writes small JSON responses with a Content-Length (reflection-free).</summary>
internal static class JsonResponse
{
    /// <summary>The request body as JSON, or null when it is not JSON (the caller answers with the endpoint's own 400).</summary>
    public static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string <c>comment</c> of a JSON object body; null when the body is not JSON or has no such string.</summary>
    public static async Task<string?> ReadCommentAsync(HttpContext context) =>
        await ReadBodyAsync(context).ConfigureAwait(false) is { ValueKind: JsonValueKind.Object } body
            && body.TryGetProperty("comment", out JsonElement c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()
            : null;

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The Defender / Graph error body: <c>{"error": {"code", "message", "target"}}</c>.</summary>
    public static Task ApiErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteString("target", Guid.NewGuid().ToString());
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>The Entra ID OAuth error body with an AADSTS code.</summary>
    public static Task OAuthErrorAsync(HttpContext context, int status, string error, int aadsts, string description) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", $"AADSTS{aadsts}: {description} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ssZ}");
            w.WriteStartArray("error_codes");
            w.WriteNumberValue(aadsts);
            w.WriteEndArray();
            w.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("trace_id", Guid.NewGuid().ToString());
            w.WriteString("correlation_id", Guid.NewGuid().ToString());
            w.WriteEndObject();
        });
}
