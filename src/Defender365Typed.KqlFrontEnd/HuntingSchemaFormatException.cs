using System;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// A hunting-schema JSON file is malformed; the message names the file, the line and column, the table or function, the
/// column or parameter, and the field (JSON property) at fault.
/// </summary>
public sealed class HuntingSchemaFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public HuntingSchemaFormatException()
        : base("The hunting schema JSON is not valid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public HuntingSchemaFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public HuntingSchemaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a place in the file.</summary>
    public HuntingSchemaFormatException(string message, string origin, string? table, string? column, Exception? innerException = null)
        : base(message, innerException)
    {
        Origin = origin;
        Table = table;
        Column = column;
    }

    /// <summary>Creates the exception for a place in the file, with its position and the JSON property at fault.</summary>
    public HuntingSchemaFormatException(string message, string origin, string? table, string? column, Exception? innerException, int line, int linePosition, string? field)
        : this(message, origin, table, column, innerException)
    {
        Line = line;
        LinePosition = linePosition;
        Field = field;
    }

    /// <summary>The file (or other origin) the schema came from, when known.</summary>
    public string? Origin { get; }

    /// <summary>The offending table (or function), when known.</summary>
    public string? Table { get; }

    /// <summary>The offending column (or parameter), when known.</summary>
    public string? Column { get; }

    /// <summary>The 1-based line of the problem in the file; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based character position of the problem in its line; 0 when unknown.</summary>
    public int LinePosition { get; }

    /// <summary>The JSON property at fault (<c>"type"</c>, <c>"name"</c>...), when the problem is one property.</summary>
    public string? Field { get; }
}
