using System;
using System.Text.Json;

namespace Defender365Typed.Results;

// String decoders: plain, interned, and the text of any JSON value for a string property over a dynamic column.
public ref partial struct HuntingRowReader
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
}
