using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;

namespace Defender365Typed.Results;

/// <summary>
/// Reads advanced hunting responses into typed rows with the generated readers: from memory
/// (<see cref="ReadOnlySpan{T}"/>, <see cref="ReadOnlySequence{T}"/>), one row at a time without allocating per row
/// (<see cref="Enumerate{TRow}(ReadOnlySpan{byte}, HuntingReaderOptions?)"/>, <see cref="Visit{TRow, TVisitor}(ReadOnlySpan{byte}, ref TVisitor, HuntingReaderOptions?)"/>),
/// or streamed from a <see cref="Stream"/> or <see cref="PipeReader"/> through a bounded pooled buffer.
/// Both response shapes are read: Graph <c>runHuntingQuery</c> (<c>schema</c>, <c>results</c>) and the legacy
/// Defender API (<c>Stats</c>, <c>Schema</c>, <c>Results</c>). Every failure is a <see cref="HuntingResultFormatException"/>.
/// </summary>
public static class HuntingResultReader
{
    /// <summary>Reads every row of a response held in memory. Dynamic values are copied, so the bytes may be reused afterwards.</summary>
    /// <exception cref="HuntingResultFormatException">The response is malformed or does not fit <typeparamref name="TRow"/>.</exception>
    public static List<TRow> ReadAll<TRow>(ReadOnlySpan<byte> utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        return ReadAll(Enumerate<TRow>(utf8Json, options).GetEnumerator(), utf8Json.Length);
    }

    /// <summary>Reads every row of a response held in an array. Dynamic values are copied, so the array may be reused afterwards.</summary>
    /// <exception cref="HuntingResultFormatException">The response is malformed or does not fit <typeparamref name="TRow"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    public static List<TRow> ReadAll<TRow>(byte[] utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadAll<TRow>(new ReadOnlySpan<byte>(utf8Json), options);
    }

    /// <summary>
    /// Reads every row of a response held in memory that stays unchanged while the rows are used: the rows' dynamic
    /// values (<see cref="KqlDynamicValue"/>) are slices of <paramref name="utf8Json"/> instead of copies, as with
    /// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>. Pass a span (or the array itself)
    /// when the memory is about to be reused or returned to a pool.
    /// </summary>
    /// <exception cref="HuntingResultFormatException">The response is malformed or does not fit <typeparamref name="TRow"/>.</exception>
    public static List<TRow> ReadAll<TRow>(ReadOnlyMemory<byte> utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        return ReadAll(Enumerate<TRow>(utf8Json, options).GetEnumerator(), utf8Json.Length);
    }

    private static List<TRow> ReadAll<TRow>(HuntingRowEnumerator<TRow> enumerator, long totalBytes)
        where TRow : IHuntingReadable<TRow>
    {
        var rows = new List<TRow>();
        try
        {
            long sampleStart = 0;
            while (enumerator.MoveNext())
            {
                rows.Add(enumerator.Current);
                if (rows.Count == SizingSampleStart)
                {
                    sampleStart = enumerator.BytesConsumed;
                }
                else if (rows.Count == SizingSampleEnd)
                {
                    // Size the list once from the average size of the sampled rows, instead of doubling it ~17 times.
                    long consumed = enumerator.BytesConsumed;
                    double bytesPerRow = Math.Max(1, (consumed - sampleStart) / (double)(SizingSampleEnd - SizingSampleStart));
                    double expected = rows.Count + ((totalBytes - consumed) / bytesPerRow * 1.08) + 16;
                    rows.Capacity = (int)Math.Min(expected, Array.MaxLength);
                }
            }
        }
        finally
        {
            enumerator.Dispose();
        }

        return rows;
    }

    private const int SizingSampleStart = 16;
    private const int SizingSampleEnd = 80;

    /// <summary>Reads every row of a response held in (possibly segmented) memory. Dynamic values are copied, so the buffers may be reused afterwards.</summary>
    /// <exception cref="HuntingResultFormatException">The response is malformed or does not fit <typeparamref name="TRow"/>.</exception>
    public static List<TRow> ReadAll<TRow>(ReadOnlySequence<byte> utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        return ReadAll(Enumerate<TRow>(utf8Json, options).GetEnumerator(), utf8Json.Length);
    }

    /// <summary>The rows of a response one at a time; nothing is allocated per row beyond what the row itself holds.</summary>
    public static HuntingRowEnumerable<TRow> Enumerate<TRow>(ReadOnlySpan<byte> utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        HuntingReadState state = NewState<TRow>(options);
        return new(new HuntingRowReader(utf8Json, true, new JsonReaderState(state.JsonOptions), state, 0));
    }

    /// <summary>
    /// The rows of a response held in memory that stays unchanged while the rows are used, one at a time; the rows'
    /// dynamic values are slices of <paramref name="utf8Json"/> (see <see cref="ReadAll{TRow}(ReadOnlyMemory{byte}, HuntingReaderOptions?)"/>).
    /// </summary>
    public static HuntingRowEnumerable<TRow> Enumerate<TRow>(ReadOnlyMemory<byte> utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        HuntingReadState state = NewState<TRow>(options);
        return new(new HuntingRowReader(utf8Json, new JsonReaderState(state.JsonOptions), state));
    }

    /// <summary>The rows of a response held in an array, one at a time (dynamic values are copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    public static HuntingRowEnumerable<TRow> Enumerate<TRow>(byte[] utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return Enumerate<TRow>(new ReadOnlySpan<byte>(utf8Json), options);
    }

    /// <summary>The rows of a response in (possibly segmented) memory, one at a time.</summary>
    public static HuntingRowEnumerable<TRow> Enumerate<TRow>(ReadOnlySequence<byte> utf8Json, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
    {
        HuntingReadState state = NewState<TRow>(options);
        return new(new HuntingRowReader(utf8Json, true, new JsonReaderState(state.JsonOptions), state, 0));
    }

    /// <summary>
    /// Hands each row to <paramref name="visitor"/> (a struct visitor is called without boxing or allocation)
    /// until the end or until it returns <see langword="false"/>. Returns the number of rows visited.
    /// </summary>
    public static long Visit<TRow, TVisitor>(ReadOnlySpan<byte> utf8Json, ref TVisitor visitor, HuntingReaderOptions? options = null)
        where TRow : IHuntingReadable<TRow>
        where TVisitor : IHuntingRowVisitor<TRow>
    {
        long count = 0;
        foreach (TRow row in Enumerate<TRow>(utf8Json, options))  // foreach disposes: pools go back to the cache
        {
            if (!visitor.Visit(in row, count++))
            {
                break;
            }
        }

        return count;
    }

    /// <summary>
    /// Streams the rows of a response from <paramref name="utf8Json"/> through a pooled buffer of
    /// <see cref="HuntingReaderOptions.StreamBufferSize"/> bytes (grown only for a row that does not fit, up to
    /// <see cref="HuntingReaderOptions.MaxStreamBufferSize"/>); the response is never held whole. The stream is not disposed.
    /// A <see cref="HuntingResultFormatException"/> is thrown after every row before the failure has been yielded.
    /// </summary>
    public static IAsyncEnumerable<TRow> StreamAsync<TRow>(
        Stream utf8Json,
        HuntingReaderOptions? options = null,
        CancellationToken cancellationToken = default)
        where TRow : IHuntingReadable<TRow> =>
        StreamAsync<TRow>(utf8Json, options, onStatistics: null, cancellationToken);

    /// <summary>
    /// Streams the rows of a response from <paramref name="utf8Json"/> as
    /// <see cref="StreamAsync{TRow}(Stream, HuntingReaderOptions?, CancellationToken)"/> does, and hands the legacy
    /// response's <c>Stats</c> to <paramref name="onStatistics"/> once it has been read (before the rows that follow it;
    /// never for a Graph response, which has none).
    /// </summary>
    public static async IAsyncEnumerable<TRow> StreamAsync<TRow>(
        Stream utf8Json,
        HuntingReaderOptions? options,
        Action<HuntingStatistics>? onStatistics,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : IHuntingReadable<TRow>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        HuntingReadState state = NewState<TRow>(options);
        var batch = new List<TRow>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(state.Options.StreamBufferSize);
        try
        {
            int start = 0;
            int end = 0;
            long offset = 0;
            bool endOfStream = false;
            JsonReaderState jsonState = new(state.JsonOptions);
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    buffer = Grow(buffer, end, state.Options.MaxStreamBufferSize);
                }

                int read = await utf8Json.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                endOfStream = read == 0;
                end += read;

                bool done = false;
                HuntingResultFormatException? failure = null;
                try
                {
                    done = ParseBatch(buffer.AsSpan(0, end), endOfStream, ref jsonState, state, batch, offset, out int consumed);
                    start = consumed;
                    offset += consumed;
                }
                catch (HuntingResultFormatException exception)
                {
                    failure = exception; // thrown once the rows before it are delivered
                }

                ReportStatistics(state, ref onStatistics);
                foreach (TRow row in batch)
                {
                    yield return row;
                }

                batch.Clear();
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                if (done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            state.ReleasePools();
        }
    }

    /// <summary>
    /// Streams the rows of a response from <paramref name="utf8Json"/>, parsing the pipe's buffers in place. Data the
    /// pipe holds for one unfinished row may grow up to <see cref="HuntingReaderOptions.MaxStreamBufferSize"/>. The
    /// reader is advanced but not completed. A <see cref="HuntingResultFormatException"/> is thrown after every row
    /// before the failure has been yielded.
    /// </summary>
    public static IAsyncEnumerable<TRow> StreamAsync<TRow>(
        PipeReader utf8Json,
        HuntingReaderOptions? options = null,
        CancellationToken cancellationToken = default)
        where TRow : IHuntingReadable<TRow> =>
        StreamAsync<TRow>(utf8Json, options, onStatistics: null, cancellationToken);

    /// <summary>
    /// Streams the rows of a response from <paramref name="utf8Json"/> as
    /// <see cref="StreamAsync{TRow}(PipeReader, HuntingReaderOptions?, CancellationToken)"/> does, and hands the legacy
    /// response's <c>Stats</c> to <paramref name="onStatistics"/> once it has been read (before the rows that follow it;
    /// never for a Graph response, which has none).
    /// </summary>
    public static async IAsyncEnumerable<TRow> StreamAsync<TRow>(
        PipeReader utf8Json,
        HuntingReaderOptions? options,
        Action<HuntingStatistics>? onStatistics,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : IHuntingReadable<TRow>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        HuntingReadState state = NewState<TRow>(options);
        var batch = new List<TRow>();
        JsonReaderState jsonState = new(state.JsonOptions);
        long offset = 0;
        try
        {
            while (true)
            {
                ReadResult result = await utf8Json.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                bool done = false;
                long consumed = 0;
                HuntingResultFormatException? failure = null;
                try
                {
                    done = ParseBatch(buffer, result.IsCompleted, ref jsonState, state, batch, offset, out consumed);
                }
                catch (HuntingResultFormatException exception)
                {
                    failure = exception; // thrown once the rows before it are delivered
                }
                catch
                {
                    utf8Json.AdvanceTo(buffer.Start, buffer.End);
                    throw;
                }

                if (failure is not null)
                {
                    utf8Json.AdvanceTo(buffer.Start, buffer.End);
                }
                else if (!done && buffer.Length - consumed > state.Options.MaxStreamBufferSize)
                {
                    utf8Json.AdvanceTo(buffer.Start, buffer.End);
                    throw new HuntingResultFormatException(
                        $"a single row or envelope property is larger than MaxStreamBufferSize ({state.Options.MaxStreamBufferSize} bytes)",
                        state.InRow ? state.RowIndex : null,
                        null,
                        offset + consumed);
                }
                else
                {
                    utf8Json.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
                    offset += consumed;
                }

                ReportStatistics(state, ref onStatistics);
                foreach (TRow row in batch)
                {
                    yield return row;
                }

                batch.Clear();
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                if (done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            state.ReleasePools();
        }
    }

    /// <summary>Hands the response's <c>Stats</c> to <paramref name="onStatistics"/> once they have been read, then forgets the callback.</summary>
    private static void ReportStatistics(HuntingReadState state, ref Action<HuntingStatistics>? onStatistics)
    {
        if (onStatistics is not null && state.Statistics is { } statistics)
        {
            onStatistics(statistics);
            onStatistics = null;
        }
    }

    private static HuntingReadState NewState<TRow>(HuntingReaderOptions? options)
        where TRow : IHuntingReadable<TRow> =>
        new(TRow.ReaderSchema, options);

    private static byte[] Grow(byte[] buffer, int used, int max)
    {
        if (buffer.Length >= max)
        {
            throw new HuntingResultFormatException($"a single row or envelope property is larger than MaxStreamBufferSize ({max} bytes)");
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(max, buffer.Length * 2));
        Buffer.BlockCopy(buffer, 0, larger, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    /// <summary>Parses complete rows from <paramref name="data"/>; returns true at the end of the response.</summary>
    private static bool ParseBatch<TRow>(ReadOnlySpan<byte> data, bool isFinal, ref JsonReaderState jsonState, HuntingReadState state, List<TRow> batch, long offset, out int consumed)
        where TRow : IHuntingReadable<TRow>
    {
        var reader = new HuntingRowReader(data, isFinal, jsonState, state, offset);
        bool done = Drain(ref reader, isFinal, batch);
        consumed = (int)(done ? reader.BytesConsumed : reader.CheckpointOffset);
        jsonState = done ? reader.CurrentState : reader.CheckpointState;
        return done;
    }

    private static bool ParseBatch<TRow>(ReadOnlySequence<byte> data, bool isFinal, ref JsonReaderState jsonState, HuntingReadState state, List<TRow> batch, long offset, out long consumed)
        where TRow : IHuntingReadable<TRow>
    {
        var reader = new HuntingRowReader(data, isFinal, jsonState, state, offset);
        bool done = Drain(ref reader, isFinal, batch);
        consumed = done ? reader.BytesConsumed : reader.CheckpointOffset;
        jsonState = done ? reader.CurrentState : reader.CheckpointState;
        return done;
    }

    private static bool Drain<TRow>(ref HuntingRowReader reader, bool isFinal, List<TRow> batch)
        where TRow : IHuntingReadable<TRow>
    {
        try
        {
            while (true)
            {
                switch (reader.Step(out TRow row))
                {
                    case StepResult.Row:
                        batch.Add(row);
                        break;
                    case StepResult.Done:
                        return true;
                    default:
                        if (isFinal)
                        {
                            throw reader.Error("the response ends too early (truncated JSON)");
                        }

                        return false;
                }
            }
        }
        catch (Exception exception) when (HuntingRowReader.IsReaderException(exception))
        {
            throw reader.Wrap(exception);
        }
    }
}

/// <summary>The rows of an in-memory response, for <c>foreach</c>.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public ref struct HuntingRowEnumerable<TRow>
    where TRow : IHuntingReadable<TRow>
{
    private HuntingRowReader _reader;

    internal HuntingRowEnumerable(HuntingRowReader reader) => _reader = reader;

    /// <summary>The enumerator (it can be used once).</summary>
    public HuntingRowEnumerator<TRow> GetEnumerator() => new(_reader);
}

/// <summary>Reads one row per <see cref="MoveNext"/>.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public ref struct HuntingRowEnumerator<TRow>
    where TRow : IHuntingReadable<TRow>
{
    private HuntingRowReader _reader;
    private TRow _current;

    internal HuntingRowEnumerator(HuntingRowReader reader)
    {
        _reader = reader;
        _current = default!;
    }

    /// <summary>The row just read.</summary>
    public readonly TRow Current => _current;

    internal readonly long BytesConsumed => _reader.BytesConsumed;

    /// <summary>Reads the next row; <see langword="false"/> at the end of the response.</summary>
    /// <exception cref="HuntingResultFormatException">The response is malformed or does not fit <typeparamref name="TRow"/>.</exception>
    public bool MoveNext()
    {
        try
        {
            switch (_reader.Step(out _current))
            {
                case StepResult.Row:
                    return true;
                case StepResult.Done:
                    _reader.ReleasePools();
                    return false;
                default:
                    throw _reader.Error("the response ends too early (truncated JSON)");
            }
        }
        catch (Exception exception) when (HuntingRowReader.IsReaderException(exception))
        {
            throw _reader.Wrap(exception);
        }
    }

    /// <summary>Ends the read (<c>foreach</c> calls this): interned-value pools taken from <see cref="HuntingReaderOptions.InternCache"/> go back to it.</summary>
    public readonly void Dispose() => _reader.ReleasePools();
}
