using System;

namespace Defender365Typed.Client;

/// <summary>
/// A batch's state file cannot be resumed: it is corrupt, or it records another batch (other queries, another range or
/// format; the message names the difference). Nothing was run or written. Start over with
/// <see cref="HuntingBatchOptions.Restart"/> (the outputs are rewritten).
/// </summary>
public sealed class HuntingBatchStateException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public HuntingBatchStateException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HuntingBatchStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public HuntingBatchStateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about a state file.</summary>
    public HuntingBatchStateException(string message, string statePath, Exception? innerException)
        : base(message, innerException)
    {
        StatePath = statePath;
    }

    /// <summary>The state file.</summary>
    public string? StatePath { get; }
}
