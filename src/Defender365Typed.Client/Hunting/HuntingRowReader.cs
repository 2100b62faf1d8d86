using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Results;

namespace Defender365Typed.Client;

/// <summary>The untyped reader: one <see cref="HuntingRow"/> per result, streamed.</summary>
public sealed class HuntingRowReader : IHuntingResultReader<HuntingRow>
{
    /// <summary>The shared instance.</summary>
    public static HuntingRowReader Instance { get; } = new();

    /// <inheritdoc/>
    public async IAsyncEnumerable<HuntingRow> ReadAsync(Stream utf8Json, HuntingResponseFormat format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (JsonElement row in HuntingResultsScanner.ReadRowsAsync(utf8Json, cancellationToken).ConfigureAwait(false))
        {
            yield return new HuntingRow(row);
        }
    }
}
