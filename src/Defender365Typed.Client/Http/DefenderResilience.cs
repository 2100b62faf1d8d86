using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Defender365Typed.Client.Http;

/// <summary>
/// The retry and timeout pipeline: retry, then the quota governor (when the client has one), then per-attempt timeout,
/// inside the call's total timeout (<see cref="CallDeadline"/>, which the transport starts). A wait for a quota permit
/// therefore counts toward neither timeout: the attempt's starts once the permit is held, and the total one stands still
/// while the governor waits. Every wait in it (timeouts, backoff, Retry-After, quota) runs on the options'
/// <see cref="TimeProvider"/>.
/// </summary>
internal static class DefenderResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(DefenderClientOptions clientOptions, ILogger logger)
    {
        DefenderResilienceOptions options = clientOptions.Resilience;
        TimeProvider time = clientOptions.TimeProvider;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Defender365Typed.Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                // Retry-After read by the same rule as ShouldHandle, an HTTP date measured on the client's clock.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is HttpResponseMessage r ? RetryAfter(r, time) : null),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter, time)),
                OnRetry = args =>
                {
                    HttpRequestMessage? request = args.Context.GetRequestMessage();
                    string outcome = args.Outcome.Result is HttpResponseMessage r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().Name ?? "?";
                    Log.Retrying(logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?", args.AttemptNumber + 1, outcome,
                        (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (clientOptions.QuotaGovernor is DefenderQuotaGovernor governor)
        {
            builder.AddStrategy(_ => new QuotaStrategy(governor, time, logger));
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "Defender365Typed.Attempt",
            TimeoutGenerator = args =>
            {
                HttpRequestMessage? request = args.Context.GetRequestMessage();
                return ValueTask.FromResult(request is null ? options.IncidentAttemptTimeout : AttemptTimeout(options, DefenderRequest.KindOf(request)));
            },
        });
        return builder.Build();
    }

    /// <summary>
    /// How long one attempt of a call of <paramref name="kind"/> may take (and its body, once the headers arrived): hunting
    /// and the hunting schema (a large body on a big tenant) get the hunting timeout, incident calls the incident one.
    /// </summary>
    public static TimeSpan AttemptTimeout(DefenderResilienceOptions options, DefenderCallKind kind) =>
        kind is DefenderCallKind.Hunting or DefenderCallKind.HuntingSchema ? options.HuntingAttemptTimeout : options.IncidentAttemptTimeout;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider time)
    {
        bool idempotent = DefenderRequest.IsIdempotent(context.GetRequestMessage());
        if (outcome.Result is HttpResponseMessage response)
        {
            int status = (int)response.StatusCode;
            if (status == 429)
            {
                return RetryAfter(response, time) is not TimeSpan wait || wait <= maxRetryAfter;
            }

            bool transient = status is 408 or 500 or 502 or 503 or 504;
            return transient && idempotent && (RetryAfter(response, time) is not TimeSpan after || after <= maxRetryAfter);
        }

        // A request that failed on the network or timed out may have been applied: retry only idempotent ones.
        return idempotent && outcome.Exception is HttpRequestException or TimeoutRejectedException;
    }

    /// <summary>The wait a Retry-After header asks for (a delay, or an HTTP date measured on <paramref name="time"/>), or null.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is TimeSpan delta)
        {
            return delta;
        }

        return header.Date is DateTimeOffset date ? date - time.GetUtcNow() : null;
    }

    internal static bool IsTimeout(Exception exception) => exception is TimeoutRejectedException;
}
