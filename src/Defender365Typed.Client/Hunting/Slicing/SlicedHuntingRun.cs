using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Results;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client;

/// <summary>
/// A time-sliced hunting run: enumerate it (once) for the rows of every slice, oldest slice first, then read
/// <see cref="Result"/> for the outcome. Each slice's rows are held until the slice is known to be under every cap and
/// only then delivered, so a slice that is split in halves never delivers a row twice (docs/time-sliced-runs.md).
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class SlicedHuntingRun<TRow> : IAsyncEnumerable<TRow>
{
    private readonly HuntingClient _client;
    private readonly SliceablePipeline _pipeline;
    private readonly IHuntingResultReader<TRow> _reader;
    private readonly SlicedRunOptions _options;
    private readonly DefenderApi _api;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private SlicedRunResult? _result;
    private int _started;

    internal SlicedHuntingRun(HuntingClient client, SliceablePipeline pipeline, IHuntingResultReader<TRow> reader, SlicedRunOptions options,
        (DateTime Start, DateTime End) range, DefenderApi api, TimeProvider time, ILogger logger)
    {
        _client = client;
        _pipeline = pipeline;
        _reader = reader;
        _options = options;
        (Start, End) = range;
        _api = api;
        _time = time;
        _logger = logger;
    }

    /// <summary>The start of the range (inclusive, UTC).</summary>
    public DateTime Start { get; }

    /// <summary>The end of the range (exclusive, UTC).</summary>
    public DateTime End { get; }

    /// <summary>The table the query reads, which each slice filters on its Timestamp.</summary>
    public string Table => _pipeline.Table;

    /// <summary>The outcome, once the rows were read to the end (a strict run that failed carries it in its exception).</summary>
    /// <exception cref="InvalidOperationException">The rows have not been read to the end.</exception>
    public SlicedRunResult Result => _result ?? throw new InvalidOperationException("The outcome of a sliced run is known once its rows were read to the end.");

    /// <summary>The query text that runs for the slice [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public string QueryFor(DateTime start, DateTime end) => _pipeline.ForSlice(start, end);

    /// <inheritdoc/>
    public IAsyncEnumerator<TRow> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        RowsAsync(ReadSlicesAsync(cancellationToken), cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>
    /// The run slice by slice instead of row by row: each completed slice with all its rows, oldest first (a failed slice
    /// of a lenient run is left out; the next completed slice then starts after its gap). A consumer that must know where
    /// slices end, to save a position between them (<see cref="HuntingClient.RunBatchAsync"/>), reads the run this way.
    /// Either this or the rows may be enumerated, once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="InvalidOperationException">The run was enumerated before.</exception>
    public IAsyncEnumerable<HuntingSliceRows<TRow>> ReadSlicesAsync(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _started, 1) == 0
            ? RunAsync(cancellationToken)
            : throw new InvalidOperationException("A sliced run can be enumerated only once.");

    private static async IAsyncEnumerable<TRow> RowsAsync(IAsyncEnumerable<HuntingSliceRows<TRow>> slices, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (HuntingSliceRows<TRow> slice in slices.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (TRow row in slice.Rows)
            {
                yield return row;
            }
        }
    }

    private async IAsyncEnumerable<HuntingSliceRows<TRow>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slices = new List<HuntingSlice>();
        var pending = new Stack<(DateTime Start, DateTime End)>();
        var initial = new List<(DateTime Start, DateTime End)>();
        for (DateTime start = Start; start < End; start = initial[^1].End)
        {
            initial.Add((start, End - start > _options.InitialSlice ? start + _options.InitialSlice : End));
        }

        for (int i = initial.Count - 1; i >= 0; i--)
        {
            pending.Push(initial[i]); // the oldest on top: slices run (and rows arrive) in time order
        }

        while (pending.TryPop(out (DateTime Start, DateTime End) range))
        {
            if (_api == DefenderApi.Legacy && LegacyHuntingWindow.Outside(range.Start, range.End, _time.GetUtcNow()) is { } old)
            {
                if (old.End < range.End)
                {
                    pending.Push((old.End, range.End)); // the part the API still serves runs
                }

                DefenderTelemetry.EndSlice(DefenderTelemetry.StartSlice(_api, _client.TelemetryTenantId, range.Start, old.End), HuntingSliceStatus.Failed, 0, null);
                Fail(slices, new HuntingSlice(range.Start, old.End, HuntingSliceStatus.Failed, 0, TimeSpan.Zero, old.Reason));
                continue;
            }

            long started = _time.GetTimestamp();
            Activity? span = DefenderTelemetry.StartSlice(_api, _client.TelemetryTenantId, range.Start, range.End);
            List<TRow> rows;
            string? capped;
            Exception? error;
            try
            {
                (rows, capped, error) = await RunSliceAsync(range.Start, range.End, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A query error, a permission, sign-in or cancellation: it ends the run (and the slice's span) as it is.
                DefenderTelemetry.Failed(span, ex);
                span?.Dispose();
                throw;
            }

            TimeSpan elapsed = _time.GetElapsedTime(started);
            DateTime middle = new(range.Start.Ticks + ((range.End.Ticks - range.Start.Ticks) / 2), DateTimeKind.Utc);
            HuntingSliceStatus status = (capped, error) switch
            {
                (null, null) => HuntingSliceStatus.Completed,
                (not null, _) when middle - range.Start >= _options.MinimumSlice => HuntingSliceStatus.Split,
                _ => HuntingSliceStatus.Failed,
            };
            DefenderTelemetry.EndSlice(span, status, rows.Count, error);
            if (status == HuntingSliceStatus.Completed)
            {
                var completed = new HuntingSlice(range.Start, range.End, HuntingSliceStatus.Completed, rows.Count, elapsed, null);
                slices.Add(completed);
                yield return new HuntingSliceRows<TRow>(completed, rows);
                continue;
            }

            if (status == HuntingSliceStatus.Split)
            {
                Log.SliceSplit(_logger, range.Start, range.End, capped!);
                slices.Add(new HuntingSlice(range.Start, range.End, HuntingSliceStatus.Split, rows.Count, elapsed, capped) { Exception = error });
                pending.Push((middle, range.End));
                pending.Push((range.Start, middle));
                continue;
            }

            string reason = capped is not null
                ? $"{capped}, and its halves would be shorter than the minimum slice ({_options.MinimumSlice.ToString("c", CultureInfo.InvariantCulture)})"
                : error!.Message;
            Fail(slices, new HuntingSlice(range.Start, range.End, HuntingSliceStatus.Failed, rows.Count, elapsed, reason) { Exception = error });
        }

        _result = new SlicedRunResult(Start, End, slices, finished: true);
        if (!_result.IsComplete)
        {
            Log.SlicedRunPartial(_logger, _result.Failures.Count(), _result.Rows);
        }
    }

    /// <summary>Records a failed slice: a lenient run goes on; a strict one stops here with the outcome so far.</summary>
    /// <exception cref="HuntingSlicedRunException">The run is strict.</exception>
    private void Fail(List<HuntingSlice> slices, HuntingSlice failed)
    {
        slices.Add(failed);
        Log.SliceFailed(_logger, failed.Start, failed.End, failed.Failure!);
        if (_options.Mode == SlicedRunMode.Strict)
        {
            var partial = new SlicedRunResult(Start, End, [.. slices], finished: false);
            _result = partial;
            throw new HuntingSlicedRunException(
                $"The sliced run stopped at a failed slice {failed.ToString()}. The {partial.Rows} rows of the slices before it were delivered; the rows from {SlicedRunOptions.Format(failed.Start)} to {SlicedRunOptions.Format(End)} are missing (SlicedRunMode.Strict; Lenient goes on and reports the gaps).",
                partial,
                failed.Exception);
        }
    }

    /// <summary>
    /// Runs one slice and holds its rows. Returns why it must be split (the row cap, the size cap, a timeout) or the error
    /// that failed it (a quota or server error after the client's retries, a broken response); other errors (a query
    /// error, a permission, sign-in, cancellation) would fail every slice alike and end the run as they are.
    /// </summary>
    private async Task<(List<TRow> Rows, string? Capped, Exception? Error)> RunSliceAsync(DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var rows = new List<TRow>();
        var options = new HuntingOptions { Api = _api, OnRowCap = HuntingRowCapBehavior.Report, Timespan = _api == DefenderApi.Graph ? GraphWindow(start, end) : null };
        try
        {
            HuntingResponse<TRow> response = await _client.ExecuteAsync(_pipeline.ForSlice(start, end), _reader, options, cancellationToken).ConfigureAwait(false);
            await using (response.ConfigureAwait(false))
            {
                await foreach (TRow row in response.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(row);
                    if (rows.Count >= _options.RowCap)
                    {
                        return (rows, $"the slice reached the row cap ({_options.RowCap.ToString(CultureInfo.InvariantCulture)} rows)", null);
                    }
                }
            }
        }
        catch (HuntingQueryException ex) when (ex.IsResultSizeExceeded)
        {
            return (rows, "the slice's result exceeded the service's size cap", ex);
        }
        catch (HuntingQueryException ex) when (ex.IsTimeoutExceeded)
        {
            return (rows, "the slice ran past the service's time limit", ex);
        }
        catch (DefenderTimeoutException ex)
        {
            return (rows, "the slice timed out", ex);
        }
        catch (Exception ex) when (ex is DefenderQuotaException or DefenderResponseException or DefenderApiException { IsTransient: true })
        {
            return (rows, null, ex);
        }

        return (rows, null, null);
    }

    /// <summary>
    /// The Graph Timespan of a slice: whole seconds around it, one second wider on each side. The service does not document
    /// whether an interval's ends are included; the <c>where</c> on Timestamp makes the slice exactly half-open either way.
    /// </summary>
    internal static string GraphWindow(DateTime start, DateTime end)
    {
        DateTime from = new(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond) - TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        long endTicks = end.Ticks + TimeSpan.TicksPerSecond - 1;
        DateTime to = new(endTicks - (endTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return $"{from.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}/{to.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
    }
}
