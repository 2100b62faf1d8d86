using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Defender365Typed.Results;

namespace Defender365Typed.Client;

/// <summary>
/// The untyped reader: one <see cref="HuntingRow"/> per result, streamed by the runtime's envelope parser
/// (<see cref="HuntingResultReader.StreamAsync{TRow}(Stream, HuntingReaderOptions?, CancellationToken)"/>), the same one
/// that reads typed rows. A malformed or cut-off body is a <see cref="HuntingResultFormatException"/> naming the row,
/// the column and the byte position.
/// </summary>
/// <param name="options">Reader options (depth and buffer limits); the defaults when null.</param>
public sealed class UntypedHuntingResultReader(HuntingReaderOptions? options = null) : IConfigurableHuntingResultReader<HuntingRow>
{
    /// <summary>The shared instance, with the default options.</summary>
    public static UntypedHuntingResultReader Instance { get; } = new();

    /// <inheritdoc/>
    public IHuntingResultReader<HuntingRow> WithOptions(HuntingReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new UntypedHuntingResultReader(options);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<HuntingRow> ReadAsync(Stream utf8Json, CancellationToken cancellationToken) =>
        HuntingResultReader.StreamAsync<HuntingRow>(utf8Json, options, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<HuntingRow> ReadAsync(Stream utf8Json, Action<HuntingStatistics>? onStatistics, CancellationToken cancellationToken) =>
        HuntingResultReader.StreamAsync<HuntingRow>(utf8Json, options, onStatistics, cancellationToken);
}
