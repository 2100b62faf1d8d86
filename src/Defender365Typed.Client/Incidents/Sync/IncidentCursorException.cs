using System;

namespace Defender365Typed.Client;

/// <summary>A stored incident sync cursor cannot be read: it is corrupt, foreign or of another version. Nothing was sent.</summary>
public sealed class IncidentCursorException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public IncidentCursorException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public IncidentCursorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public IncidentCursorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal IncidentCursorException(string problem, string? source, Exception? innerException = null)
        : base((source is null ? "The incident sync cursor " : $"The incident sync cursor file '{source}' ") + problem + ".", innerException)
    {
        Location = source;
        Problem = problem;
    }

    /// <summary>The file (or other store location) the cursor was read from, if any.</summary>
    public string? Location { get; }

    /// <summary>What is wrong with it.</summary>
    public string? Problem { get; }
}
