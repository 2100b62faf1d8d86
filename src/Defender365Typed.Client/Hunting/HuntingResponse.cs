using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Results;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client;

/// <summary>
/// A hunting response whose headers have arrived: read its rows once with <see cref="ReadRowsAsync"/>,
/// then check <see cref="RowCount"/> and <see cref="ReachedRowCap"/>. Dispose it to release the connection.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class HuntingResponse<TRow> : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IHuntingResultReader<TRow> _reader;
    private readonly HuntingRowCapBehavior _onCap;
    private readonly ILogger _logger;
    private readonly string? _tenantId;
    private readonly DefenderQuotaGovernor? _governor;
    private int _started;

    internal HuntingResponse(HttpResponseMessage response, IHuntingResultReader<TRow> reader, DefenderApi api, HuntingRowCapBehavior onCap, ILogger logger, string? tenantId, DefenderQuotaGovernor? governor = null)
    {
        _governor = governor;
        _response = response;
        _reader = reader;
        Api = api;
        _onCap = onCap;
        _logger = logger;
        _tenantId = tenantId;
    }

    /// <summary>The API that answered.</summary>
    public DefenderApi Api { get; }

    /// <summary>Rows read so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Whether the response has the service's maximum of 100,000 rows, and so is probably cut off.</summary>
    public bool ReachedRowCap => RowCount >= HuntingOptions.RowCap;

    /// <summary>
    /// What the legacy API says the query cost (its <c>Stats</c>), once <see cref="ReadRowsAsync"/> has read that far (the
    /// service sends it before the rows); null for Graph responses, which have none, and for readers that do not read it.
    /// </summary>
    public HuntingStatistics? Statistics { get; private set; }

    /// <summary>Whether every row was read.</summary>
    public bool Completed { get; private set; }

    /// <summary>Streams the rows from the response body as they arrive.</summary>
    /// <exception cref="DefenderResponseException">
    /// The body was cut off or malformed, or did not fit <typeparamref name="TRow"/> (rows before the failure were
    /// delivered); its <see cref="Exception.InnerException"/> is the reader's <see cref="HuntingResultFormatException"/>
    /// (row, column, byte position) or the connection's error.
    /// </exception>
    /// <exception cref="HuntingRowCapException">After the last row, when the cap was reached and <see cref="HuntingOptions.OnRowCap"/> is Throw.</exception>
    public async IAsyncEnumerable<TRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The rows of a hunting response can be read only once.");
        }

        var body = new Http.CountingStream(await _response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        IAsyncEnumerator<TRow> rows = _reader.ReadAsync(body, OnStatistics, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            await using (rows.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await rows.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is HuntingResultFormatException or JsonException or IOException or HttpRequestException)
                    {
                        throw new DefenderResponseException(ex switch
                        {
                            HuntingResultFormatException format => $"The {Api} hunting response could not be read after {RowCount} rows, so the result is incomplete. {format.Message}",
                            JsonException => $"The {Api} hunting response was not valid JSON or ended early after {RowCount} rows; the result is incomplete. Run the query again.",
                            _ => $"The {Api} hunting response was cut off by the connection after {RowCount} rows; the result is incomplete. Run the query again.",
                        }, ex);
                    }

                    if (!more)
                    {
                        break;
                    }

                    RowCount++;
                    yield return rows.Current;
                }
            }
        }
        finally
        {
            DefenderTelemetry.RecordHunting(Api, _tenantId, RowCount, body.BytesRead);
        }

        Completed = true;
        if (ReachedRowCap)
        {
            Log.RowCapReached(_logger, RowCount);
            if (_onCap == HuntingRowCapBehavior.Throw)
            {
                throw new HuntingRowCapException(
                    $"The query returned {RowCount} rows, the service's maximum, so the result is probably cut off. Narrow the query (time range, filters, summarize) or set HuntingOptions.OnRowCap to Report.",
                    RowCount);
            }
        }
    }

    /// <summary>Keeps the response's statistics and charges its CPU to the governor's allowance.</summary>
    private void OnStatistics(HuntingStatistics statistics)
    {
        Statistics = statistics;
        if (Api != DefenderApi.Legacy)
        {
            return;
        }

        if (statistics.TotalCpu is not { } cpu)
        {
            Log.NoCpuFigure(_logger);
            return;
        }

        if (_governor?.ChargeCpu(cpu) is { } resetAt)
        {
            Log.CpuAllowanceReached(_logger, _governor.CpuUsed, resetAt);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => _response.Dispose();
}
