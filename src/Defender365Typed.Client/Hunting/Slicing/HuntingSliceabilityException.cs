using System;

namespace Defender365Typed.Client;

/// <summary>
/// A query cannot be run in time slices (<see cref="HuntingClient.RunSliced(string, SlicedRunOptions)"/>): it is not one
/// pipeline from one table (with a datetime Timestamp column) through row-wise operators. The message names the operator,
/// construct or table, why, and where.
/// </summary>
public sealed class HuntingSliceabilityException : ArgumentException
{
    /// <summary>Creates an exception.</summary>
    public HuntingSliceabilityException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HuntingSliceabilityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public HuntingSliceabilityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the construct and its position.</summary>
    public HuntingSliceabilityException(string message, string? construct, int line, int column)
        : base(message, "query")
    {
        Construct = construct;
        Line = line;
        Column = column;
    }

    /// <summary>
    /// The operator or construct refused, as written (<c>summarize</c>, <c>take</c>, <c>toscalar()</c>, <c>let</c>), the
    /// table when it has no datetime Timestamp column (<c>DeviceTvmSoftwareInventory</c>), or null (a syntax error, a
    /// missing table).
    /// </summary>
    public string? Construct { get; }

    /// <summary>The 1-based line of the refused construct.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the refused construct.</summary>
    public int Column { get; }
}
