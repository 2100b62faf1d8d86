using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>
/// The incident sync, for either API. A poll reads every incident updated since the high-water mark less the overlap
/// (the APIs document no <c>$orderby</c>, so the whole window is read before anything is delivered), drops the changes
/// the cursor has seen, orders the rest by (lastUpdateDateTime, id), cuts them at the per-fetch maximum and yields them
/// in batches, each with the cursor that covers it.
/// </summary>
internal static class IncidentSync
{
    private static readonly Meter Meter = new("Defender365Typed.Client.IncidentSync");
    private static readonly Counter<long> ChangesCounter = Meter.CreateCounter<long>("defender365.incident_sync.changes", description: "Incident changes delivered.");
    private static readonly Counter<long> DuplicatesCounter = Meter.CreateCounter<long>("defender365.incident_sync.duplicates_dropped", description: "Incidents dropped as already delivered.");
    private static readonly Counter<long> MergesCounter = Meter.CreateCounter<long>("defender365.incident_sync.merges", description: "Merged (redirected) incidents reported.");
    private static readonly Counter<long> FallbacksCounter = Meter.CreateCounter<long>("defender365.incident_sync.expand_fallbacks", description: "Polls that read without $expand=alerts after a 5xx.");

    /// <summary>Redirect chains longer than this are not followed further.</summary>
    private const int MaxRedirectHops = 4;

    public static async IAsyncEnumerable<IncidentSyncBatch<T>> RunAsync<T>(IIncidentSyncSource<T> source, IncidentSyncCursor? cursor, IIncidentCursorStore? store,
        IncidentSyncOptions? options, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        options ??= new IncidentSyncOptions();
        options.Validate();
        cursor ??= await store!.LoadAsync(cancellationToken).ConfigureAwait(false) ?? IncidentSyncCursor.Start(source.Api);
        if (cursor.Api != source.Api)
        {
            throw new ArgumentException($"The cursor holds {cursor.Api} incident IDs; it cannot drive a {source.Api} sync.", nameof(cursor));
        }

        var acknowledged = new AcknowledgedCursor(cursor, store);
        while (true)
        {
            IncidentSyncCursor from = acknowledged.Current;
            var metrics = new IncidentSyncMetrics();
            List<IncidentChange<T>> changes = await PollAsync(source, from, options, time, metrics, cancellationToken).ConfigureAwait(false);
            ChangesCounter.Add(changes.Count);
            DuplicatesCounter.Add(metrics.DuplicatesDropped);
            MergesCounter.Add(metrics.Merges);
            FallbacksCounter.Add(metrics.ExpandFallbacks);

            int batches = Math.Max(1, (changes.Count + options.BatchSize - 1) / options.BatchSize);
            IncidentSyncCursor next = from;
            for (int b = 0; b < batches; b++)
            {
                List<IncidentChange<T>> part = changes.GetRange(b * options.BatchSize, Math.Min(options.BatchSize, changes.Count - (b * options.BatchSize)));
                next = Advance(next, part.Select(c => c.Mark), options.Overlap);
                yield return new IncidentSyncBatch<T>(part, next, metrics, endOfPoll: b == batches - 1, acknowledged.AcknowledgeAsync);
            }

            if (!options.Follow)
            {
                yield break;
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The cursor after <paramref name="delivered"/>: the high-water mark moves up, and only marks inside the overlap below it are kept.</summary>
    internal static IncidentSyncCursor Advance(IncidentSyncCursor cursor, IEnumerable<IncidentChangeMark> delivered, TimeSpan overlap)
    {
        List<IncidentChangeMark> marks = [.. cursor.Seen, .. delivered];
        if (marks.Count == 0)
        {
            return cursor;
        }

        DateTimeOffset highWater = marks.Max(m => m.LastUpdate);
        if (cursor.HighWater is DateTimeOffset previous && previous > highWater)
        {
            highWater = previous;
        }

        DateTimeOffset keepFrom = highWater - overlap;
        return new IncidentSyncCursor(cursor.Api, highWater, marks.Where(m => m.LastUpdate >= keepFrom));
    }

    private static async Task<List<IncidentChange<T>>> PollAsync<T>(IIncidentSyncSource<T> source, IncidentSyncCursor cursor, IncidentSyncOptions options,
        TimeProvider time, IncidentSyncMetrics metrics, CancellationToken cancellationToken)
        where T : class
    {
        metrics.StartedAt = time.GetUtcNow();
        DateTimeOffset windowStart = cursor.HighWater is DateTimeOffset hw ? hw - options.Overlap : options.FirstFetchFrom ?? metrics.StartedAt - options.FirstFetch;
        metrics.WindowStart = windowStart;
        using var budget = new CancellationTokenSource(options.TimeBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            bool expand = options.IncludeAlerts && source.ExpandsAlerts;
            List<T> window;
            try
            {
                window = await ReadWindowAsync(source, windowStart, options.PageSize, expand, metrics, linked.Token).ConfigureAwait(false);
            }
            catch (DefenderApiException ex) when (expand && (int)ex.StatusCode >= 500)
            {
                // $expand=alerts with $filter can fail for good on large tenants: read the window plain, alerts one by one.
                metrics.ExpandFallbacks++;
                expand = false;
                window = await ReadWindowAsync(source, windowStart, options.PageSize, expandAlerts: false, metrics, linked.Token).ConfigureAwait(false);
            }

            List<IncidentChange<T>> changes = Select(source, cursor, window, windowStart, options, metrics);
            await CompleteAsync(source, changes, readAlerts: options.IncludeAlerts && source.ExpandsAlerts && !expand, options, metrics, linked.Token).ConfigureAwait(false);
            metrics.Changes = changes.Count;
            return changes;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            metrics.BudgetExhausted = true;
            metrics.Changes = 0;
            return [];
        }
    }

    private static async Task<List<T>> ReadWindowAsync<T>(IIncidentSyncSource<T> source, DateTimeOffset from, int pageSize, bool expandAlerts,
        IncidentSyncMetrics metrics, CancellationToken cancellationToken)
        where T : class
    {
        var window = new List<T>();
        await foreach (IReadOnlyList<T> page in source.PagesAsync(from, pageSize, expandAlerts, cancellationToken).ConfigureAwait(false))
        {
            metrics.Pages++;
            metrics.Incidents += page.Count;
            window.AddRange(page);
        }

        return window;
    }

    /// <summary>The window's new changes: the newest state per incident, minus what the cursor has, oldest first, at most the per-fetch maximum.</summary>
    private static List<IncidentChange<T>> Select<T>(IIncidentSyncSource<T> source, IncidentSyncCursor cursor, List<T> window, DateTimeOffset windowStart,
        IncidentSyncOptions options, IncidentSyncMetrics metrics)
        where T : class
    {
        var newest = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (T incident in window)
        {
            IncidentChangeMark mark = source.MarkOf(incident);
            if (cursor.Contains(mark))
            {
                metrics.DuplicatesDropped++;
                continue;
            }

            if (newest.TryGetValue(mark.Id, out T? other))
            {
                metrics.DuplicatesDropped++; // paging over a changing list can repeat an incident
                if (source.MarkOf(other).LastUpdate >= mark.LastUpdate)
                {
                    continue;
                }
            }

            newest[mark.Id] = incident;
        }

        List<T> ordered = [.. newest.Values.OrderBy(i => source.MarkOf(i).LastUpdate).ThenBy(i => source.MarkOf(i).Id, StringComparer.Ordinal)];
        if (ordered.Count > options.MaxPerFetch)
        {
            metrics.LimitReached = true;
            ordered.RemoveRange(options.MaxPerFetch, ordered.Count - options.MaxPerFetch);
        }

        var seenIds = new HashSet<string>(cursor.Seen.Select(m => m.Id), StringComparer.Ordinal);
        return [.. ordered.Select(i =>
        {
            IncidentChangeMark mark = source.MarkOf(i);
            string? redirect = source.RedirectOf(i);
            IncidentChangeKind kind = redirect is not null ? IncidentChangeKind.Merged
                : source.CreatedOf(i) >= windowStart && !seenIds.Contains(mark.Id) ? IncidentChangeKind.Created
                : IncidentChangeKind.Updated;
            return new IncidentChange<T>(kind, i, mark, redirect);
        })];
    }

    /// <summary>Reads what the listing did not carry: alerts after an expand fallback, and the incidents merges point to.</summary>
    private static async Task CompleteAsync<T>(IIncidentSyncSource<T> source, List<IncidentChange<T>> changes, bool readAlerts, IncidentSyncOptions options,
        IncidentSyncMetrics metrics, CancellationToken cancellationToken)
        where T : class
    {
        for (int i = 0; i < changes.Count; i++)
        {
            IncidentChange<T> change = changes[i];
            if (change.Kind == IncidentChangeKind.Merged)
            {
                metrics.Merges++;
                if (options.FollowRedirects && !string.IsNullOrEmpty(change.RedirectIncidentId))
                {
                    change.MergedInto = await FollowAsync(source, change.RedirectIncidentId!, metrics, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (readAlerts)
            {
                // The incident as read now, with alerts; it keeps the listing's mark so the cursor moves by what was listed.
                metrics.SingleReads++;
                T read = await source.GetAsync(change.Id, cancellationToken).ConfigureAwait(false);
                changes[i] = new IncidentChange<T>(change.Kind, read, change.Mark, change.RedirectIncidentId);
            }
        }
    }

    private static async Task<T?> FollowAsync<T>(IIncidentSyncSource<T> source, string target, IncidentSyncMetrics metrics, CancellationToken cancellationToken)
        where T : class
    {
        T? found = null;
        for (int hop = 0; hop < MaxRedirectHops && !string.IsNullOrEmpty(target); hop++)
        {
            try
            {
                metrics.SingleReads++;
                found = await source.GetAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (DefenderApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return found;
            }

            target = source.RedirectOf(found) ?? string.Empty;
        }

        return found;
    }

    /// <summary>The cursor acknowledged last (and saved to the store, if any); the next poll starts from it. Acknowledgements come one at a time, from the consumer's loop.</summary>
    private sealed class AcknowledgedCursor(IncidentSyncCursor initial, IIncidentCursorStore? store)
    {
        public IncidentSyncCursor Current { get; private set; } = initial;

        public async Task AcknowledgeAsync(IncidentSyncCursor cursor, CancellationToken cancellationToken)
        {
            if (store is not null)
            {
                await store.SaveAsync(cursor, cancellationToken).ConfigureAwait(false);
            }

            Current = cursor;
        }
    }
}
