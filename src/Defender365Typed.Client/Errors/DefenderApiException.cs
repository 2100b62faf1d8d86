using System;
using System.Net;

namespace Defender365Typed.Client;

/// <summary>The API answered with an error status. Carries the service's own code and message.</summary>
public class DefenderApiException : DefenderException
{
    /// <summary>Creates an exception.</summary>
    public DefenderApiException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an error response.</summary>
    public DefenderApiException(string message, DefenderApi api, HttpStatusCode statusCode, string? errorCode, string? serviceMessage, string? trackingId)
        : base(message)
    {
        Api = api;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
        TrackingId = trackingId;
    }

    /// <summary>The API that answered.</summary>
    public DefenderApi Api { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The service's error code (<c>error.code</c>), e.g. BadRequest, InvalidInput, Forbidden.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's message (<c>error.message</c>), as sent.</summary>
    public string? ServiceMessage { get; }

    /// <summary>The service's tracking ID (<c>error.target</c> or <c>request-id</c>), for support cases.</summary>
    public string? TrackingId { get; }

    /// <summary>Whether trying again later may succeed (429, 5xx).</summary>
    public bool IsTransient => (int)StatusCode is 429 or >= 500;
}

/// <summary>HTTP 403: the token lacks the permission the endpoint needs.</summary>
public sealed class DefenderPermissionException : DefenderApiException
{
    /// <summary>Creates an exception.</summary>
    public DefenderPermissionException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderPermissionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderPermissionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a 403 response.</summary>
    public DefenderPermissionException(string message, DefenderApi api, string requiredPermission, string? errorCode, string? serviceMessage, string? trackingId)
        : base(message, api, HttpStatusCode.Forbidden, errorCode, serviceMessage, trackingId)
    {
        RequiredPermission = requiredPermission;
    }

    /// <summary>The permission to grant (with admin consent), e.g. ThreatHunting.Read.All.</summary>
    public string? RequiredPermission { get; }
}

/// <summary>HTTP 429 after the retries allowed (a rate limit or the hunting CPU quota was reached), or a call the client-side quota governor could not queue.</summary>
public sealed class DefenderQuotaException : DefenderApiException
{
    /// <summary>Creates an exception.</summary>
    public DefenderQuotaException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DefenderQuotaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DefenderQuotaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a 429 response.</summary>
    public DefenderQuotaException(string message, DefenderApi api, TimeSpan? retryAfter, string? errorCode, string? serviceMessage, string? trackingId)
        : base(message, api, HttpStatusCode.TooManyRequests, errorCode, serviceMessage, trackingId)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The service's Retry-After, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Which limit was reached: the call count or the CPU allocation (read from the service's message), or the client-side governor's queue.</summary>
    public DefenderQuotaReason Reason { get; init; }

    /// <summary>
    /// When the limit resets, if known: set when the client-side governor refused the call because the tenant's hunting
    /// CPU is spent (<see cref="DefenderCpuExhaustedBehavior.Fail"/>), to the end of that pause.
    /// </summary>
    public DateTimeOffset? ResetAt { get; init; }
}

/// <summary>HTTP 400 from a hunting call: the query has a syntax or semantic error, or its result is too large.</summary>
public sealed class HuntingQueryException : DefenderApiException
{
    /// <summary>Creates an exception.</summary>
    public HuntingQueryException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HuntingQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public HuntingQueryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a 400 response.</summary>
    public HuntingQueryException(string message, DefenderApi api, string? errorCode, string? serviceMessage, string? trackingId)
        : base(message, api, HttpStatusCode.BadRequest, errorCode, serviceMessage, trackingId)
    {
    }

    /// <summary>The result exceeded the service's size limit (124 MB): narrow the query; retrying will not help.</summary>
    public bool IsResultSizeExceeded =>
        ServiceMessage?.Contains("exceeded the allowed result size", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The query ran past the service's time limit per request ("Query exceeded the timeout period."): narrow it; retrying as it is will not help.</summary>
    public bool IsTimeoutExceeded =>
        ServiceMessage?.Contains("exceeded the timeout period", StringComparison.OrdinalIgnoreCase) == true;
}
