using System;
using System.Buffers;
using System.Text.Json;

namespace Defender365Typed.Results;

// Dynamic values: kept as raw UTF-8 JSON (KqlDynamicValue), copied or sliced in place, or parsed into a JsonElement.
public ref partial struct HuntingRowReader
{
    private static readonly JsonElement NullElement = CreateNullElement();

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

    private static JsonElement CreateNullElement()
    {
        using JsonDocument document = JsonDocument.Parse("null"u8.ToArray());
        return document.RootElement.Clone();
    }
}
