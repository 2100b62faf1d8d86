using System;

namespace Defender365Typed.Client;

/// <summary>The chosen Defender API has no such operation (e.g. alerts on the legacy API); nothing was sent.</summary>
public sealed class DefenderApiNotSupportedException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public DefenderApiNotSupportedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderApiNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderApiNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the API and the operation it lacks.</summary>
    public DefenderApiNotSupportedException(DefenderApi api, string operation, string message)
        : base(message)
    {
        Api = api;
        Operation = operation;
    }

    /// <summary>The API that lacks the operation.</summary>
    public DefenderApi Api { get; }

    /// <summary>The operation, e.g. <c>alerts</c>.</summary>
    public string? Operation { get; }
}
