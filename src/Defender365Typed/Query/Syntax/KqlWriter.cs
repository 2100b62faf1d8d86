using System;
using System.Buffers;

namespace Defender365Typed.Syntax;

/// <summary>
/// Appends KQL text to a pooled buffer: rendering a query allocates only the final string.
/// </summary>
internal ref struct KqlWriter
{
    private char[]? _rented;
    private Span<char> _buffer;
    private int _length;

    public KqlWriter(Span<char> initialBuffer)
    {
        _rented = null;
        _buffer = initialBuffer;
        _length = 0;
    }

    /// <summary>True while rendering a nested query on one line (join/union/in operands).</summary>
    public bool Inline { get; set; }

    public void Append(string text) => Append(text.AsSpan());

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer[_length..]);
        _length += text.Length;
    }

    public void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    public void Append(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        Append(digits[..written]);
    }

    /// <summary>Starts the next tabular operator: a new line at top level, " | " when inline.</summary>
    public void Pipe() => Append(Inline ? " | " : "\n| ");

    public override readonly string ToString() => _buffer[.._length].ToString();

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow(int additional)
    {
        char[] next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + additional));
        _buffer[.._length].CopyTo(next);
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }

        _rented = next;
        _buffer = next;
    }
}
