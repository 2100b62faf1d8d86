using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Threading;

namespace Defender365Typed.Results;

/// <summary>A column as the generated reader sees it.</summary>
public sealed class HuntingReaderColumn
{
    /// <summary>Describes a column; called by generated code.</summary>
    /// <param name="name">The KQL column name (case-sensitive).</param>
    /// <param name="type">The column's KQL type.</param>
    /// <param name="nullable">Whether the property accepts <see langword="null"/>.</param>
    /// <param name="intern">Whether <c>[HuntingColumn(Intern = true)]</c> asks for interning.</param>
    public HuntingReaderColumn(string name, KqlType type, bool nullable, bool intern)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        Nullable = nullable;
        Intern = intern;
    }

    /// <summary>The KQL column name.</summary>
    public string Name { get; }

    /// <summary>The column's KQL type.</summary>
    public KqlType Type { get; }

    /// <summary>Whether the property accepts <see langword="null"/>.</summary>
    public bool Nullable { get; }

    /// <summary>Whether the declaration asks for interning.</summary>
    public bool Intern { get; }
}

/// <summary>The columns of a row type, with their UTF-8 names precomputed for matching; one per row type, emitted by the generator.</summary>
public sealed class HuntingReaderSchema
{
    private const int UnknownSlots = 64;

    private readonly NameEntry?[] _table;

    // Names of columns the row type does not declare, learned by earlier reads (the same queries return the same
    // extra columns): shared by all reads, filled lock-free, never more than UnknownSlots entries.
    private readonly NameEntry?[] _unknown = new NameEntry?[UnknownSlots];

    /// <summary>Describes a row type's columns; called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public HuntingReaderSchema(IReadOnlyList<HuntingReaderColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        Entries = new NameEntry[columns.Count];
        int size = 16;
        while (size < columns.Count * 2)
        {
            size *= 2;
        }

        _table = new NameEntry?[size];
        for (int i = 0; i < columns.Count; i++)
        {
            var entry = new NameEntry(Encoding.UTF8.GetBytes(columns[i].Name), i, columns[i].Name);
            Entries[i] = entry;
            int slot = (int)(entry.Hash & (uint)(size - 1));
            while (_table[slot] is not null)
            {
                slot = (slot + 1) & (size - 1);
            }

            _table[slot] = entry;
        }
    }

    /// <summary>The columns in declaration order.</summary>
    public IReadOnlyList<HuntingReaderColumn> Columns { get; }

    internal NameEntry[] Entries { get; }

    /// <summary>A name that is not a declared column, if an earlier read learned it.</summary>
    internal NameEntry? FindUnknown(ReadOnlySpan<byte> utf8, uint hash)
    {
        for (int i = 0, slot = (int)(hash & (UnknownSlots - 1)); i < UnknownSlots; i++, slot = (slot + 1) & (UnknownSlots - 1))
        {
            NameEntry? entry = Volatile.Read(ref _unknown[slot]);
            if (entry is null)
            {
                return null;
            }

            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Remembers an unknown name for later reads; false when the table is full.</summary>
    internal bool TryAddUnknown(NameEntry entry)
    {
        for (int i = 0, slot = (int)(entry.Hash & (UnknownSlots - 1)); i < UnknownSlots; i++, slot = (slot + 1) & (UnknownSlots - 1))
        {
            NameEntry? current = Interlocked.CompareExchange(ref _unknown[slot], entry, null);
            if (current is null)
            {
                return true;
            }

            if (current.Hash == entry.Hash && current.Utf8.AsSpan().SequenceEqual(entry.Utf8))
            {
                return true; // another read added it meanwhile
            }
        }

        return false;
    }

    internal NameEntry? Find(ReadOnlySpan<byte> utf8, uint hash)
    {
        int mask = _table.Length - 1;
        for (int slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)
        {
            NameEntry? entry = _table[slot];
            if (entry is null)
            {
                return null;
            }

            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry;
            }
        }
    }
}

/// <summary>A property name seen in rows: a declared column (Column ≥ 0) or an unknown one that is skipped.</summary>
internal sealed class NameEntry
{
    public NameEntry(byte[] utf8, int column, string name)
    {
        Utf8 = utf8;
        Column = column;
        Name = name;
        Hash = Utf8StringPool.Hash(utf8);
    }

    public byte[] Utf8 { get; }

    public int Column { get; }

    public string Name { get; }

    public uint Hash { get; }
}
