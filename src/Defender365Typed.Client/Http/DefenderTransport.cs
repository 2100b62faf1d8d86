using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Client.Http;

/// <summary>Sends a request through the pipeline and turns every failure into a typed exception.</summary>
internal sealed class DefenderTransport
{
    private readonly HttpClient _http;

    public DefenderTransport(HttpClient http, DefenderClientOptions options)
    {
        _http = http;
        Options = options;
    }

    public DefenderClientOptions Options { get; }

    public Uri BaseUri(DefenderApi api) =>
        api == DefenderApi.Legacy && Options.LegacyApiBaseUri is Uri regional ? regional : Options.Cloud.BaseUriFor(api);

    /// <summary>Returns a successful response (the caller disposes it) or throws.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        DefenderApi api = request.Options.TryGetValue(DefenderRequest.Api, out DefenderApi a) ? a : DefenderApi.Graph;
        DefenderCallKind kind = DefenderRequest.KindOf(request);
        TransportPolicy.EnsureAllowed(request.RequestUri!, Options.Cloud, allowLoopbackHttp: false);
        using Activity? activity = DefenderTelemetry.StartCall(api, kind, Options.TelemetryTenantId);
        try
        {
            HttpResponseMessage response = await SendCoreAsync(request, completion, api, kind, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(DefenderTelemetry.StatusTag, (int)response.StatusCode);
            return response;
        }
        catch (Exception ex)
        {
            DefenderTelemetry.Failed(activity, ex);
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, DefenderApi api, DefenderCallKind kind, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using CallDeadline deadline = CallDeadline.Start(request, Options.Resilience.TotalTimeout, Options.TimeProvider, cancellationToken);
            response = await _http.SendAsync(request, completion, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (DefenderResilience.IsTimeout(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DefenderTimeoutException($"The {api} API did not answer the {kind} call in time, after the retries allowed.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DefenderApiException($"The {api} API could not be reached for the {kind} call ({ex.HttpRequestError}).", ex);
        }

        if (DefenderErrors.IsSuccess(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            throw await DefenderErrors.FromResponseAsync(response, api, kind, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="request"/> and parses the whole body; a cut-off or malformed body is a <see cref="DefenderResponseException"/>.</summary>
    public async Task<TResult> ReadJsonAsync<TResult>(HttpRequestMessage request, JsonTypeInfo<TResult> info, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(DefenderResilience.AttemptTimeout(Options.Resilience, DefenderRequest.KindOf(request)), Options.TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(body, info, timeout.Token).ConfigureAwait(false)
                ?? throw new DefenderResponseException("The service answered with an empty (null) body.");
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            throw new DefenderResponseException($"The response to {request.Method} {request.RequestUri!.AbsolutePath} was cut off or was not valid JSON.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DefenderTimeoutException($"Reading the response to {request.Method} {request.RequestUri!.AbsolutePath} took too long.", ex);
        }
    }

    /// <summary>A next-page link may only point back at the API host it came from (the token is sent to it).</summary>
    public void EnsureSameHost(Uri link, DefenderApi api)
    {
        Uri expected = BaseUri(api);
        if (!link.IsAbsoluteUri || link.Scheme != expected.Scheme || !string.Equals(link.Authority, expected.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new DefenderResponseException($"The service sent a next-page link to another host ({link.GetLeftPart(UriPartial.Authority)}); refusing to follow it with a token.");
        }
    }
}
