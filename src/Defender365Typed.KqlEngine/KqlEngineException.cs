using System;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// A query the engine cannot run: a syntax error, an unknown table or column, or an operator or function the engine
/// does not support (the message then reads <c>unsupported operator 'X'</c> or <c>unsupported function 'Y'</c>).
/// The emulator answers these with HTTP 400.
/// </summary>
public sealed class KqlEngineException : Exception
{
    /// <summary>Creates an exception without a position.</summary>
    public KqlEngineException()
        : this("The query cannot be evaluated.")
    {
    }

    /// <summary>Creates an exception without a position.</summary>
    public KqlEngineException(string message)
        : base(message)
    {
        Reason = message;
        Position = -1;
    }

    /// <summary>Creates an exception without a position.</summary>
    public KqlEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Position = -1;
    }

    internal KqlEngineException(string message, string query, int position, int length, Exception? inner = null)
        : base(Format(message, query, position), inner)
    {
        Reason = message;
        Position = position;
        Length = length;
        (Line, Column) = LineAndColumn(query, position);
    }

    /// <summary>The message without the position suffix.</summary>
    public string Reason { get; }

    /// <summary>Offset in the query text (UTF-16 code units), or -1.</summary>
    public int Position { get; }

    /// <summary>Length of the offending text.</summary>
    public int Length { get; }

    /// <summary>1-based line of <see cref="Position"/>, or 0.</summary>
    public int Line { get; }

    /// <summary>1-based column of <see cref="Position"/>, or 0.</summary>
    public int Column { get; }

    private static string Format(string message, string query, int position)
    {
        (int line, int column) = LineAndColumn(query, position);
        return line == 0 ? message : $"{message} (line {line}, column {column}, position {position})";
    }

    private static (int Line, int Column) LineAndColumn(string query, int position)
    {
        if (position < 0 || position > query.Length)
        {
            return (0, 0);
        }

        int line = 1, column = 1;
        for (int i = 0; i < position; i++)
        {
            if (query[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
