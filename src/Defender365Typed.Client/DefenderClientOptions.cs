using System;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Client;

/// <summary>Settings of a <see cref="DefenderClient"/>.</summary>
public sealed class DefenderClientOptions
{
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The cloud whose API hosts are called; must match the authenticator's cloud.</summary>
    public DefenderCloud Cloud { get; set; } = DefenderCloud.Global;

    /// <summary>The API hunting queries go to by default (Graph; the legacy API is retiring).</summary>
    public DefenderApi HuntingApi { get; set; } = DefenderApi.Graph;

    /// <summary>A regional legacy host such as <c>https://us.api.security.microsoft.com</c>, instead of the cloud's default.</summary>
    public Uri? LegacyApiBaseUri { get; set; }

    /// <summary>Sign-in settings used by <c>AddDefender365Client</c> when no <see cref="Auth.IDefenderTokenProvider"/> is registered.</summary>
    public DefenderAuthOptions Auth { get; set; } = new();

    /// <summary>Retries and timeouts.</summary>
    public DefenderResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// The tenant's quota governor that every attempt waits for, shared with the tenant's other clients (for example
    /// <c>DefenderQuotaGovernors.Shared.GetOrAdd(cloud, tenantId)</c>); <see langword="null"/> (the default) for none.
    /// Its waits run inside the attempt and total timeouts of <see cref="Resilience"/>: raise them where the budget is tight.
    /// </summary>
    public DefenderQuotaGovernor? QuotaGovernor { get; set; }

    /// <summary>
    /// Options for the readers the client picks itself: the generated readers of typed hunting rows that it finds by row
    /// type (interning, a long-lived <see cref="Defender365Typed.Results.HuntingInternCache"/>, missing columns, limits) and
    /// the untyped reader of <c>RunAsync(kql)</c> (limits); <see langword="null"/> for their defaults. A reader passed
    /// explicitly to <c>RunAsync</c>/<c>ExecuteAsync</c> is used as it is.
    /// </summary>
    public Defender365Typed.Results.HuntingReaderOptions? ResultReaderOptions { get; set; }

    /// <summary>
    /// The clock of every wait the client makes: attempt and total timeouts, retry backoff and Retry-After waits, and the
    /// time a response body may take (the quota governor has its own, <see cref="DefenderQuotaOptions.TimeProvider"/>).
    /// <see cref="TimeProvider.System"/> unless a test substitutes a fake one.
    /// </summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The tenant ID the client's metrics and spans carry: the governor's, else the sign-in options'.</summary>
    internal string? TelemetryTenantId => QuotaGovernor?.TenantId ?? Auth.TenantId;
}

/// <summary>
/// Retries and timeouts (Polly through Microsoft.Extensions.Http.Resilience): 429 honours Retry-After;
/// 408, 5xx, network errors and attempt timeouts are retried with jittered exponential backoff, up to a cap.
/// Requests that are not idempotent (adding a comment) are retried only on 429.
/// </summary>
public sealed class DefenderResilienceOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay (doubled each retry, with jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A longer Retry-After than this is not waited for: the call fails with <see cref="DefenderQuotaException"/> carrying it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Per-attempt timeout of incident calls (until response headers).</summary>
    public TimeSpan IncidentAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-attempt timeout of hunting calls and of the hunting schema read (the service stops queries after 200 s on Graph, 3 minutes on the legacy API).</summary>
    public TimeSpan HuntingAttemptTimeout { get; set; } = TimeSpan.FromSeconds(210);

    /// <summary>Limit for one call with all its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Times an incident page whose body was cut off or malformed is requested again before paging stops with <see cref="IncidentPagingException"/>.</summary>
    public int PageReadAttempts { get; set; } = 3;
}
