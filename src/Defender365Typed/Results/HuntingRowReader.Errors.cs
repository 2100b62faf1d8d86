using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Defender365Typed.Results;

// Errors: every failure becomes a HuntingResultFormatException naming the row, the column and the byte position.
public ref partial struct HuntingRowReader
{
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
}
