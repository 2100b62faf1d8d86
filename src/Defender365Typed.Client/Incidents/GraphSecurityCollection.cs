using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;

namespace Defender365Typed.Client;

/// <summary>
/// One Microsoft Graph security collection (<c>/security/incidents</c>, <c>/security/alerts_v2</c>): its URIs, its pages
/// (every one via @odata.nextLink), reading and patching one item, and adding a comment. The incident and alert clients
/// are this with their own item type, query and validation, so the two collections are called the same way.
/// </summary>
/// <typeparam name="T">The item the collection holds.</typeparam>
internal sealed class GraphSecurityCollection<T>
{
    private readonly DefenderTransport _transport;
    private readonly IncidentPager _pager;
    private readonly string _path;
    private readonly JsonTypeInfo<T> _item;
    private readonly JsonTypeInfo<ODataPage<T>> _page;
    private readonly string _items;
    private readonly string _queryName;

    // collection: below v1.0/security/, e.g. "alerts_v2". items and queryName only word a paging failure: what the pages
    // hold ("alerts") and the query type whose ContinueFrom resumes ("AlertQuery").
    public GraphSecurityCollection(DefenderTransport transport, IncidentPager pager, string collection, JsonTypeInfo<T> item, JsonTypeInfo<ODataPage<T>> page,
        string items, string queryName)
    {
        _transport = transport;
        _pager = pager;
        _path = "v1.0/security/" + collection;
        _item = item;
        _page = page;
        _items = items;
        _queryName = queryName;
    }

    /// <summary>The collection's URI with <paramref name="query"/> (built with <see cref="ODataQuery.Add"/>: empty, or starting with '?').</summary>
    public Uri Collection(string query) => new(_transport.BaseUri(DefenderApi.Graph), _path + query);

    /// <summary>An item's URI, then <paramref name="suffix"/> (a sub-path or a query).</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty; nothing was sent.</exception>
    public Uri Item(string id, string suffix = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new Uri(_transport.BaseUri(DefenderApi.Graph), _path + "/" + Uri.EscapeDataString(id) + suffix);
    }

    /// <summary>The pages from <paramref name="first"/> on, each with its next link as a checkpoint.</summary>
    public IAsyncEnumerable<IncidentPage<T>> PagesAsync(Uri first, int? maxItems, CancellationToken cancellationToken) =>
        _pager.PagesAsync(DefenderApi.Graph, first, _page, (_, page) => page.NextLink is null ? null : new Uri(page.NextLink), maxItems, _items, _queryName, cancellationToken);

    /// <summary>One page (e.g. the <c>$count=true</c> page).</summary>
    public async Task<ODataPage<T>> ReadPageAsync(Uri uri, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, uri, DefenderApi.Graph, DefenderCallKind.IncidentRead, idempotent: true);
        return await _pager.ReadJsonAsync(request, _page, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One item.</summary>
    public async Task<T> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, uri, DefenderApi.Graph, DefenderCallKind.IncidentRead, idempotent: true);
        return await _pager.ReadJsonAsync(request, _item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One PATCH of an already validated <paramref name="body"/>; the service answers with the updated item.</summary>
    public async Task<T> PatchAsync(string id, HttpContent body, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Patch, Item(id), DefenderApi.Graph, DefenderCallKind.IncidentWrite, idempotent: true, body);
        return await _pager.ReadJsonAsync(request, _item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST {item}/comments</c>; returns all comments. Not retried except on 429, so it is never added twice.</summary>
    /// <exception cref="ArgumentException">The ID or the comment is empty; nothing was sent.</exception>
    public async Task<IReadOnlyList<IncidentComment>> AddCommentAsync(string id, string comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(comment);
        using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Post, Item(id, "/comments"), DefenderApi.Graph,
            DefenderCallKind.IncidentWrite, idempotent: false, IncidentBodies.Comment(comment));
        ODataPage<IncidentComment> page = await _pager.ReadJsonAsync(request, DefenderJsonContext.Default.ODataPageIncidentComment, cancellationToken).ConfigureAwait(false);
        return page.Value;
    }
}
