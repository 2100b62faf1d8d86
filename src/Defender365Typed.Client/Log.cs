using System;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client;

/// <summary>Every log line the client writes. None takes a token, a secret or a request body.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Token for {Api} acquired via {Flow} from {Source}; expires {ExpiresOn:u}")]
    public static partial void TokenAcquired(ILogger logger, DefenderApi api, Defender365Typed.Client.Auth.DefenderAuthFlow flow, string source, DateTimeOffset expiresOn);

    [LoggerMessage(2, LogLevel.Warning, "Token request for {Api} via {Flow} failed: {Kind} ({Code})")]
    public static partial void TokenFailed(ILogger logger, DefenderApi api, Defender365Typed.Client.Auth.DefenderAuthFlow flow, Defender365Typed.Client.Auth.AuthFailureKind kind, string code);

    [LoggerMessage(3, LogLevel.Debug, "MSAL: {Message}")]
    public static partial void Msal(ILogger logger, string message);

    [LoggerMessage(4, LogLevel.Information, "Device code sign-in started; user code expires {ExpiresOn:u}")]
    public static partial void DeviceCodeStarted(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(5, LogLevel.Information, "Sign-in state reset")]
    public static partial void Reset(ILogger logger);

    [LoggerMessage(10, LogLevel.Debug, "{Method} {Path} -> {Status} in {ElapsedMs} ms")]
    public static partial void Response(ILogger logger, string method, string path, int status, long elapsedMs);

    [LoggerMessage(11, LogLevel.Warning, "{Method} {Path} attempt {Attempt} failed ({Outcome}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, string outcome, long delayMs);

    [LoggerMessage(12, LogLevel.Information, "The {Api} API rejected the access token (401); refreshing it and retrying once")]
    public static partial void TokenRejected(ILogger logger, DefenderApi api);

    [LoggerMessage(13, LogLevel.Warning, "Hunting query returned {Rows} rows, the service's cap: the result is probably cut off")]
    public static partial void RowCapReached(ILogger logger, long rows);

    [LoggerMessage(14, LogLevel.Warning, "Incident page {Page} could not be read ({Error}); reading it again (attempt {Attempt})")]
    public static partial void PageRetry(ILogger logger, string page, string error, int attempt);

    [LoggerMessage(15, LogLevel.Debug, "Waiting for the client-side rate limiter ({Kind})")]
    public static partial void RateLimited(ILogger logger, string kind);

    [LoggerMessage(16, LogLevel.Warning, "429 on a {Kind} call ({Reason}): the tenant's {Kind} calls wait until {ResetAt:u}")]
    public static partial void QuotaPaused(ILogger logger, string kind, string reason, DateTimeOffset resetAt);

    [LoggerMessage(17, LogLevel.Warning, "Hunting queries used {Used} of CPU this 15-minute cycle, the allowance: the tenant's hunting calls wait until {ResetAt:u}")]
    public static partial void CpuAllowanceReached(ILogger logger, TimeSpan used, DateTimeOffset resetAt);

    [LoggerMessage(18, LogLevel.Debug, "The legacy hunting response's Stats gave no CPU figure; the query is not charged to the CPU allowance")]
    public static partial void NoCpuFigure(ILogger logger);
}
