using System;

namespace Defender365Typed.Client;

/// <summary>The base of every exception this client throws. Messages never contain tokens or secrets.</summary>
public class DefenderException : Exception
{
    /// <summary>Creates an exception.</summary>
    public DefenderException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The client or sign-in is configured wrongly (missing IDs, an insecure URL, an unreadable certificate...).</summary>
public class DefenderConfigurationException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public DefenderConfigurationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
