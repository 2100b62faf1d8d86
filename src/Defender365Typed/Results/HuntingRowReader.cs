using System;
using System.Buffers;
using System.ComponentModel;
using System.Text.Json;

namespace Defender365Typed.Results;

/// <summary>
/// The reader that generated row readers drive: it walks the response envelope (Graph <c>schema</c>/<c>results</c>
/// or legacy <c>Schema</c>/<c>Results</c>/<c>Stats</c>), matches property names to columns on their UTF-8 bytes
/// (first against the name seen at the same position in the previous row, then a hash table), and decodes values
/// in the forms the hunting APIs send. Its members are for generated code; use <see cref="HuntingResultReader"/>.
/// </summary>
/// <remarks>
/// One reader, one file per concern (as <see cref="Utf8JsonReader"/> is split): this file holds its state;
/// <c>.Envelope</c> the state machine over the response object, <c>.Schema</c> the response's schema array,
/// <c>.Columns</c> matching property names to declared columns, <c>.Scalars</c>, <c>.Strings</c> and <c>.Dynamic</c>
/// the value decoders, <c>.Rows</c> untyped rows (a whole row as a <see cref="JsonElement"/>), and <c>.Errors</c>
/// the one exception every failure becomes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref partial struct HuntingRowReader
{
    /// <summary><see cref="NextColumn"/>: the row's <c>}</c> was reached.</summary>
    public const int EndOfRow = -1;

    /// <summary><see cref="NextColumn"/>: the buffer ended inside the row; the row is retried with more data.</summary>
    public const int NeedMoreData = -2;

    /// <summary><see cref="NextColumn"/>: the property is not a declared column; skip its value.</summary>
    public const int UnknownColumn = -3;

    private readonly ReadOnlySpan<byte> _span;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly bool _sharesMemory;
    private readonly ReadOnlySequence<byte> _sequence;
    private readonly bool _isSequence;
    private readonly bool _isFinal;
    private readonly HuntingReadState _state;
    private readonly long _baseOffset;
    private readonly JsonReaderState _initialState;
    private Utf8JsonReader _json;
    private JsonReaderState _checkpointState;
    private long _checkpointOffset;

    internal HuntingRowReader(ReadOnlySpan<byte> data, bool isFinalBlock, JsonReaderState jsonState, HuntingReadState state, long baseOffset)
    {
        _span = data;
        _isFinal = isFinalBlock;
        _state = state;
        _baseOffset = baseOffset;
        _json = new Utf8JsonReader(data, isFinalBlock, jsonState);
        _checkpointState = jsonState;
        _initialState = jsonState;
    }

    /// <summary>A reader whose dynamic values are slices of <paramref name="data"/> rather than copies.</summary>
    internal HuntingRowReader(ReadOnlyMemory<byte> data, JsonReaderState jsonState, HuntingReadState state)
        : this(data.Span, isFinalBlock: true, jsonState, state, baseOffset: 0)
    {
        _memory = data;
        _sharesMemory = true;
    }

    internal HuntingRowReader(ReadOnlySequence<byte> data, bool isFinalBlock, JsonReaderState jsonState, HuntingReadState state, long baseOffset)
    {
        _sequence = data;
        _isSequence = true;
        _isFinal = isFinalBlock;
        _state = state;
        _baseOffset = baseOffset;
        _json = new Utf8JsonReader(data, isFinalBlock, jsonState);
        _checkpointState = jsonState;
        _initialState = jsonState;
    }

    /// <summary>Gives interned-value pools taken from a shared cache back (idempotent).</summary>
    internal readonly void ReleasePools() => _state.ReleasePools();

    /// <summary>Bytes of this buffer that were fully used by completed steps (for streaming).</summary>
    internal readonly long CheckpointOffset => _checkpointOffset;

    /// <summary>The JSON reader state at <see cref="CheckpointOffset"/>.</summary>
    internal readonly JsonReaderState CheckpointState => _checkpointState;

    /// <summary>Bytes consumed so far in this buffer.</summary>
    internal readonly long BytesConsumed => _json.BytesConsumed;

    internal readonly JsonReaderState CurrentState => _json.CurrentState;

    /// <summary>The current string or property name's unescaped UTF-8 bytes (the token itself when it has no escapes).</summary>
    private readonly ReadOnlySpan<byte> StringBytes()
    {
        if (!_json.HasValueSequence && !_json.ValueIsEscaped)
        {
            return _json.ValueSpan;
        }

        int length = _json.HasValueSequence ? checked((int)_json.ValueSequence.Length) : _json.ValueSpan.Length;
        byte[] scratch = _state.Scratch(length);
        int written = _json.CopyString(scratch);
        return scratch.AsSpan(0, written);
    }
}
