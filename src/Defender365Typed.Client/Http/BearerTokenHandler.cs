using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client.Http;

/// <summary>Adds the bearer token for the request's API; on 401 refreshes the token once and tries again.</summary>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly IDefenderTokenProvider _tokens;
    private readonly ILogger _logger;

    public BearerTokenHandler(IDefenderTokenProvider tokens, ILogger logger)
    {
        _tokens = tokens;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        DefenderApi api = request.Options.TryGetValue(DefenderRequest.Api, out DefenderApi a) ? a : DefenderApi.Graph;
        DefenderAccessToken token = await _tokens.GetTokenAsync(api, forceRefresh: false, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        Log.TokenRejected(_logger, api);
        response.Dispose();
        token = await _tokens.GetTokenAsync(api, forceRefresh: true, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
