using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Defender365Typed.Results;

/// <summary>
/// Connects a generated UTF-8 row reader (<see cref="IHuntingReadable{TSelf}"/>) to the client: the response
/// stream goes straight into <see cref="HuntingResultReader.StreamAsync{TRow}(Stream, HuntingReaderOptions?, CancellationToken)"/>,
/// which understands both the Graph and the legacy layout. Generated code registers one per row type in
/// <see cref="HuntingResultReaders"/>.
/// </summary>
/// <typeparam name="TRow">A <c>[HuntingTable]</c> or <c>[HuntingResult]</c> type.</typeparam>
/// <param name="options">Reader options (missing columns, interning, limits); the defaults when null.</param>
public sealed class GeneratedHuntingResultReader<TRow>(HuntingReaderOptions? options = null) : IConfigurableHuntingResultReader<TRow>
    where TRow : IHuntingReadable<TRow>
{
    /// <inheritdoc />
    public IHuntingResultReader<TRow> WithOptions(HuntingReaderOptions options)
    {
        System.ArgumentNullException.ThrowIfNull(options);
        return new GeneratedHuntingResultReader<TRow>(options);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<TRow> ReadAsync(Stream utf8Json, CancellationToken cancellationToken) =>
        HuntingResultReader.StreamAsync<TRow>(utf8Json, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TRow> ReadAsync(Stream utf8Json, System.Action<HuntingStatistics>? onStatistics, CancellationToken cancellationToken) =>
        HuntingResultReader.StreamAsync<TRow>(utf8Json, options, onStatistics, cancellationToken);
}
