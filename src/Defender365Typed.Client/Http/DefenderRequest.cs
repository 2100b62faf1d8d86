using System;
using System.Net.Http;

namespace Defender365Typed.Client.Http;

/// <summary>What a request is, for the handlers: its API (token audience), kind (permissions, limits) and idempotency (retries).</summary>
internal enum DefenderCallKind
{
    Hunting,
    HuntingSchema,
    IncidentRead,
    IncidentWrite,
}

internal static class DefenderRequest
{
    public static readonly HttpRequestOptionsKey<DefenderApi> Api = new("Defender365Typed.Api");
    public static readonly HttpRequestOptionsKey<DefenderCallKind> Kind = new("Defender365Typed.Kind");
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Defender365Typed.Idempotent");

    /// <summary>The service's error message of the last 429 this request got (set where the body is read, for the governor).</summary>
    public static readonly HttpRequestOptionsKey<string?> ServiceMessage = new("Defender365Typed.ServiceMessage");

    public static HttpRequestMessage Create(HttpMethod method, Uri uri, DefenderApi api, DefenderCallKind kind, bool idempotent, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Options.Set(Api, api);
        request.Options.Set(Kind, kind);
        request.Options.Set(Idempotent, idempotent);
        request.Headers.Accept.ParseAdd("application/json");
        if (api == DefenderApi.Graph && kind != DefenderCallKind.Hunting)
        {
            // Graph sends newer members of evolvable enums (status awaitingAction, ...) only when asked; the models keep any value.
            request.Headers.TryAddWithoutValidation("Prefer", "include-unknown-enum-members");
        }

        return request;
    }

    public static DefenderCallKind KindOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Kind, out DefenderCallKind kind) ? kind : DefenderCallKind.IncidentRead;

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is null || !request.Options.TryGetValue(Idempotent, out bool idempotent) || idempotent;
}
