using System;
using System.Collections;
using System.Collections.Generic;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Reading a table whose rows are in ascending Timestamp order (<see cref="KqlResultTable.IsOrderedByTimestamp"/>) by
/// time range: a binary search finds where an instant falls, and <see cref="RowRange"/> is a view of the rows between
/// two indexes, so a range costs its own rows plus a few probes instead of a scan of the table.
/// </summary>
internal static class TimestampOrder
{
    /// <summary>
    /// The first index whose Timestamp is at or after <paramref name="instant"/> (strictly after it when
    /// <paramref name="after"/>), or the row count when there is none.
    /// </summary>
    public static int FirstIndex(KqlResultTable table, int column, DateTime instant, bool after)
    {
        IReadOnlyList<object?[]> rows = table.Rows;
        int lo = 0, hi = rows.Count;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            DateTime t = rows[mid][column] is DateTime value
                ? value
                : throw new InvalidOperationException($"The table '{table.Name}' says its rows are ordered by Timestamp, but row {mid} has no datetime Timestamp.");
            if (after ? t <= instant : t < instant)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The rows <c>[start, end)</c> of <paramref name="rows"/>, read through on each access (nothing copied).</summary>
    public static IReadOnlyList<object?[]> Range(IReadOnlyList<object?[]> rows, int start, int end) =>
        start == 0 && end == rows.Count ? rows
        : end <= start ? []
        : rows is RowRange inner ? new RowRange(inner.Rows, inner.Start + start, end - start)
        : new RowRange(rows, start, end - start);

    private sealed class RowRange(IReadOnlyList<object?[]> rows, int start, int count) : IReadOnlyList<object?[]>
    {
        public IReadOnlyList<object?[]> Rows => rows;

        public int Start => start;

        public int Count => count;

        public object?[] this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                return rows[start + index];
            }
        }

        public IEnumerator<object?[]> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return rows[start + i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
