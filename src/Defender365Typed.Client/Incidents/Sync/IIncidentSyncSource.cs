using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>What the sync needs from one incidents API (Graph or legacy).</summary>
/// <typeparam name="T">The API's incident model.</typeparam>
internal interface IIncidentSyncSource<T>
    where T : class
{
    DefenderApi Api { get; }

    /// <summary>Whether alerts come only when asked for with <c>$expand=alerts</c> (Graph; the legacy API always sends them).</summary>
    bool ExpandsAlerts { get; }

    IncidentChangeMark MarkOf(T incident);

    DateTimeOffset CreatedOf(T incident);

    /// <summary>The incident a merged incident now lives in, or null.</summary>
    string? RedirectOf(T incident);

    /// <summary>Every incident updated at or after <paramref name="from"/>, page by page, in the service's order.</summary>
    IAsyncEnumerable<IReadOnlyList<T>> PagesAsync(DateTimeOffset from, int pageSize, bool expandAlerts, CancellationToken cancellationToken);

    /// <summary>One incident with its alerts.</summary>
    Task<T> GetAsync(string id, CancellationToken cancellationToken);
}
