using System;
using System.Globalization;

namespace Defender365Typed.KqlEngine;

/// <summary>A table file that cannot be read: names the file, the line and (for bad values) the column.</summary>
public sealed class TableLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TableLoadException()
        : this("The table file cannot be read.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TableLoadException(string file, int line, string? column, string problem, Exception? inner = null)
        : base($"{file}, line {line.ToString(CultureInfo.InvariantCulture)}" + (column is null ? "" : $", column '{column}'") + ": " + problem, inner)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file name (or the name given for text).</summary>
    public string? File { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }

    /// <summary>The column whose value is bad, if any.</summary>
    public string? Column { get; }
}
