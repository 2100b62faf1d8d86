using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Defender365Typed.Results;

/// <summary>
/// Reads the rows of an advanced hunting response straight from the response stream. The client
/// hands over the body as it arrives (it never buffers the whole response); both response layouts (Graph
/// <c>schema</c>/<c>results</c>, legacy <c>Stats</c>/<c>Schema</c>/<c>Results</c>) are told apart by the body itself.
/// Generated readers for <c>[HuntingTable]</c> and <c>[HuntingResult]</c> types implement this
/// (<see cref="GeneratedHuntingResultReader{TRow}"/>), and the client's untyped reader yields one dictionary-like row
/// per result; both go through <see cref="HuntingResultReader"/>.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public interface IHuntingResultReader<TRow>
{
    /// <summary>
    /// Yields the rows of <paramref name="utf8Json"/> in order. Implementations must throw on a body that is malformed
    /// or ends early, never end the sequence silently (the runtime's readers throw <see cref="HuntingResultFormatException"/>,
    /// naming the row, the column and the byte position); they must not close <paramref name="utf8Json"/>.
    /// </summary>
    /// <param name="utf8Json">The response body, UTF-8 JSON, read forward only.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<TRow> ReadAsync(Stream utf8Json, CancellationToken cancellationToken);

    /// <summary>
    /// Yields the rows of <paramref name="utf8Json"/> as <see cref="ReadAsync(Stream, CancellationToken)"/> does, and hands
    /// the legacy response's <c>Stats</c> to <paramref name="onStatistics"/> once read. The runtime's readers implement it;
    /// by default a reader reads no statistics.
    /// </summary>
    /// <param name="utf8Json">The response body, UTF-8 JSON, read forward only.</param>
    /// <param name="onStatistics">Called at most once, with what the response says the query cost.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<TRow> ReadAsync(Stream utf8Json, Action<HuntingStatistics>? onStatistics, CancellationToken cancellationToken) =>
        ReadAsync(utf8Json, cancellationToken);
}
