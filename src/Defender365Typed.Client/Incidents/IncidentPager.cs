using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Http;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client;

/// <summary>
/// Reads incident (or alert) pages one at a time. A page's items are yielded only after the whole page
/// parsed, so an interrupted sequence never yields a partial or duplicate page: a page that keeps
/// failing ends the sequence with <see cref="IncidentPagingException"/> naming the page to resume from.
/// </summary>
internal sealed class IncidentPager
{
    /// <summary>The items of <paramref name="pages"/>, in order.</summary>
    public static async IAsyncEnumerable<T> Items<T>(IAsyncEnumerable<IncidentPage<T>> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (IncidentPage<T> page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Items)
            {
                yield return item;
            }
        }
    }

    private readonly DefenderTransport _transport;
    private readonly ILogger _logger;

    public IncidentPager(DefenderTransport transport, ILogger logger)
    {
        _transport = transport;
        _logger = logger;
    }

    // items and queryName only word the paging failure: what the pages hold ("alerts") and whose ContinueFrom resumes ("AlertQuery").
    public async IAsyncEnumerable<IncidentPage<T>> PagesAsync<T>(DefenderApi api, Uri first, JsonTypeInfo<ODataPage<T>> info,
        Func<Uri, ODataPage<T>, Uri?> nextOf, int? maxItems, string items, string queryName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? link = first;
        int returned = 0;
        while (link is not null && (maxItems is null || returned < maxItems))
        {
            ODataPage<T> page = await ReadPageAsync(api, link, info, returned, items, queryName, cancellationToken).ConfigureAwait(false);
            Uri? next = nextOf(link, page);
            if (next is not null)
            {
                _transport.EnsureSameHost(next, api);
            }

            List<T> taken = page.Value;
            if (maxItems is int max && returned + taken.Count > max)
            {
                taken = page.Value.GetRange(0, max - returned);
            }

            returned += taken.Count;
            yield return new IncidentPage<T>(taken, link, next);
            link = next;
        }
    }

    private async Task<ODataPage<T>> ReadPageAsync<T>(DefenderApi api, Uri link, JsonTypeInfo<ODataPage<T>> info, int returned, string items, string queryName, CancellationToken cancellationToken)
    {
        int attempts = Math.Max(1, _transport.Options.Resilience.PageReadAttempts);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using HttpRequestMessage request = DefenderRequest.Create(HttpMethod.Get, link, api, DefenderCallKind.IncidentRead, idempotent: true);
                return await ReadJsonAsync(request, info, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRetryable(ex))
            {
                if (attempt >= attempts)
                {
                    throw new IncidentPagingException(
                        $"Reading {items} stopped at a page that failed {attempts} times ({ex.GetType().Name}); {returned} {items} were returned before it, none twice. Resume with {queryName}.ContinueFrom = ResumeFrom.",
                        link, returned, ex);
                }

                Log.PageRetry(_logger, link.AbsolutePath, ex.GetType().Name, attempt + 1);
            }
        }
    }

    /// <summary>Sends <paramref name="request"/> and parses the whole body (<see cref="DefenderTransport.ReadJsonAsync"/>).</summary>
    public Task<TResult> ReadJsonAsync<TResult>(HttpRequestMessage request, JsonTypeInfo<TResult> info, CancellationToken cancellationToken) =>
        _transport.ReadJsonAsync(request, info, cancellationToken);

    private static bool IsRetryable(Exception ex) => ex switch
    {
        DefenderResponseException or DefenderTimeoutException => true,
        DefenderApiException api => api.IsTransient || api.InnerException is HttpRequestException,
        _ => false,
    };
}
