using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client.Quota;

namespace Defender365Typed.Client.Tests;

/// <summary>The governor on its own, on a fake clock: its windows, its queue, fairness between callers, pauses.</summary>
public sealed class QuotaGovernorTests
{
    [Fact]
    public void The_window_limiter_holds_every_window_to_its_limit_and_says_when_a_permit_returns()
    {
        var clock = new TestClock();
        using var limiter = new QuotaWindowRateLimiter(clock, (2, TimeSpan.FromMinutes(1)), (3, TimeSpan.FromHours(1)));

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        RateLimitLease refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after));
        Assert.Equal(TimeSpan.FromSeconds(30), after); // the first permit leaves the minute 60 s after it was taken

        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired); // half-open window: exactly a minute later it is back

        clock.Advance(TimeSpan.FromMinutes(5));
        RateLimitLease hourly = limiter.AttemptAcquire();
        Assert.False(hourly.IsAcquired); // three in the hour already
        Assert.True(hourly.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan hourAfter));
        Assert.Equal(TimeSpan.FromHours(1) - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(60), hourAfter);
    }

    [Fact]
    public async Task Waiting_calls_are_served_round_robin_between_callers()
    {
        var clock = new TestClock();
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingPerMinute = 1, TimeProvider = clock });
        object a = new(), b = new();
        var order = new List<string>();

        (await governor.AcquireAsync(DefenderQuotaKind.Hunting, a)).Dispose();
        Task a2 = Take("A2", a, 1);
        Task a3 = Take("A3", a, 2);
        Task a4 = Take("A4", a, 3);
        Task b1 = Take("B1", b, 4);
        for (int minute = 0; minute < 4; minute++)
        {
            await clock.WaitForTimerAsync(TimeSpan.FromMinutes(1));
            clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.TrueAsync(() => { lock (order) { return order.Count == minute + 1; } }, $"grant {minute + 1}");
        }

        await Task.WhenAll(a2, a3, a4, b1);
        Assert.Equal(["A2", "B1", "A3", "A4"], order); // B's one call is not stuck behind all of A's

        async Task Take(string name, object caller, int waiting)
        {
            Task<DefenderQuotaLease> lease = governor.AcquireAsync(DefenderQuotaKind.Hunting, caller).AsTask();
            await Eventually.TrueAsync(() => governor.Waiting(DefenderQuotaKind.Hunting) == waiting, $"{name} to queue");
            (await lease).Dispose();
            lock (order)
            {
                order.Add(name);
            }
        }
    }

    [Fact]
    public async Task At_most_the_allowed_hunting_calls_run_at_once()
    {
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { MaxConcurrentHuntingCalls = 2 });
        DefenderQuotaLease first = await governor.AcquireAsync(DefenderQuotaKind.Hunting, this);
        DefenderQuotaLease second = await governor.AcquireAsync(DefenderQuotaKind.Hunting, this);
        Task<DefenderQuotaLease> third = governor.AcquireAsync(DefenderQuotaKind.Hunting, this).AsTask();
        await Eventually.TrueAsync(() => governor.Waiting(DefenderQuotaKind.Hunting) == 1, "the third call to wait for a slot");
        Assert.False(third.IsCompleted);
        using DefenderQuotaLease incident = await governor.AcquireAsync(DefenderQuotaKind.Incidents, this); // no bound on incident calls

        first.Dispose();
        using DefenderQuotaLease granted = await Eventually.Finished(third);
        second.Dispose();
        Assert.Equal(0, governor.Waiting(DefenderQuotaKind.Hunting));
    }

    [Fact]
    public async Task A_cancelled_waiting_call_leaves_the_queue()
    {
        var clock = new TestClock();
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingPerMinute = 1, TimeProvider = clock });
        (await governor.AcquireAsync(DefenderQuotaKind.Hunting, this)).Dispose();
        using var cts = new CancellationTokenSource();
        Task<DefenderQuotaLease> waiting = governor.AcquireAsync(DefenderQuotaKind.Hunting, this, cts.Token).AsTask();
        Task<DefenderQuotaLease> queued = governor.AcquireAsync(DefenderQuotaKind.Hunting, new object(), cts.Token).AsTask();
        await Eventually.TrueAsync(() => governor.Waiting(DefenderQuotaKind.Hunting) == 2, "two calls to wait");

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(0, governor.Waiting(DefenderQuotaKind.Hunting));
        clock.Advance(TimeSpan.FromMinutes(1));
        using DefenderQuotaLease next = await Eventually.Finished(governor.AcquireAsync(DefenderQuotaKind.Hunting, this).AsTask());
    }

    [Fact]
    public async Task After_a_429_every_caller_waits_for_the_reset_it_names()
    {
        var clock = new TestClock();
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { TimeProvider = clock });
        QuotaThrottle throttle = governor.Throttled(DefenderQuotaKind.Hunting, null, "Rate limit is exceeded. Try again in 37 seconds.");
        Assert.Equal(DefenderQuotaReason.CallRate, throttle.Reason);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(37), governor.PausedUntil(DefenderQuotaKind.Hunting));
        Assert.Null(governor.PausedUntil(DefenderQuotaKind.Incidents));

        Task<DefenderQuotaLease> waiting = governor.AcquireAsync(DefenderQuotaKind.Hunting, this).AsTask();
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(37));
        clock.Advance(TimeSpan.FromSeconds(37) - TimeSpan.FromTicks(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        using DefenderQuotaLease lease = await Eventually.Finished(waiting);
        Assert.Equal(TimeSpan.FromSeconds(37), lease.Waited);
    }

    [Theory]
    [InlineData(null, "Rate limit is exceeded. Try again in 37 seconds.", DefenderQuotaReason.CallRate, 37)]
    [InlineData(5, "Rate limit is exceeded. Try again in 37 seconds.", DefenderQuotaReason.CallRate, 5)] // Retry-After wins
    [InlineData(null, "Too many requests: retry in 2 minutes", DefenderQuotaReason.CallRate, 120)]
    [InlineData(null, "The tenant has used up its CPU allocation; queries are blocked until after the next 15-minute cycle.", DefenderQuotaReason.Cpu, 450)]
    [InlineData(null, "Query execution time quota exceeded, resets in 00:12:30", DefenderQuotaReason.Cpu, 750)]
    [InlineData(null, null, DefenderQuotaReason.Unknown, 60)]
    public void A_429_body_names_the_limit_and_the_reset(int? retryAfterSeconds, string? message, DefenderQuotaReason reason, int resetSeconds)
    {
        DateTimeOffset now = new(2026, 1, 1, 10, 7, 30, TimeSpan.Zero); // 7.5 minutes into a 15-minute cycle
        QuotaThrottle throttle = QuotaThrottle.From(retryAfterSeconds is int s ? TimeSpan.FromSeconds(s) : null, message, now);
        Assert.Equal(reason, throttle.Reason);
        Assert.Equal(now + TimeSpan.FromSeconds(resetSeconds), throttle.ResetAt);
    }

    [Theory]
    [InlineData(nameof(DefenderQuotaOptions.HuntingPerMinute))]
    [InlineData(nameof(DefenderQuotaOptions.HuntingPerHour))]
    [InlineData(nameof(DefenderQuotaOptions.IncidentsPerMinute))]
    [InlineData(nameof(DefenderQuotaOptions.QueueLimit))]
    public void A_bad_limit_is_refused_naming_the_option(string option)
    {
        var options = new DefenderQuotaOptions();
        typeof(DefenderQuotaOptions).GetProperty(option)!.SetValue(options, -1);
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DefenderQuotaGovernor(options));
        Assert.Equal(option, ex.ParamName);
        Assert.Contains("DefenderQuotaOptions." + option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_keeps_one_governor_per_cloud_and_tenant()
    {
        using var registry = new DefenderQuotaGovernors();
        int configured = 0;
        DefenderQuotaGovernor contoso = registry.GetOrAdd(DefenderCloud.Global, "contoso-tenant", o => { configured++; o.HuntingPerMinute = 10; });
        Assert.Same(contoso, registry.GetOrAdd(DefenderCloud.Global, "CONTOSO-TENANT ", _ => configured++));
        Assert.NotSame(contoso, registry.GetOrAdd(DefenderCloud.Global, "fabrikam-tenant"));
        Assert.NotSame(contoso, registry.GetOrAdd(DefenderCloud.UsGovGccHigh, "contoso-tenant"));
        Assert.Equal(1, configured);
        Assert.Equal("contoso-tenant", contoso.TenantId);
        Assert.Throws<ArgumentException>(() => registry.GetOrAdd(DefenderCloud.Global, " "));
    }
}
