using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Defender365Typed.Results;

/// <summary>Where the envelope parser is.</summary>
internal enum EnvelopePhase
{
    Start,
    Root,
    Rows,
    End,
}

/// <summary>
/// Everything one read of a response keeps between rows and between buffers: options, intern pools, the learned
/// order of property names in rows, the envelope position, and the row being read (for error messages).
/// </summary>
internal sealed class HuntingReadState
{
    private const int MaxLayoutLength = 4096;
    private const int MaxUnknownNames = 1024;

    private const int SlabSize = 16 * 1024;
    private const int MaxSlabbed = 2 * 1024;

    private readonly List<NameEntry> _unknown = [];
    private byte[] _scratch = new byte[256];
    private byte[]? _slab;
    private int _slabUsed;
    private HuntingInternCache.Lease[]? _leases;

    public HuntingReadState(HuntingReaderSchema schema, HuntingReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Options = options ?? HuntingReaderOptions.Default;
        Options.Validate();
        Schema = schema;
        int count = schema.Columns.Count;
        Seen = new ulong[Math.Max(1, (count + 63) >> 6)];
        Layout = new NameEntry?[Math.Max(16, count)];
        RequireAll = Options.MissingColumns == MissingColumnHandling.Error;
        AllowNullForValueTypes = Options.NullToDefault;
        MaxDepth = Options.MaxDepth;
        Pools = CreatePools(schema, Options, out _leases);
        JsonOptions = new JsonReaderOptions { MaxDepth = Options.MaxDepth };
    }

    public HuntingReaderOptions Options { get; }

    public HuntingReaderSchema Schema { get; }

    public JsonReaderOptions JsonOptions { get; }

    public Utf8StringPool?[]? Pools { get; }

    public ulong[] Seen { get; }

    public NameEntry?[] Layout { get; private set; }

    public bool RequireAll { get; }

    public bool AllowNullForValueTypes { get; }

    public int MaxDepth { get; }

    /// <summary>Index of the property being read within the current row.</summary>
    public int Position { get; set; }

    /// <summary>The column being read (declared index), or -1.</summary>
    public int CurrentColumn { get; set; } = -1;

    /// <summary>The name of the property being read, for messages.</summary>
    public NameEntry? CurrentName => NamePosition switch
    {
        -1 => null,
        -2 => NameOverride,
        int p when p < Layout.Length => Layout[p],
        _ => NameOverride,
    };

    /// <summary>
    /// Where the current property's name is: its position in the row (the name is then <c>Layout[position]</c>, which
    /// avoids storing a reference per property), -1 for none, or -2 for <see cref="NameOverride"/>.
    /// </summary>
    public int NamePosition { get; set; } = -1;

    /// <summary>The current name when it is not in <see cref="Layout"/> (a missing column, or a position past the layout's limit).</summary>
    public NameEntry? NameOverride { get; set; }

    /// <summary>Names a column that is not at a row position (for messages).</summary>
    public void SetCurrentName(NameEntry entry)
    {
        NameOverride = entry;
        NamePosition = -2;
    }

    public bool InRow { get; set; }

    public long RowIndex { get; set; }

    public EnvelopePhase Phase { get; set; }

    public bool SawSchema { get; set; }

    public bool SawResults { get; set; }

    /// <summary>The legacy response's <c>Stats</c>, once read.</summary>
    public HuntingStatistics? Statistics { get; set; }

    public void BeginRow()
    {
        Position = 0;
        CurrentColumn = -1;
        NamePosition = -1;
        InRow = true;
        ulong[] seen = Seen;
        for (int i = 0; i < seen.Length; i++)
        {
            seen[i] = 0;
        }
    }

    /// <summary>
    /// Room for <paramref name="length"/> bytes of a dynamic value that outlives the read: small values share 16 KiB
    /// blocks (one array header per block instead of per value), larger ones get their own array.
    /// </summary>
    public Memory<byte> Allocate(int length)
    {
        if (length > MaxSlabbed)
        {
            return new byte[length];
        }

        if (_slab is null || SlabSize - _slabUsed < length)
        {
            _slab = new byte[SlabSize];
            _slabUsed = 0;
        }

        var memory = new Memory<byte>(_slab, _slabUsed, length);
        _slabUsed += length;
        return memory;
    }

    public void EndRow()
    {
        InRow = false;
        CurrentColumn = -1;
        NamePosition = -1;
        RowIndex++;
    }

    /// <summary>The entry for a name not matched at its predicted position; remembers it for the next rows.</summary>
    public NameEntry Learn(int position, ReadOnlySpan<byte> utf8)
    {
        uint hash = Utf8StringPool.Hash(utf8);
        NameEntry? entry = Schema.Find(utf8, hash) ?? Schema.FindUnknown(utf8, hash);
        if (entry is null)
        {
            foreach (NameEntry unknown in _unknown)
            {
                if (unknown.Hash == hash && utf8.SequenceEqual(unknown.Utf8))
                {
                    entry = unknown;
                    break;
                }
            }

            if (entry is null)
            {
                string name = System.Text.Unicode.Utf8.IsValid(utf8) ? System.Text.Encoding.UTF8.GetString(utf8) : "(invalid UTF-8 name)";
                entry = new NameEntry(utf8.ToArray(), HuntingRowReader.UnknownColumn, name);
                if (!Schema.TryAddUnknown(entry) && _unknown.Count < MaxUnknownNames)
                {
                    _unknown.Add(entry);
                }
            }
        }

        if (position < MaxLayoutLength)
        {
            if (position >= Layout.Length)
            {
                NameEntry?[] layout = Layout;
                Array.Resize(ref layout, Math.Min(MaxLayoutLength, Math.Max(position + 1, layout.Length * 2)));
                Layout = layout;
            }

            Layout[position] = entry;
        }
        else
        {
            NameOverride = entry;
        }

        return entry;
    }

    /// <summary>A scratch buffer of at least <paramref name="length"/> bytes (reused; valid until the next call).</summary>
    public byte[] Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        return _scratch;
    }

    /// <summary>Gives the pools taken from <see cref="HuntingReaderOptions.InternCache"/> back (once; later calls do nothing).</summary>
    public void ReleasePools()
    {
        HuntingInternCache.Lease[]? leases = _leases;
        _leases = null;
        if (leases is null)
        {
            return;
        }

        for (int i = 0; i < leases.Length; i++)
        {
            if (leases[i].Pool is not null)
            {
                // A pool given back may be lent to another read at once: this read (if it is ever resumed) stops using it.
                Pools![i] = null;
                HuntingInternCache.Return(leases[i]);
            }
        }
    }

    private static Utf8StringPool?[]? CreatePools(HuntingReaderSchema schema, HuntingReaderOptions options, out HuntingInternCache.Lease[]? leases)
    {
        leases = null;
        if (options.Interning == StringInterning.None || options.MaxInternedPerColumn == 0)
        {
            return null;
        }

        HuntingInternCache? cache = options.InternCache;
        Utf8StringPool?[]? pools = null;
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            HuntingReaderColumn column = schema.Columns[i];
            bool intern = column.Intern
                || (options.InternColumns is { } names && Contains(names, column.Name))
                || (options.Interning == StringInterning.AllStrings && column.Type is KqlType.String);
            if (intern)
            {
                pools ??= new Utf8StringPool?[schema.Columns.Count];
                if (cache is null)
                {
                    pools[i] = new Utf8StringPool(options.MaxInternedPerColumn, options.MaxInternedLength);
                }
                else
                {
                    leases ??= new HuntingInternCache.Lease[schema.Columns.Count];
                    leases[i] = cache.Rent(column.Name, options.MaxInternedPerColumn, options.MaxInternedLength);
                    pools[i] = leases[i].Pool;
                }
            }
        }

        return pools;
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (string candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
