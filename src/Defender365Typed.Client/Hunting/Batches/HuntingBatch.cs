using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>
/// Runs a batch (<see cref="HuntingClient.RunBatchAsync"/>): each query in turn as a sliced run over the batch's range,
/// its completed slices appended to its output and committed one by one (rows written, output flushed to disk, then the
/// state file replaced), so a batch killed at any moment resumes from the last commit without a row lost or written twice.
/// </summary>
internal sealed class HuntingBatch
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly HuntingClient _client;
    private readonly IReadOnlyList<HuntingBatchQuery> _queries;
    private readonly HuntingBatchOptions _options;
    private readonly string _folder;
    private readonly string _statePath;
    private HuntingBatchState _state = null!;
    private Dictionary<string, string> _refused = [];

    public HuntingBatch(HuntingClient client, IReadOnlyList<HuntingBatchQuery> queries, HuntingBatchOptions options)
    {
        _client = client;
        _queries = queries;
        _options = options;
        (_folder, _statePath) = options.Validate();
        string? duplicate = queries.GroupBy(q => q.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new ArgumentException($"The batch has more than one query named '{duplicate}' (names are file names: case does not tell them apart).", nameof(queries));
        }
    }

    public async Task<HuntingBatchResult> RunAsync(CancellationToken cancellationToken)
    {
        _refused = Refusals();
        _state = await OpenStateAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<HuntingBatchQueryResult>();
        bool stopped = false;
        for (int i = 0; i < _queries.Count; i++)
        {
            HuntingBatchQuery query = _queries[i];
            HuntingBatchQueryState state = _state.Queries.Single(q => q.Name == query.Name);
            if (_refused.TryGetValue(query.Name, out string? why))
            {
                Report(HuntingBatchProgressKind.QueryRefused, i, state, message: why);
                results.Add(new HuntingBatchQueryResult(query.Name, HuntingBatchQueryStatus.Refused, null, 0, []) { Refusal = why });
                continue;
            }

            string output = query.OutputPath(_folder, _options.Format);
            if (state.Finished)
            {
                Report(HuntingBatchProgressKind.QuerySkipped, i, state);
                results.Add(Outcome(query, state, output, run: null, skipped: true));
                continue;
            }

            if (stopped)
            {
                results.Add(new HuntingBatchQueryResult(query.Name, HuntingBatchQueryStatus.NotRun, output, state.Rows, [(state.Done, _state.End)]));
                continue;
            }

            (HuntingBatchQueryResult result, stopped) = await RunQueryAsync(i, query, state, output, cancellationToken).ConfigureAwait(false);
            results.Add(result);
        }

        return new HuntingBatchResult(_state.Start, _state.End, results, stopped);
    }

    /// <summary>Every query that cannot run in slices, with the reason, found before anything runs.</summary>
    private Dictionary<string, string> Refusals()
    {
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (HuntingBatchQuery query in _queries)
        {
            try
            {
                HuntingClient.CheckSliceable(query.Kql, _options.Slicing.Schema);
            }
            catch (HuntingSliceabilityException ex)
            {
                // The reason without the " (Parameter 'query')" an ArgumentException appends: the batch has no such parameter.
                refused[query.Name] = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            }
        }

        return refused;
    }

    /// <summary>The state to resume (checked against this batch), or a new one saved before any output is written.</summary>
    private async Task<HuntingBatchState> OpenStateAsync(CancellationToken cancellationToken)
    {
        DateTime? start = _options.Slicing.Start?.UtcDateTime;
        DateTime? end = _options.Slicing.End?.UtcDateTime;
        if (!_options.Restart && File.Exists(_statePath))
        {
            HuntingBatchState recorded = HuntingBatchState.Load(_statePath);
            string? difference = recorded.Difference(_queries, _options.Format, start, end);
            if (difference is not null)
            {
                throw new HuntingBatchStateException(
                    $"The batch state file {_statePath} records another batch: {difference}. Nothing was run: resume it with the batch it records, or start the batch over (the outputs are rewritten).",
                    _statePath,
                    null);
            }

            return recorded;
        }

        // A new batch: the slicing options are checked as a sliced run checks them, and the range is fixed from here on.
        (DateTime Start, DateTime End) range = _options.Slicing.Validate();
        HuntingBatchState state = HuntingBatchState.New(range.Start, range.End, _options.Format, _queries);
        Directory.CreateDirectory(_folder);
        await state.SaveAsync(_statePath, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task<(HuntingBatchQueryResult Result, bool Stopped)> RunQueryAsync(int index, HuntingBatchQuery query, HuntingBatchQueryState state, string output, CancellationToken cancellationToken)
    {
        Report(HuntingBatchProgressKind.QueryStarted, index, state);
        var fileOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.Read };
        await using var stream = new FileStream(output, fileOptions);
        if (stream.Length < state.Bytes)
        {
            throw new HuntingBatchStateException(
                $"The output {output} has {stream.Length} bytes, fewer than the {state.Bytes} the batch state file {_statePath} records as written: it was changed outside the batch. Nothing more was run: start the batch over (the outputs are rewritten).",
                _statePath,
                null);
        }

        stream.SetLength(state.Bytes); // drops the rows of a slice written before a kill but never committed
        stream.Position = state.Bytes;
        await using var text = new StreamWriter(stream, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        HuntingRowWriter writer = HuntingRowWriter.Create(text, _options.Format, continuation: state.Bytes > 0);

        SlicedRunResult? run = null;
        if (state.Done < _state.End)
        {
            SlicedRunOptions slicing = SliceFrom(state.Done);
            SlicedHuntingRun<HuntingRow> sliced = _client.RunSliced(query.Kql, slicing);
            try
            {
                await foreach (HuntingSliceRows<HuntingRow> slice in sliced.ReadSlicesAsync(cancellationToken).ConfigureAwait(false))
                {
                    foreach (HuntingRow row in slice.Rows)
                    {
                        writer.Write(row);
                    }

                    await text.FlushAsync(cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true); // the rows are on disk before the state says they are
                    if (slice.Slice.Start > state.Done)
                    {
                        state.Gaps.Add((state.Done, slice.Slice.Start)); // a lenient run went past a failed slice
                    }

                    state.Done = slice.Slice.End;
                    state.Bytes = stream.Position;
                    state.Rows += slice.Rows.Count;
                    await _state.SaveAsync(_statePath, cancellationToken).ConfigureAwait(false);
                    Report(HuntingBatchProgressKind.SliceCompleted, index, state, slice.Slice);
                }

                run = sliced.Result;
            }
            catch (HuntingSlicedRunException ex) when (ex.Result is not null)
            {
                // Strict: the failed slice is retried when the batch is resumed, so the state stays at the last commit.
                Report(HuntingBatchProgressKind.QueryStopped, index, state, message: ex.Message);
                return (new HuntingBatchQueryResult(query.Name, HuntingBatchQueryStatus.Partial, output, state.Rows, [(state.Done, _state.End)]) { Run = ex.Result }, true);
            }
        }

        if (state.Done < _state.End)
        {
            state.Gaps.Add((state.Done, _state.End)); // lenient: the last slices failed
            state.Done = _state.End;
        }

        state.Finished = true;
        await _state.SaveAsync(_statePath, cancellationToken).ConfigureAwait(false);
        Report(HuntingBatchProgressKind.QueryFinished, index, state);
        return (Outcome(query, state, output, run, skipped: false), false);
    }

    private SlicedRunOptions SliceFrom(DateTime done) => new()
    {
        Start = new DateTimeOffset(done, TimeSpan.Zero),
        End = new DateTimeOffset(_state.End, TimeSpan.Zero),
        InitialSlice = _options.Slicing.InitialSlice,
        MinimumSlice = _options.Slicing.MinimumSlice,
        RowCap = _options.Slicing.RowCap,
        Mode = _options.Slicing.Mode,
        Api = _options.Slicing.Api,
        Schema = _options.Slicing.Schema,
    };

    private static HuntingBatchQueryResult Outcome(HuntingBatchQuery query, HuntingBatchQueryState state, string output, SlicedRunResult? run, bool skipped) =>
        new(query.Name, state.Gaps.Count == 0 ? HuntingBatchQueryStatus.Complete : HuntingBatchQueryStatus.Partial, output, state.Rows, [.. state.Gaps]) { Run = run, Skipped = skipped };

    private void Report(HuntingBatchProgressKind kind, int index, HuntingBatchQueryState state, HuntingSlice? slice = null, string? message = null)
    {
        if (_options.Progress is not { } progress)
        {
            return;
        }

        double span = (_state.End - _state.Start).Ticks;
        double fraction = state.Finished ? 1 : (state.Done - _state.Start).Ticks / span;
        double batch = _state.Queries.Sum(q => q.Finished || _refused.ContainsKey(q.Name) ? 1 : (q.Done - _state.Start).Ticks / span) / _state.Queries.Count;
        progress.Report(new HuntingBatchProgress(kind, state.Name, index, _queries.Count, state.Done, state.Rows, fraction, batch) { Slice = slice, Message = message });
    }
}
