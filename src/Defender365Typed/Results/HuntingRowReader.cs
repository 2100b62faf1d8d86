using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Defender365Typed.Results;

/// <summary>What one step of the envelope parser produced.</summary>
internal enum StepResult
{
    Row,
    NeedMoreData,
    Done,
}

/// <summary>
/// The reader that generated row readers drive: it walks the response envelope (Graph <c>schema</c>/<c>results</c>
/// or legacy <c>Schema</c>/<c>Results</c>/<c>Stats</c>), matches property names to columns on their UTF-8 bytes
/// (first against the name seen at the same position in the previous row, then a hash table), and decodes values
/// in the forms the hunting APIs send. Its members are for generated code; use <see cref="HuntingResultReader"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct HuntingRowReader
{
    /// <summary><see cref="NextColumn"/>: the row's <c>}</c> was reached.</summary>
    public const int EndOfRow = -1;

    /// <summary><see cref="NextColumn"/>: the buffer ended inside the row; the row is retried with more data.</summary>
    public const int NeedMoreData = -2;

    /// <summary><see cref="NextColumn"/>: the property is not a declared column; skip its value.</summary>
    public const int UnknownColumn = -3;

    private static readonly JsonElement NullElement = CreateNullElement();
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

    /// <summary>Advances to the next row, or to the end of the response.</summary>
    internal StepResult Step<TRow>(out TRow row)
        where TRow : IHuntingReadable<TRow>
    {
        HuntingReadState s = _state;
        while (true)
        {
            if (!_isFinal)
            {
                _checkpointState = _json.CurrentState;
                _checkpointOffset = _json.BytesConsumed;
            }

            switch (s.Phase)
            {
                case EnvelopePhase.Rows:
                    if (!_json.Read())
                    {
                        goto NeedMore;
                    }

                    if (_json.TokenType == JsonTokenType.StartObject)
                    {
                        s.BeginRow();
                        if (!TRow.TryReadRow(ref this, out row))
                        {
                            return StepResult.NeedMoreData;
                        }

                        s.EndRow();
                        return StepResult.Row;
                    }

                    if (_json.TokenType == JsonTokenType.EndArray)
                    {
                        s.Phase = EnvelopePhase.Root;
                        continue;
                    }

                    s.InRow = true;
                    s.NamePosition = -1;
                    throw Error($"a row must be a JSON object, found {_json.TokenType}");

                case EnvelopePhase.Start:
                    if (!_json.Read())
                    {
                        goto NeedMore;
                    }

                    if (_json.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error($"the response must be a JSON object with a schema and results, found {_json.TokenType}");
                    }

                    s.Phase = EnvelopePhase.Root;
                    continue;

                case EnvelopePhase.Root:
                    if (!_json.Read())
                    {
                        goto NeedMore;
                    }

                    if (_json.TokenType == JsonTokenType.EndObject)
                    {
                        if (!s.SawResults)
                        {
                            throw Error("the response has no results array ('results' or 'Results')");
                        }

                        s.Phase = EnvelopePhase.End;
                        continue;
                    }

                    switch (ClassifyEnvelopeName())
                    {
                        case 1:
                            if (s.SawResults)
                            {
                                throw Error("'schema' comes after 'results'; rows cannot be checked against it");
                            }

                            if (s.SawSchema)
                            {
                                throw Error("the response has two schemas");
                            }

                            if (!TryReadResponseSchema())
                            {
                                goto NeedMore;
                            }

                            continue;

                        case 2:
                            if (s.SawResults)
                            {
                                throw Error("the response has two results arrays");
                            }

                            if (!s.SawSchema && s.Options.RequireSchema)
                            {
                                throw Error("'results' comes before 'schema' (or there is no schema); set RequireSchema = false to read rows without one");
                            }

                            if (!_json.Read())
                            {
                                goto NeedMore;
                            }

                            if (_json.TokenType != JsonTokenType.StartArray)
                            {
                                throw Error($"'results' must be an array, found {_json.TokenType}");
                            }

                            s.SawResults = true;
                            s.Phase = EnvelopePhase.Rows;
                            continue;

                        default:
                            if (!_json.Read() || !_json.TrySkip())
                            {
                                goto NeedMore;
                            }

                            continue;
                    }

                default:
                    if (_json.Read())
                    {
                        throw Error("unexpected content after the response object");
                    }

                    if (_isFinal)
                    {
                        row = default!;
                        return StepResult.Done;
                    }

                    goto NeedMore;
            }
        }

    NeedMore:
        row = default!;
        return StepResult.NeedMoreData;
    }

    /// <summary>
    /// Moves to the next property of the row and onto its value: returns the declared column's index,
    /// <see cref="UnknownColumn"/>, <see cref="EndOfRow"/> or <see cref="NeedMoreData"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextColumn()
    {
        HuntingReadState s = _state;
        s.NamePosition = -1;
        if (!_json.Read())
        {
            return NeedMoreData;
        }

        if (_json.TokenType != JsonTokenType.PropertyName)
        {
            return EndOfRow;
        }

        int position = s.Position++;
        NameEntry?[] layout = s.Layout;
        NameEntry? entry;
        if ((uint)position >= (uint)layout.Length
            || (entry = layout[position]) is null
            || _json.ValueIsEscaped
            || _json.HasValueSequence
            || !NameEquals(_json.ValueSpan, entry.Utf8))
        {
            entry = LearnName(position);
        }

        s.NamePosition = position;
        int column = entry.Column;
        s.CurrentColumn = column;
        if (column >= 0)
        {
            ref ulong word = ref s.Seen[column >> 6];
            ulong bit = 1UL << column;
            if ((word & bit) != 0)
            {
                ThrowDuplicate();
            }

            word |= bit;
        }

        return _json.Read() ? column : NeedMoreData;
    }

    /// <summary>
    /// Byte equality of a property name and a known name, inlined for the lengths column names have (4 to 32 bytes:
    /// two or four overlapping word compares) instead of a call per property.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NameEquals(ReadOnlySpan<byte> name, byte[] known)
    {
        int length = name.Length;
        if (length != known.Length)
        {
            return false;
        }

        ref byte a = ref MemoryMarshal.GetReference(name);
        ref byte b = ref MemoryMarshal.GetArrayDataReference(known);
        if (length is >= 8 and <= 16)
        {
            return Unsafe.ReadUnaligned<ulong>(ref a) == Unsafe.ReadUnaligned<ulong>(ref b)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, length - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, length - 8));
        }

        if (length is > 16 and <= 32)
        {
            return Unsafe.ReadUnaligned<ulong>(ref a) == Unsafe.ReadUnaligned<ulong>(ref b)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, 8))
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, length - 16)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, length - 16))
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, length - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, length - 8));
        }

        if (length is >= 4 and < 8)
        {
            return Unsafe.ReadUnaligned<uint>(ref a) == Unsafe.ReadUnaligned<uint>(ref b)
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, length - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, length - 4));
        }

        return name.SequenceEqual(known);
    }

    /// <summary>After the row's <c>}</c>: checks that every declared column was present (unless missing columns take defaults).</summary>
    public readonly void CheckRowComplete()
    {
        HuntingReadState s = _state;
        if (!s.RequireAll)
        {
            return;
        }

        ulong[] seen = s.Seen;
        int count = s.Schema.Columns.Count;
        for (int w = 0; w < seen.Length; w++)
        {
            int inWord = Math.Min(64, count - (w << 6));
            ulong all = inWord == 64 ? ulong.MaxValue : (1UL << inWord) - 1;
            if (seen[w] != all)
            {
                int missing = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(~seen[w]);
                s.SetCurrentName(s.Schema.Entries[missing]);
                throw Error("the column is missing from the row (set MissingColumns = UseDefault to accept this)");
            }
        }
    }

    /// <summary>Skips the current value (for columns that are not declared). False when the value is not complete in the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySkipValue() => _json.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || _json.TrySkip();

    /// <summary>A string value (interned when the column asks for it), or <see langword="null"/> for JSON null.</summary>
    public string? ReadString()
    {
        JsonTokenType token = _json.TokenType;
        if (token == JsonTokenType.String)
        {
            Utf8StringPool? pool = _state.Pools?[_state.CurrentColumn];
            if (pool is not null)
            {
                return ReadInterned(pool);
            }

            // Escaped values (Windows paths, command lines) are unescaped into a reused scratch buffer first.
            return DecodeUtf8(StringBytes());
        }

        if (token == JsonTokenType.Null)
        {
            return null;
        }

        throw WrongToken("a string");
    }

    /// <summary>
    /// Text of any JSON value, for a string property holding a <c>dynamic</c> column: a string's content, or the raw
    /// JSON of an object, array, number or boolean. False when the value is not complete in the buffer.
    /// </summary>
    public bool TryReadJsonText(out string? value)
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.String:
                value = ReadString();
                return true;
            case JsonTokenType.Null:
                value = null;
                return true;
            default:
                if (!TryGetRawValue(out ReadOnlySpan<byte> raw))
                {
                    value = null;
                    return false;
                }

                value = System.Text.Encoding.UTF8.GetString(raw);
                return true;
        }
    }

    /// <summary>A <c>long</c>: a JSON number or a string holding one.</summary>
    public long ReadInt64()
    {
        if (_json.TokenType == JsonTokenType.Number && _json.TryGetInt64(out long value))
        {
            return value;
        }

        return ReadInt64Slow();
    }

    /// <summary>A nullable <c>long</c>.</summary>
    public long? ReadNullableInt64() => _json.TokenType == JsonTokenType.Null ? null : ReadInt64();

    /// <summary>An <c>int</c>: a JSON number or a string holding one.</summary>
    public int ReadInt32()
    {
        if (_json.TokenType == JsonTokenType.Number && _json.TryGetInt32(out int value))
        {
            return value;
        }

        long wide = ReadInt64();
        return wide is >= int.MinValue and <= int.MaxValue ? (int)wide : throw Error("the value is out of range for int");
    }

    /// <summary>A nullable <c>int</c>.</summary>
    public int? ReadNullableInt32() => _json.TokenType == JsonTokenType.Null ? null : ReadInt32();

    /// <summary>A <c>real</c>: a JSON number, or a string holding a number, <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>.</summary>
    public double ReadDouble()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Number:
                return _json.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw Error("the number is out of range for real");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseDouble(StringBytes(), out double parsed) ? parsed : throw Error("the string is not a real number");
            case JsonTokenType.Null:
                return NullForValueType<double>("real");
            default:
                throw WrongToken("a number");
        }
    }

    /// <summary>A nullable <c>real</c>.</summary>
    public double? ReadNullableDouble() => _json.TokenType == JsonTokenType.Null ? null : ReadDouble();

    /// <summary>A <c>decimal</c>: a JSON number or a string holding one.</summary>
    public decimal ReadDecimal()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Number:
                return _json.TryGetDecimal(out decimal value) ? value : throw Error("the number is out of range for decimal");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseDecimal(StringBytes(), out decimal parsed) ? parsed : throw Error("the string is not a decimal number");
            case JsonTokenType.Null:
                return NullForValueType<decimal>("decimal");
            default:
                throw WrongToken("a number");
        }
    }

    /// <summary>A nullable <c>decimal</c>.</summary>
    public decimal? ReadNullableDecimal() => _json.TokenType == JsonTokenType.Null ? null : ReadDecimal();

    /// <summary>A <c>bool</c>: <c>true</c>/<c>false</c>, the numbers 0/1, or the strings "true"/"false".</summary>
    public bool ReadBoolean()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return _json.TryGetInt64(out long number) && number is 0 or 1 ? number == 1 : throw Error("a number for bool must be 0 or 1");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseBool(StringBytes(), out bool parsed) ? parsed : throw Error("the string is not a bool");
            case JsonTokenType.Null:
                return NullForValueType<bool>("bool");
            default:
                throw WrongToken("a bool");
        }
    }

    /// <summary>A nullable <c>bool</c>.</summary>
    public bool? ReadNullableBoolean() => _json.TokenType == JsonTokenType.Null ? null : ReadBoolean();

    /// <summary>A <c>datetime</c> in ISO 8601, as UTC.</summary>
    public DateTime ReadDateTime()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseDateTime(StringBytes(), out long ticks, out _)
                ? new DateTime(ticks, DateTimeKind.Utc)
                : throw Error("the string is not an ISO 8601 datetime");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<DateTime>("datetime") : throw WrongToken("a datetime string");
    }

    /// <summary>A nullable <c>datetime</c>.</summary>
    public DateTime? ReadNullableDateTime() => _json.TokenType == JsonTokenType.Null ? null : ReadDateTime();

    /// <summary>A <c>datetime</c> in ISO 8601, keeping a sent offset (UTC otherwise).</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseDateTime(StringBytes(), out long ticks, out int offsetMinutes)
                ? new DateTimeOffset(ticks + (offsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(offsetMinutes))
                : throw Error("the string is not an ISO 8601 datetime");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<DateTimeOffset>("datetime") : throw WrongToken("a datetime string");
    }

    /// <summary>A nullable <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset? ReadNullableDateTimeOffset() => _json.TokenType == JsonTokenType.Null ? null : ReadDateTimeOffset();

    /// <summary>A <c>guid</c>.</summary>
    public Guid ReadGuid()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseGuid(StringBytes(), out Guid value) ? value : throw Error("the string is not a guid");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<Guid>("guid") : throw WrongToken("a guid string");
    }

    /// <summary>A nullable <c>guid</c>.</summary>
    public Guid? ReadNullableGuid() => _json.TokenType == JsonTokenType.Null ? null : ReadGuid();

    /// <summary>A <c>timespan</c> as <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public TimeSpan ReadTimeSpan()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseTimeSpan(StringBytes(), out TimeSpan value) ? value : throw Error("the string is not a timespan");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<TimeSpan>("timespan") : throw WrongToken("a timespan string");
    }

    /// <summary>A nullable <c>timespan</c>.</summary>
    public TimeSpan? ReadNullableTimeSpan() => _json.TokenType == JsonTokenType.Null ? null : ReadTimeSpan();

    /// <summary>A <c>dynamic</c> value, kept as raw JSON. False when the value is not complete in the buffer.</summary>
    public bool TryReadDynamic(out KqlDynamicValue value)
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Null:
                value = default;
                return true;
            case JsonTokenType.String:
            {
                ReadOnlySpan<byte> escaped = _json.HasValueSequence ? _json.ValueSequence.ToArray() : _json.ValueSpan;
                ReadOnlySpan<byte> unescaped = StringBytes();

                // Held JSON is checked whole (syntax and UTF-8) by TryGetHeldJson; other strings are checked here.
                if (KqlDynamicValue.TryGetHeldJson(unescaped, _state.MaxDepth, out ReadOnlySpan<byte> held))
                {
                    Memory<byte> heldCopy = _state.Allocate(held.Length);
                    held.CopyTo(heldCopy.Span);
                    value = new KqlDynamicValue(heldCopy);
                    return true;
                }

                if (!System.Text.Unicode.Utf8.IsValid(unescaped))
                {
                    throw Error("the string is not valid UTF-8");
                }

                if (_sharesMemory)
                {
                    // The string token as sent, quotes included, is the value's JSON.
                    value = new KqlDynamicValue(_memory.Slice((int)_json.TokenStartIndex, escaped.Length + 2));
                    return true;
                }

                Memory<byte> token = _state.Allocate(escaped.Length + 2);
                KqlDynamicValue.WriteStringToken(escaped, token.Span);
                value = new KqlDynamicValue(token);
                return true;
            }

            default:
                long start = _json.TokenStartIndex;
                if (!TryGetRawValue(out ReadOnlySpan<byte> raw))
                {
                    value = default;
                    return false;
                }

                if (_sharesMemory)
                {
                    // The caller handed over memory it keeps unchanged (the ReadOnlyMemory overloads): no copy.
                    value = new KqlDynamicValue(_memory.Slice((int)start, raw.Length));
                    return true;
                }

                Memory<byte> copy = _state.Allocate(raw.Length);
                raw.CopyTo(copy.Span);
                value = new KqlDynamicValue(copy);
                return true;
        }
    }

    /// <summary>A <c>dynamic</c> value as a <see cref="JsonElement"/> (parsed now: a document per value). JSON null gives a Null element.</summary>
    public bool TryReadJsonElement(out JsonElement value)
    {
        if (!TryReadNullableJsonElement(out JsonElement? element))
        {
            value = default;
            return false;
        }

        value = element ?? NullElement;
        return true;
    }

    /// <summary>A nullable <c>dynamic</c> value as a <see cref="JsonElement"/>.</summary>
    public bool TryReadNullableJsonElement(out JsonElement? value)
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Null:
                value = null;
                return true;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (!_isFinal)
                {
                    Utf8JsonReader probe = _json;
                    if (!probe.TrySkip())
                    {
                        value = null;
                        return false;
                    }
                }

                value = JsonElement.ParseValue(ref _json);
                return true;
            default:
                if (!TryReadDynamic(out KqlDynamicValue dynamic))
                {
                    value = null;
                    return false;
                }

                value = dynamic.ToJsonElement();
                return true;
        }
    }

    /// <summary>JSON null in a non-nullable value-type column: default when allowed, else an error.</summary>
    private readonly T NullForValueType<T>(string kqlType)
        where T : struct =>
        _state.AllowNullForValueTypes ? default : throw Error($"null in a non-nullable {kqlType} property (declare it nullable, or set NullToDefault)");

    private long ReadInt64Slow()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Number:
                throw Error("the number is not an integer in the range of long");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseInt64(StringBytes(), out long parsed) ? parsed : throw Error("the string is not an integer in the range of long");
            case JsonTokenType.Null:
                return NullForValueType<long>("long");
            default:
                throw WrongToken("a number");
        }
    }

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

    private readonly string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
#if NET9_0_OR_GREATER
        // Most hunting values are ASCII: one vectorized check, then a widening copy straight into the new string.
        if (System.Text.Ascii.IsValid(utf8))
        {
            return string.Create(utf8.Length, utf8, static (chars, bytes) => System.Text.Ascii.ToUtf16(bytes, chars, out _));
        }
#endif
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (System.Text.DecoderFallbackException exception)
        {
            throw Error("the string is not valid UTF-8", exception);
        }
    }

    private readonly string ReadInterned(Utf8StringPool pool)
    {
        return pool.GetOrAdd(StringBytes()) ?? throw Error("the string is not valid UTF-8");
    }

    /// <summary>
    /// The current value's raw JSON (an object or array is skipped to its end), valid until the next read; checked to be
    /// valid UTF-8. False when the value is not complete in the buffer.
    /// </summary>
    private bool TryGetRawValue(out ReadOnlySpan<byte> raw)
    {
        long start = _json.TokenStartIndex;
        if (_json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            if (!_json.TrySkip())
            {
                raw = default;
                return false;
            }
        }

        long end = _json.BytesConsumed;
        if (_isSequence)
        {
            ReadOnlySequence<byte> slice = _sequence.Slice(start, end - start);
            if (slice.IsSingleSegment)
            {
                raw = slice.FirstSpan;
            }
            else
            {
                byte[] scratch = _state.Scratch(checked((int)slice.Length));
                slice.CopyTo(scratch);
                raw = scratch.AsSpan(0, (int)slice.Length);
            }
        }
        else
        {
            raw = _span[(int)start..(int)end];
        }

        if (!System.Text.Unicode.Utf8.IsValid(raw))
        {
            throw Error("the value is not valid UTF-8");
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly NameEntry LearnName(int position) => _state.Learn(position, StringBytes());

    /// <summary>1 for schema/Schema, 2 for results/Results, 0 otherwise (ASCII case-insensitive).</summary>
    private readonly int ClassifyEnvelopeName()
    {
        ReadOnlySpan<byte> name = StringBytes();
        if (name.Length == 6 && AsciiEqualsIgnoreCase(name, "schema"u8))
        {
            return 1;
        }

        if (name.Length == 7 && AsciiEqualsIgnoreCase(name, "results"u8))
        {
            return 2;
        }

        return 0;
    }

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lower)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if ((value[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the response's schema array (atomically: false rolls back to before it). Checks declared columns against it.</summary>
    private bool TryReadResponseSchema()
    {
        if (!_json.Read())
        {
            return false;
        }

        if (_json.TokenType == JsonTokenType.Null)
        {
            _state.SawSchema = true;
            return true;
        }

        if (_json.TokenType != JsonTokenType.StartArray)
        {
            throw Error($"'schema' must be an array, found {_json.TokenType}");
        }

        // Each name primes the predicted row layout at its position; declared columns are ticked off in Seen.
        HuntingReadState state = _state;
        System.Array.Clear(state.Seen);
        int position = 0;
        while (true)
        {
            if (!_json.Read())
            {
                return false;
            }

            if (_json.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (_json.TokenType != JsonTokenType.StartObject)
            {
                throw Error($"a schema entry must be an object, found {_json.TokenType}");
            }

            bool named = false;
            while (true)
            {
                if (!_json.Read())
                {
                    return false;
                }

                if (_json.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                ReadOnlySpan<byte> key = StringBytes();
                bool isName = key.Length == 4 && AsciiEqualsIgnoreCase(key, "name"u8);
                if (!_json.Read())
                {
                    return false;
                }

                if (isName && _json.TokenType == JsonTokenType.String)
                {
                    ReadOnlySpan<byte> name = StringBytes();
                    if (!System.Text.Unicode.Utf8.IsValid(name))
                    {
                        throw Error("a schema column name is not valid UTF-8");
                    }

                    NameEntry entry = state.Learn(position, name);
                    if (entry.Column >= 0)
                    {
                        state.Seen[entry.Column >> 6] |= 1UL << entry.Column;
                    }

                    named = true;
                }
                else if (!_json.TrySkip())
                {
                    return false;
                }
            }

            if (!named)
            {
                throw Error("a schema entry has no name");
            }

            position++;
        }

        state.SawSchema = true;
        if (state.RequireAll)
        {
            ulong[] seen = state.Seen;
            for (int column = 0; column < state.Schema.Columns.Count; column++)
            {
                if ((seen[column >> 6] & (1UL << column)) == 0)
                {
                    throw new HuntingResultFormatException(
                        "the column is not in the response's schema (set MissingColumns = UseDefault to accept this)",
                        null,
                        state.Schema.Columns[column].Name,
                        _baseOffset + _json.TokenStartIndex);
                }
            }
        }

        return true;
    }

    private readonly HuntingResultFormatException WrongToken(string expected) => Error($"expected {expected}, found {_json.TokenType}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowDuplicate() => throw Error("the column appears twice in the row");

    /// <summary>An error at the current position, naming the row and column when inside a row.</summary>
    internal readonly HuntingResultFormatException Error(string problem, Exception? inner = null)
    {
        HuntingReadState s = _state;
        return new HuntingResultFormatException(
            problem,
            s.InRow ? s.RowIndex : null,
            s.InRow ? s.CurrentName?.Name : null,
            _baseOffset + Math.Max(_json.TokenStartIndex, 0),
            inner);
    }

    /// <summary>Wraps an exception from System.Text.Json (malformed JSON, depth, invalid UTF-8) with the row and column.</summary>
    internal readonly HuntingResultFormatException Wrap(Exception exception) => exception switch
    {
        HuntingResultFormatException own => own,
        JsonException json => Error(json.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ') switch
        {
            { } message when _isFinal && IsValidPrefix() => "the response ends too early (truncated JSON): " + message,
            { Length: > 0 } message => "malformed JSON: " + message,
            _ => "malformed JSON",
        }, json),
        _ => Error("invalid value: " + exception.Message, exception),
    };

    /// <summary>Whether this buffer is the beginning of valid JSON that merely stops too early (error path only).</summary>
    private readonly bool IsValidPrefix()
    {
        try
        {
            Utf8JsonReader probe = _isSequence
                ? new Utf8JsonReader(_sequence, isFinalBlock: false, _initialState)
                : new Utf8JsonReader(_span, isFinalBlock: false, _initialState);
            while (probe.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static bool IsReaderException(Exception exception) =>
        exception is not HuntingResultFormatException
        && exception is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException;

    private static JsonElement CreateNullElement()
    {
        using JsonDocument document = JsonDocument.Parse("null"u8.ToArray());
        return document.RootElement.Clone();
    }
}
