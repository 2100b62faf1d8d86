using System;

namespace Defender365Typed.Results;

/// <summary>
/// A hunting response could not be read into typed rows: malformed or truncated JSON, a value of the
/// wrong type or out of range, invalid UTF-8, nesting deeper than allowed, or an envelope in the wrong
/// order. The message names the row (0-based, within <c>results</c>) and the column when the error
/// is inside a row. Cell values are never copied into the message (they may hold secrets).
/// </summary>
public sealed class HuntingResultFormatException : FormatException
{
    /// <summary>Creates the exception with a plain message.</summary>
    public HuntingResultFormatException()
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public HuntingResultFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a plain message and the underlying error.</summary>
    public HuntingResultFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal HuntingResultFormatException(string problem, long? rowIndex, string? columnName, long bytePosition, Exception? innerException = null)
        : base(Compose(problem, rowIndex, columnName, bytePosition), innerException)
    {
        RowIndex = rowIndex;
        ColumnName = columnName;
        BytePosition = bytePosition;
    }

    /// <summary>The 0-based index of the row in <c>results</c>, or <see langword="null"/> when the error is outside a row.</summary>
    public long? RowIndex { get; }

    /// <summary>The column (KQL name, as sent) whose value failed, or <see langword="null"/> when not inside a value.</summary>
    public string? ColumnName { get; }

    /// <summary>Approximate byte offset in the response where the error was found (-1 when unknown).</summary>
    public long BytePosition { get; } = -1;

    private static string Compose(string problem, long? rowIndex, string? columnName, long bytePosition)
    {
        string where = (rowIndex, columnName) switch
        {
            (null, null) => "Hunting response",
            (null, { } c) => $"Hunting response, column '{c}'",
            ({ } r, null) => $"Hunting response, row {r}",
            ({ } r, { } c) => $"Hunting response, row {r}, column '{c}'",
        };

        return bytePosition >= 0
            ? $"{where} (byte {bytePosition}): {problem}"
            : $"{where}: {problem}";
    }
}
