using System;
using System.Collections.Generic;

namespace Defender365Typed.Results;

/// <summary>What to do when a declared column is not in the response.</summary>
public enum MissingColumnHandling
{
    /// <summary>Raise <see cref="HuntingResultFormatException"/> naming the column (the default).</summary>
    Error = 0,

    /// <summary>Give the property its default: <see langword="null"/>, <c>""</c> for a non-nullable string, <c>default</c> otherwise.</summary>
    UseDefault = 1,
}

/// <summary>Which string columns share one instance per distinct value.</summary>
public enum StringInterning
{
    /// <summary>Only columns marked <c>[HuntingColumn(Intern = true)]</c> and those listed in <see cref="HuntingReaderOptions.InternColumns"/> (the default).</summary>
    Declared = 0,

    /// <summary>Every string column (values longer than <see cref="HuntingReaderOptions.MaxInternedLength"/> bytes are still allocated each time).</summary>
    AllStrings = 1,

    /// <summary>No column, even those marked with the attribute.</summary>
    None = 2,
}

/// <summary>Options for reading hunting responses into typed rows. Immutable once built; share one instance.</summary>
public sealed class HuntingReaderOptions
{
    /// <summary>The defaults: missing columns are errors, declared interning, depth 64.</summary>
    public static HuntingReaderOptions Default { get; } = new();

    /// <summary>What a declared column absent from the schema or from a row gives. Default: <see cref="MissingColumnHandling.Error"/>.</summary>
    public MissingColumnHandling MissingColumns { get; init; } = MissingColumnHandling.Error;

    /// <summary>
    /// Whether a JSON <c>null</c> may go into a non-nullable value-type property (<c>long</c>, <c>DateTime</c>...) as
    /// <c>default</c>. Default <see langword="false"/>: it raises, since <c>0</c> or <c>0001-01-01</c> would be silently wrong.
    /// </summary>
    public bool NullToDefault { get; init; }

    /// <summary>
    /// Whether the response must carry <c>schema</c>/<c>Schema</c> before <c>results</c>/<c>Results</c>, as both documented
    /// shapes do. Default <see langword="true"/>: a results array first is an error. Set to <see langword="false"/> to read
    /// responses without a schema (columns are then matched on the rows alone). A row type that declares no columns
    /// (untyped rows) has nothing to check against a schema and reads the response in any order.
    /// </summary>
    public bool RequireSchema { get; init; } = true;

    /// <summary>Which string columns are interned. Default: <see cref="StringInterning.Declared"/>.</summary>
    public StringInterning Interning { get; init; } = StringInterning.Declared;

    /// <summary>More columns to intern, by KQL column name (on top of <see cref="Interning"/>).</summary>
    public IReadOnlyCollection<string>? InternColumns { get; init; }

    /// <summary>At most this many distinct values are kept per interned column; later new values are allocated each time. Default 4,096.</summary>
    public int MaxInternedPerColumn { get; init; } = 4096;

    /// <summary>Values longer than this many UTF-8 bytes are never interned. Default 512.</summary>
    public int MaxInternedLength { get; init; } = 512;

    /// <summary>
    /// Keeps interned values from one read to the next (shared by every read given the same cache); without it, each read
    /// starts with empty pools. Default <see langword="null"/>.
    /// </summary>
    public HuntingInternCache? InternCache { get; init; }

    /// <summary>The deepest nesting accepted, counting the envelope (3 levels) and dynamic values. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Initial size of the streaming buffer, in bytes. Default 64 KiB.</summary>
    public int StreamBufferSize { get; init; } = 64 * 1024;

    /// <summary>The largest buffer streaming may grow to for a single row or envelope property. Default 16 MiB; a larger row is an error.</summary>
    public int MaxStreamBufferSize { get; init; } = 16 * 1024 * 1024;

    internal void Validate()
    {
        if (MaxDepth < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "The envelope alone needs depth 3; use at least 4.");
        }

        if (StreamBufferSize < 256 || MaxStreamBufferSize < StreamBufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(StreamBufferSize), StreamBufferSize, "StreamBufferSize must be at least 256 and at most MaxStreamBufferSize.");
        }

        if (MaxInternedPerColumn < 0 || MaxInternedLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInternedPerColumn), "Interning limits cannot be negative.");
        }
    }
}
