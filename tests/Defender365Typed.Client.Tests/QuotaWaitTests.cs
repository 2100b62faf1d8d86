using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Results;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// Waiting for the tenant's budget: the wait counts toward neither the attempt nor the total timeout, and a caller that
/// cannot wait for the CPU reset can fail at once instead. The client, its timeouts and the governor share one fake clock.
/// </summary>
public sealed class QuotaWaitTests
{
    private static readonly TimeSpan ScriptCpu = TimeSpan.Parse("00:00:00.0156250", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_call_waiting_for_the_next_CPU_cycle_does_not_time_out_meanwhile()
    {
        (TestClock clock, Harness h, DefenderQuotaGovernor governor, DefenderClient client) = await StartAsync(DefenderCpuExhaustedBehavior.Wait);
        await using (h)
        using (governor)
        using (client)
        {
            await SpendTheAllowanceAsync(client);

            Task<List<HuntingRow>> third = client.Hunting.RunAsync("T").ToListAsync().AsTask();
            await clock.WaitForTimerAsync(TimeSpan.FromMinutes(10)); // the pause until 00:15
            Assert.DoesNotContain(Attempt, clock.Armed()); // no attempt has started...
            Assert.DoesNotContain(Total, clock.Armed()); // ...and the total timeout stands still
            clock.Advance(TimeSpan.FromMinutes(10)); // twenty times the total timeout

            Assert.Single(await Eventually.Finished(third));
            Assert.Equal(3, h.Emulator.Hunting.Received.Count);
        }
    }

    [Fact]
    public async Task A_call_waiting_for_a_call_rate_permit_does_not_time_out_meanwhile()
    {
        var clock = new TestClock();
        await using Harness h = await Harness.StartAsync();
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingPerMinute = 1, TimeProvider = clock });
        using DefenderClient client = h.Client(h.SecretAuthenticator(), o => Configure(o, governor, clock));

        Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
        Task<List<HuntingRow>> second = client.Hunting.RunAsync("T").ToListAsync().AsTask();
        await Eventually.TrueAsync(() => governor.Waiting(DefenderQuotaKind.Hunting) == 1, "the second call to wait for the minute's permit");
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(await Eventually.Finished(second));
        Assert.Equal(2, h.Emulator.Hunting.Received.Count);
    }

    [Fact]
    public async Task With_Fail_a_call_fails_at_once_while_the_CPU_is_spent_naming_the_reset()
    {
        (TestClock clock, Harness h, DefenderQuotaGovernor governor, DefenderClient client) = await StartAsync(DefenderCpuExhaustedBehavior.Fail);
        await using (h)
        using (governor)
        using (client)
        {
            DateTimeOffset nextCycle = clock.GetUtcNow() + TimeSpan.FromMinutes(10);
            await SpendTheAllowanceAsync(client);

            DefenderQuotaException error = await Assert.ThrowsAsync<DefenderQuotaException>(() => client.Hunting.RunAsync("T").ToListAsync().AsTask());

            Assert.Equal((DefenderQuotaReason.Cpu, nextCycle), (error.Reason, error.ResetAt));
            Assert.Contains("spent until 2026-01-01T00:15:00Z", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, h.Emulator.Hunting.Received.Count); // not sent
            Assert.Equal(0, governor.Waiting(DefenderQuotaKind.Hunting));

            clock.Advance(TimeSpan.FromMinutes(10)); // the next cycle: calls go again
            Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
        }
    }

    [Fact]
    public void An_undefined_CPU_behaviour_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DefenderQuotaGovernor(new DefenderQuotaOptions { CpuExhausted = (DefenderCpuExhaustedBehavior)7 }));
        Assert.Equal("CpuExhausted", error.ParamName);
    }

    /// <summary>A legacy client at 00:05 whose governor allows two scripted responses' CPU a cycle.</summary>
    private static async Task<(TestClock, Harness, DefenderQuotaGovernor, DefenderClient)> StartAsync(DefenderCpuExhaustedBehavior behavior)
    {
        var clock = new TestClock();
        clock.Advance(TimeSpan.FromMinutes(5));
        Harness h = await Harness.StartAsync();
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingCpuPerCycle = ScriptCpu * 2, CpuExhausted = behavior, TimeProvider = clock });
        DefenderClient client = h.Client(h.SecretAuthenticator(), o =>
        {
            Configure(o, governor, clock);
            o.HuntingApi = DefenderApi.Legacy;
        });
        return (clock, h, governor, client);
    }

    private static void Configure(DefenderClientOptions options, DefenderQuotaGovernor governor, TestClock clock)
    {
        options.QuotaGovernor = governor;
        options.TimeProvider = clock; // the timeouts run on the governor's clock
        options.Resilience.HuntingAttemptTimeout = Attempt;
        options.Resilience.TotalTimeout = Total;
    }

    private static async Task SpendTheAllowanceAsync(DefenderClient client)
    {
        Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
        Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
    }
}
