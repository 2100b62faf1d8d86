using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Large synthetic tables for a large tenant: millions of rows of DeviceNetworkEvents or DeviceProcessEvents spread over
/// the 30 days before a given time, deterministic by seed (the same seed, size and end give the same rows, cell for
/// cell), with every documented column. Rows are not stored: row <c>i</c> is computed from <c>(seed, i)</c> each time it
/// is read, out of a few thousand precomputed devices, accounts, binaries and remote endpoints, so a table of 1,000,000
/// rows holds a few hundred kilobytes (benchmarks/README.md measures it) and reading a row allocates only its cells.
/// Timestamps rise with the row index (row <c>i</c> falls in the <c>i</c>-th equal slice of the window), so the table is
/// <see cref="KqlResultTable.IsOrderedByTimestamp"/> and a query bounding Timestamp reads only its range. About one row in
/// 20,000 is attack activity: <c>powershell.exe</c> connecting to a C2 address (network), or an encoded PowerShell command
/// (processes). Combine with the small tenant: <c>SyntheticDataset.Create(now: end).With(SyntheticVolume.Create(...))</c>.
/// </summary>
public static class SyntheticVolume
{
    /// <summary>The window the rows span: the service's 30 days.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>The tables <see cref="Create"/> can generate.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["DeviceNetworkEvents", "DeviceProcessEvents"];

    /// <summary>
    /// A table of <paramref name="rows"/> generated rows of <paramref name="table"/>, timestamps in the 30 days before
    /// <paramref name="end"/>, with the documented columns of that table.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="table"/> is not one of <see cref="Tables"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative.</exception>
    public static KqlResultTable Create(string table, int rows, DateTime end, int seed = 365)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        DateTime utc = end.Kind == DateTimeKind.Local ? end.ToUniversalTime() : DateTime.SpecifyKind(end, DateTimeKind.Utc);
        IReadOnlyList<KqlResultColumn> columns = HuntingSchema.Columns(table);
        var tenant = new VolumeTenant(seed);
        VolumeCell?[] cells = table switch
        {
            "DeviceNetworkEvents" => VolumeTables.Network(columns),
            "DeviceProcessEvents" => VolumeTables.Processes(columns),
            _ => throw new ArgumentException($"SyntheticVolume generates {string.Join(" and ", Tables)}, not '{table}'.", nameof(table)),
        };
        object?[] defaults = columns.Select(c => Values.Coerce(null, c.Type)).ToArray();
        return new KqlResultTable(table, columns, new VolumeRows(rows, utc - Window, tenant, seed, cells, defaults)) { IsOrderedByTimestamp = true };
    }

    /// <summary>The rows of a generated table, computed on each read.</summary>
    private sealed class VolumeRows(int count, DateTime start, VolumeTenant tenant, int seed, VolumeCell?[] cells, object?[] defaults)
        : IReadOnlyList<object?[]>
    {
        private readonly ulong _seed = VolumeTenant.Mix((ulong)(uint)seed, 0x5EED);

        public int Count => count;

        public object?[] this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                ulong hash = VolumeTenant.Mix(_seed, (ulong)index);

                // Row i falls in the i-th of Count equal slices of the window, at a hashed point inside it.
                double within = (hash >> 11) * (1.0 / (1UL << 53));
                var timestamp = new DateTime(start.Ticks + (long)((index + within) * Window.Ticks / count), DateTimeKind.Utc);
                var row = new VolumeRow(index, hash, timestamp, tenant);
                object?[] values = new object?[cells.Length];
                for (int c = 0; c < cells.Length; c++)
                {
                    values[c] = cells[c] is { } cell ? cell(in row) : defaults[c];
                }

                return values;
            }
        }

        public IEnumerator<object?[]> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
