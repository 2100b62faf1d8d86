using System;

namespace Defender365Typed.Client;

/// <summary>
/// A strict sliced run stopped at a failed slice (<see cref="SlicedRunMode.Strict"/>). The rows of the slices before it
/// were delivered; <see cref="Result"/> is the partial outcome, and the inner exception the failed slice's error, if any.
/// </summary>
public sealed class HuntingSlicedRunException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public HuntingSlicedRunException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HuntingSlicedRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public HuntingSlicedRunException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a partial outcome.</summary>
    public HuntingSlicedRunException(string message, SlicedRunResult result, Exception? innerException)
        : base(message, innerException)
    {
        Result = result;
    }

    /// <summary>The partial outcome: the slices run so far, the failed one last.</summary>
    public SlicedRunResult? Result { get; }
}
