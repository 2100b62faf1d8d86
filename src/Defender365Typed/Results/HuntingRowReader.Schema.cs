using System;
using System.Text.Json;

namespace Defender365Typed.Results;

// The response's schema array: primes the predicted row layout and checks the declared columns against it.
public ref partial struct HuntingRowReader
{
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
}
