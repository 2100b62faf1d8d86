using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Defender365Typed.Results;

/// <summary>
/// Interned column values kept from one read to the next. Without it each read starts with empty intern pools and
/// decodes every distinct device name, file name or account once per response; with it, reads that set
/// <see cref="HuntingReaderOptions.InternCache"/> to the same cache find the values decoded by earlier reads, so a
/// service that runs the same hunting queries again and again stops allocating those strings at all.
/// </summary>
/// <remarks>
/// <para>
/// Values are kept per KQL column name, so every row type with a <c>DeviceName</c> column shares one pool. The cache is
/// bounded by <see cref="HuntingReaderOptions.MaxInternedPerColumn"/> values of at most
/// <see cref="HuntingReaderOptions.MaxInternedLength"/> bytes per column; call <see cref="Clear"/> to drop them.
/// </para>
/// <para>
/// Thread-safe. A read takes a column's pool for its duration and gives it back when it ends (when
/// <c>ReadAll</c>, <c>Visit</c> or <c>StreamAsync</c> finishes, or when a <c>foreach</c> over <c>Enumerate</c> ends);
/// a concurrent read of the same column meanwhile uses a pool of its own, which is kept if it is the larger one.
/// </para>
/// </remarks>
public sealed class HuntingInternCache
{
    private ConcurrentDictionary<PoolKey, Slot> _slots = new();

    /// <summary>How many distinct values the cache holds over all columns (pools lent to running reads are not counted).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (Slot slot in _slots.Values)
            {
                count += Volatile.Read(ref slot.Pool)?.Count ?? 0;
            }

            return count;
        }
    }

    /// <summary>Drops every cached value (reads that are running keep using theirs until they end).</summary>
    public void Clear() => Volatile.Write(ref _slots, new ConcurrentDictionary<PoolKey, Slot>());

    /// <summary>The column's pool, taken out of the cache until <see cref="Return"/> (a new one when it is lent out or absent).</summary>
    internal Lease Rent(string column, int maxCount, int maxLength)
    {
        var key = new PoolKey(column, maxCount, maxLength);
        Slot slot = Volatile.Read(ref _slots).GetOrAdd(key, static _ => new Slot());
        Utf8StringPool pool = Interlocked.Exchange(ref slot.Pool, null) ?? new Utf8StringPool(maxCount, maxLength);
        return new Lease(slot, pool);
    }

    /// <summary>Gives a pool back; when another read returned one meanwhile, the one with more values is kept.</summary>
    internal static void Return(Lease lease)
    {
        Utf8StringPool? returned = lease.Pool;
        while (true)
        {
            Utf8StringPool? current = Volatile.Read(ref lease.Slot.Pool);
            if (current is not null && current.Count >= returned.Count)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref lease.Slot.Pool, returned, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>A pool lent to one read, and where it goes back.</summary>
    internal readonly record struct Lease(Slot Slot, Utf8StringPool Pool);

    /// <summary>Where a column's idle pool waits.</summary>
    internal sealed class Slot
    {
        public Utf8StringPool? Pool;
    }

    private readonly record struct PoolKey(string Column, int MaxCount, int MaxLength);
}
