namespace Defender365Typed.Client;

/// <summary>A text format for hunting rows written to a file or a stream (<see cref="HuntingRowWriter"/>).</summary>
public enum HuntingRowFormat
{
    /// <summary>Newline-delimited JSON: one row object per line, each line ended by a line feed.</summary>
    Ndjson = 0,

    /// <summary>CSV (RFC 4180): a header of the column names, then one record per row, each ended by a line feed.</summary>
    Csv = 1,
}
