using System.Text.Json;

namespace Defender365Typed.Results;

// Untyped rows: a whole row object as one JsonElement (the client's HuntingRow), read through the same envelope and
// reported through the same errors as typed rows.
public ref partial struct HuntingRowReader
{
    /// <summary>
    /// The whole row as a <see cref="JsonElement"/> (one document per row), for row types that keep rows untyped; called
    /// with the reader on the row's <c>{</c>. False when the row is not complete in the buffer. Malformed JSON inside the
    /// row is reported with the column it is in.
    /// </summary>
    public bool TryReadRowElement(out JsonElement row)
    {
        Utf8JsonReader start = _json;
        try
        {
            if (!_isFinal)
            {
                Utf8JsonReader probe = _json;
                if (!probe.TrySkip())
                {
                    row = default;
                    return false;
                }
            }

            row = JsonElement.ParseValue(ref _json);
            return true;
        }
        catch (JsonException)
        {
            // Error path only: read the row again property by property, so that the error names the column it is in.
            _json = start;
            FindFailingColumn();
            throw;
        }
    }

    /// <summary>Walks the row's properties until System.Text.Json throws, leaving that property as the current column.</summary>
    private void FindFailingColumn()
    {
        while (true)
        {
            int column = NextColumn();
            if (column is EndOfRow or NeedMoreData || !TrySkipValue())
            {
                return;
            }
        }
    }
}
