using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// Answers each request with a documented example response (a file under <c>Fixtures/</c>) chosen by method and path,
/// and records what was sent, so a fixture goes through the client's real request and reading path.
/// </summary>
internal sealed class FixtureHandler : HttpMessageHandler
{
    private readonly Dictionary<(HttpMethod, string), byte[]> _answers = [];

    public ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Body)> Requests { get; } = new();

    public static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);

    public static byte[] Read(string fixture) => File.ReadAllBytes(PathOf(fixture));

    public FixtureHandler Answer(HttpMethod method, string path, string fixture) => Answer(method, path, Read(fixture));

    public FixtureHandler Answer(HttpMethod method, string path, byte[] body)
    {
        _answers[(method, path)] = body;
        return this;
    }

    /// <summary>A client on the global cloud whose requests all come here.</summary>
    public DefenderClient Client() => new(new HttpClient(this), new DefenderClientOptions());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!, body));
        if (!_answers.TryGetValue((request.Method, request.RequestUri!.AbsolutePath), out byte[]? answer))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var content = new ByteArrayContent(answer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
