using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>Turns an error response into the typed exception for it, with the service's code and message.</summary>
internal static class DefenderErrors
{
    private const int MaxErrorBody = 64 * 1024;

    public static string RequiredPermission(DefenderApi api, DefenderCallKind kind) => (api, kind) switch
    {
        (DefenderApi.Graph, DefenderCallKind.Hunting or DefenderCallKind.HuntingSchema) => "ThreatHunting.Read.All",
        (DefenderApi.Graph, DefenderCallKind.IncidentRead) => "SecurityIncident.Read.All",
        (DefenderApi.Graph, _) => "SecurityIncident.ReadWrite.All",
        (_, DefenderCallKind.Hunting) => "AdvancedHunting.Read.All (application) or AdvancedHunting.Read (delegated)",
        (_, DefenderCallKind.IncidentRead) => "Incident.Read.All (application) or Incident.Read (delegated)",
        _ => "Incident.ReadWrite.All (application) or Incident.ReadWrite (delegated)",
    };

    public static async Task<Exception> FromResponseAsync(HttpResponseMessage response, DefenderApi api, DefenderCallKind kind, TimeProvider time, CancellationToken cancellationToken)
    {
        (string? code, string? message, string? target) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        target ??= Header(response, "request-id") ?? Header(response, "x-ms-request-id");
        int status = (int)response.StatusCode;
        string service = message is null ? string.Empty : $": {message}";
        string what = kind switch
        {
            DefenderCallKind.Hunting => "hunting query",
            DefenderCallKind.HuntingSchema => "hunting schema read",
            DefenderCallKind.IncidentRead => "incident read",
            _ => "incident update",
        };
        switch (status)
        {
            case 400 when kind == DefenderCallKind.Hunting:
                return new HuntingQueryException($"The {api} API rejected the {what} (400 {code}){service}", api, code, message, target);
            case 401:
                return new DefenderAuthenticationException(
                    $"The {api} API rejected the access token even after a refresh (401 {code}){service}. Check that the token is for this cloud and API, then sign in again.",
                    AuthFailureKind.TokenRejected, null, code, null, null);
            case 403:
                string permission = RequiredPermission(api, kind);
                return new DefenderPermissionException(
                    $"The {api} API refused the {what} (403 {code}): the app or user needs {permission}, granted with admin consent{service}", api, permission, code, message, target);
            case 429:
                TimeSpan? retryAfter = DefenderResilience.RetryAfter(response, time);
                string wait = retryAfter is TimeSpan t ? $" Retry after {t.TotalSeconds:0} s." : string.Empty;
                DefenderQuotaReason reason = Quota.QuotaThrottle.ReasonOf(message);
                string limit = reason switch
                {
                    DefenderQuotaReason.Cpu => "the tenant's hunting CPU allocation was used up",
                    DefenderQuotaReason.CallRate => "the call rate limit was reached",
                    _ => "a rate limit or the hunting CPU quota was reached",
                };
                return new DefenderQuotaException(
                    $"The {api} API is throttling {what} calls (429 {code}): {limit}.{wait}{service}", api, retryAfter, code, message, target) { Reason = reason };
            default:
                return new DefenderApiException($"The {what} failed with HTTP {status} {code}{service}", api, response.StatusCode, code, message, target);
        }
    }

    private static async Task<(string? Code, string? Message, string? Target)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return ParseError(await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (null, null, null);
        }
    }

    /// <summary>The first 64 KB of an error body (the rest is not needed to read the error).</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[MaxErrorBody];
        int length = 0, read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>The service's code, message and tracking ID from an error body (Graph/legacy <c>error</c> object or an OAuth error), or nulls.</summary>
    public static (string? Code, string? Message, string? Target) ParseError(byte[] body)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out JsonElement error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    return (Text(error, "code"), Text(error, "message"), Text(error, "target"));
                }

                return (error.GetString(), Text(doc.RootElement, "error_description"), null);
            }

            return (null, Text(doc.RootElement, "message"), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or DecoderFallbackException)
        {
            return (null, null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? Limit(value.GetString()!)
            : null;

    private static string Limit(string text) => text.Length > 2000 ? text[..2000] + "..." : text;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
