using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Defender365Typed.Client.Http;

/// <summary>
/// Sends every attempt through the client's <see cref="DefenderQuotaGovernor"/>: waits for a permit of the request's budget,
/// and on a 429 tells the governor, which holds every caller of the tenant back until the reset the response names. The
/// strategy itself is the caller the governor serves round-robin against other clients. It sits between the retry and the
/// attempt timeout, and pauses the call's total timeout while it waits (<see cref="CallDeadline.Pause"/>): time spent
/// waiting for the tenant's budget is not time the service took, so a call queued behind the quota never times out
/// before it was sent.
/// </summary>
internal sealed class QuotaStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly DefenderQuotaGovernor _governor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QuotaStrategy(DefenderQuotaGovernor governor, TimeProvider time, ILogger logger)
    {
        _governor = governor;
        _time = time;
        _logger = logger;
    }

    public static DefenderQuotaKind KindOf(DefenderCallKind kind) =>
        kind is DefenderCallKind.Hunting or DefenderCallKind.HuntingSchema ? DefenderQuotaKind.Hunting : DefenderQuotaKind.Incidents;

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        HttpRequestMessage? request = context.GetRequestMessage();
        if (request is null)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        DefenderQuotaKind kind = KindOf(DefenderRequest.KindOf(request));
        DefenderQuotaLease lease;
        try
        {
            using (CallDeadline.Pause(request))
            {
                lease = await _governor.AcquireAsync(kind, this, () => Log.RateLimited(_logger, kind.ToString()), context.CancellationToken)
                    .ConfigureAwait(context.ContinueOnCapturedContext);
            }
        }
        catch (Exception ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex); // a full queue, a CPU allowance that fails fast, cancellation
        }

        using (lease)
        {
            Outcome<HttpResponseMessage> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response)
            {
                request.Options.TryGetValue(DefenderRequest.ServiceMessage, out string? message);
                Quota.QuotaThrottle throttle = _governor.Throttled(kind, DefenderResilience.RetryAfter(response, _time), message);
                Log.QuotaPaused(_logger, kind.ToString(), throttle.Reason.ToString(), throttle.ResetAt);
            }

            return outcome;
        }
    }
}
