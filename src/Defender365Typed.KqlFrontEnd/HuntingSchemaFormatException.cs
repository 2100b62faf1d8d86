using System;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>A hunting-schema JSON file is malformed; the message names the file, the table or function, and the column or parameter.</summary>
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

    /// <summary>The file (or other origin) the schema came from, when known.</summary>
    public string? Origin { get; }

    /// <summary>The offending table (or function), when known.</summary>
    public string? Table { get; }

    /// <summary>The offending column (or parameter), when known.</summary>
    public string? Column { get; }
}
