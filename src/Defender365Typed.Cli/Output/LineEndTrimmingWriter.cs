using System;
using System.IO;
using System.Text;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// Passes text through to another writer, dropping the spaces that end a line (a table pads its last column), so
/// redirected output has no trailing whitespace. Spaces are held back until something other than a line break follows.
/// </summary>
internal sealed class LineEndTrimmingWriter(TextWriter inner) : TextWriter
{
    private int _pendingSpaces;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == ' ')
        {
            _pendingSpaces++;
            return;
        }

        if (value is '\n' or '\r')
        {
            _pendingSpaces = 0;
        }
        else
        {
            WritePending();
        }

        inner.Write(value);
    }

    public override void Write(string? value)
    {
        foreach (char c in value.AsSpan())
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        foreach (char c in buffer.AsSpan(index, count))
        {
            Write(c);
        }
    }

    /// <summary>Flushing is not the end of a line: held spaces stay held.</summary>
    public override void Flush() => inner.Flush();

    private void WritePending()
    {
        if (_pendingSpaces > 0)
        {
            inner.Write(new string(' ', _pendingSpaces));
            _pendingSpaces = 0;
        }
    }
}
