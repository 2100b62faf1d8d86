namespace Defender365Typed.Emulator.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>429 with a Retry-After header; nothing is applied.</summary>
    TooManyRequests,

    /// <summary>500; nothing is applied.</summary>
    InternalServerError,

    /// <summary>503 with Retry-After; nothing is applied.</summary>
    ServiceUnavailable,

    /// <summary>Waits <see cref="FaultRule.Delay"/> before handling; a client that gave up meanwhile changes nothing.</summary>
    Slow,

    /// <summary>Handles the request, then sends only the first part of the body and drops the connection.</summary>
    TruncatedBody,

    /// <summary>200 with a body that is not valid JSON; nothing is applied.</summary>
    MalformedJson,

    /// <summary>401 invalid_token as if the bearer token had expired.</summary>
    ExpiredToken,
}
