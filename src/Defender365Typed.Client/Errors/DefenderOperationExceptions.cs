using System;

namespace Defender365Typed.Client;

/// <summary>A call did not complete in time (per attempt or overall), after the retries allowed.</summary>
public sealed class DefenderTimeoutException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public DefenderTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The service answered 200 but the body was cut short or was not valid JSON.</summary>
public sealed class DefenderResponseException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public DefenderResponseException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderResponseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Paging through incidents (or alerts) stopped at a page that kept failing. Every item before that page was
/// returned exactly once; pass <see cref="ResumeFrom"/> as <c>IncidentQuery.ContinueFrom</c> (or <c>AlertQuery.ContinueFrom</c>) to go on.
/// </summary>
public sealed class IncidentPagingException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public IncidentPagingException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public IncidentPagingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public IncidentPagingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a page that failed.</summary>
    public IncidentPagingException(string message, Uri resumeFrom, int itemsReturned, Exception innerException)
        : base(message, innerException)
    {
        ResumeFrom = resumeFrom;
        ItemsReturned = itemsReturned;
    }

    /// <summary>The page to request next.</summary>
    public Uri? ResumeFrom { get; }

    /// <summary>Incidents returned before the failure.</summary>
    public int ItemsReturned { get; }
}

/// <summary>
/// A hunting query returned the service's maximum of 100,000 rows, so its result is probably cut off.
/// Thrown after the last row (so none is lost) unless <c>HuntingOptions.RowCap</c> says to only report it.
/// </summary>
public sealed class HuntingRowCapException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public HuntingRowCapException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HuntingRowCapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public HuntingRowCapException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a capped result.</summary>
    public HuntingRowCapException(string message, long rowCount)
        : base(message)
    {
        RowCount = rowCount;
    }

    /// <summary>Rows received.</summary>
    public long RowCount { get; }
}
