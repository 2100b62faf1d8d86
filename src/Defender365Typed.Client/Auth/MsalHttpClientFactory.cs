using System;
using System.Net.Http;
using Defender365Typed.Client.Http;
using Microsoft.Identity.Client;

namespace Defender365Typed.Client.Auth;

/// <summary>The one HttpClient MSAL uses: HTTPS only, with the emulator's certificate pinned when the cloud is an emulator.</summary>
internal sealed class MsalHttpClientFactory : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient _client;

    public MsalHttpClientFactory(DefenderCloud cloud, bool allowLoopbackHttp)
    {
        var https = new HttpsOnlyHandler(cloud, allowLoopbackHttp) { InnerHandler = TransportPolicy.CreatePrimaryHandler(cloud) };
        _client = new HttpClient(https, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(100) };
    }

    public HttpClient GetHttpClient() => _client;

    public void Dispose() => _client.Dispose();
}
