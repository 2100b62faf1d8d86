using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Defender365Typed.Results;

// Name matching: each property of a row is matched to a declared column on its UTF-8 bytes (first the name seen at the
// same position in the previous row, then the schema's hash table); a column twice or missing from a row is an error.
public ref partial struct HuntingRowReader
{
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly NameEntry LearnName(int position) => _state.Learn(position, StringBytes());
}
