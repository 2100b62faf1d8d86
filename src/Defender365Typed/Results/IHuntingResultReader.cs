using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Defender365Typed.Results;

/// <summary>
/// Reads the rows of an advanced hunting response straight from the response stream. The client
/// hands over the body as it arrives (it never buffers the whole response); generated readers for
/// <c>[HuntingTable]</c> and <c>[HuntingResult]</c> types implement this, and an untyped reader
/// yields one dictionary-like row per result.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public interface IHuntingResultReader<TRow>
{
    /// <summary>
    /// Yields the rows of <paramref name="utf8Json"/> in order. Implementations must throw
    /// (typically <see cref="System.Text.Json.JsonException"/>) on a body that is malformed or ends
    /// early, never end the sequence silently; they must not close <paramref name="utf8Json"/>.
    /// </summary>
    /// <param name="utf8Json">The response body, UTF-8 JSON, read forward only.</param>
    /// <param name="format">The service that wrote the body.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<TRow> ReadAsync(Stream utf8Json, HuntingResponseFormat format, CancellationToken cancellationToken);
}
