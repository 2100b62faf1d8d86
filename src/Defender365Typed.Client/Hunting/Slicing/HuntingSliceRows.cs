using System.Collections.Generic;

namespace Defender365Typed.Client;

/// <summary>A completed slice of a sliced run and all its rows (<see cref="SlicedHuntingRun{TRow}.ReadSlicesAsync"/>).</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class HuntingSliceRows<TRow>
{
    internal HuntingSliceRows(HuntingSlice slice, IReadOnlyList<TRow> rows)
    {
        Slice = slice;
        Rows = rows;
    }

    /// <summary>The slice: its half-open range, <see cref="HuntingSliceStatus.Completed"/>, its row count and elapsed time.</summary>
    public HuntingSlice Slice { get; }

    /// <summary>The slice's rows, in the order the service returned them.</summary>
    public IReadOnlyList<TRow> Rows { get; }
}
