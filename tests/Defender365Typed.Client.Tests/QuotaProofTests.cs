using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Emulator.Faults;
using Xunit.Abstractions;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// Issue 17's proof: many clients of one tenant in one process, one governor, and the emulator counting what arrives on the
/// same fake clock. Time moves only when every unfinished runner is waiting in the governor (nothing in flight), and then
/// straight to the governor's next timer, so hours of quota pass in a moment.
/// </summary>
public sealed class QuotaProofTests(ITestOutputHelper output)
{
    private const int Runners = 20;
    private const int CallsEach = 8;

    [Fact]
    public async Task Twenty_concurrent_runners_never_exceed_the_tenants_quota_and_all_finish()
    {
        var clock = new TestClock();
        await using Harness h = await Harness.StartAsync(o => o.Time = clock);
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        // The documented minute limit; an hour limit small enough that the run needs a second hour.
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions
        {
            TenantId = h.TenantId, HuntingPerMinute = 45, HuntingPerHour = 120, TimeProvider = clock,
        });
        DefenderAuthenticator auth = h.SecretAuthenticator();
        var clients = Enumerable.Range(0, Runners).Select(_ => h.Client(auth, o => o.QuotaGovernor = governor)).ToList();
        int unfinished = Runners;

        List<Task<int>> runs = clients.Select(client => Task.Run(async () =>
        {
            int rows = 0;
            for (int i = 0; i < CallsEach; i++)
            {
                rows += (await client.Hunting.RunAsync("T").ToListAsync()).Count;
            }

            Interlocked.Decrement(ref unfinished);
            return rows;
        })).ToList();

        Task all = Task.WhenAll(runs);
        while (!all.IsCompleted)
        {
            IReadOnlyList<TimeSpan> armed = clock.Armed();
            if (armed.Count > 0 && governor.Waiting(DefenderQuotaKind.Hunting) == Volatile.Read(ref unfinished))
            {
                clock.Advance(armed[0]);
            }

            await Task.WhenAny(all, Task.Delay(2));
        }

        await Eventually.Finished(Task.WhenAll(runs).ContinueWith(t => t.Result.Sum(), TaskScheduler.Default));
        Assert.All(runs, r => Assert.Equal(CallsEach, r.Result));

        List<DateTimeOffset> arrivals = [.. h.Emulator.Hunting.Received.Select(r => r.ReceivedAt).Order()];
        Assert.Equal(Runners * CallsEach, arrivals.Count);
        Assert.DoesNotContain(h.Emulator.Journal.Entries, e => e.Status == 429);
        int perMinute = MostInAnyWindow(arrivals, TimeSpan.FromMinutes(1));
        int perHour = MostInAnyWindow(arrivals, TimeSpan.FromHours(1));
        output.WriteLine($"{arrivals.Count} calls over {arrivals[^1] - arrivals[0]}: at most {perMinute} in any minute (quota 45), {perHour} in any hour (quota 120)");
        Assert.Equal(45, perMinute); // the whole budget is used, never more
        Assert.Equal(120, perHour);
        foreach (DefenderClient client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_429_stops_the_other_clients_of_the_tenant_until_the_reset()
    {
        var clock = new TestClock();
        await using Harness h = await Harness.StartAsync();
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        h.Emulator.Faults.Add(new FaultRule(FaultKind.TooManyRequests, "runHuntingQuery") { RetryAfterSeconds = 3 });
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { TimeProvider = clock });
        DefenderAuthenticator auth = h.SecretAuthenticator();
        using DefenderClient first = h.Client(auth, o => { o.QuotaGovernor = governor; o.TimeProvider = clock; });
        using DefenderClient second = h.Client(auth, o => o.QuotaGovernor = governor);

        Task<List<HuntingRow>> throttled = first.Hunting.RunAsync("T").ToListAsync().AsTask();
        await Eventually.TrueAsync(() => governor.PausedUntil(DefenderQuotaKind.Hunting) is not null, "the 429 to pause the tenant's hunting");
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(3), governor.PausedUntil(DefenderQuotaKind.Hunting));
        Task<List<HuntingRow>> other = second.Hunting.RunAsync("T").ToListAsync().AsTask();
        await Eventually.TrueAsync(() => governor.Waiting(DefenderQuotaKind.Hunting) >= 1, "the other client to wait");
        Assert.Empty(h.Emulator.Hunting.Received);

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Single(await Eventually.Finished(other));

        // The throttled client's own retry delay (Retry-After) may have been armed only after the advance on a busy
        // machine: then move time on to that timer (never more than the 3 seconds it asked for), not past it. Longer
        // timers (an attempt timeout while its retry is in flight) are left alone.
        static bool RetryDelay(TimeSpan due) => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(3);
        await Eventually.TrueAsync(() => throttled.IsCompleted || clock.Armed().Any(RetryDelay), "the throttled client to finish or wait for its retry");
        if (!throttled.IsCompleted)
        {
            clock.Advance(clock.Armed().First(RetryDelay));
        }

        Assert.Single(await Eventually.Finished(throttled));
        Assert.Equal([429, 200, 200], h.Emulator.Journal.Matching("POST", "runHuntingQuery").Select(e => e.Status));
    }

    /// <summary>The most arrivals in any half-open window [t, t + length) that starts at an arrival.</summary>
    private static int MostInAnyWindow(List<DateTimeOffset> sorted, TimeSpan length)
    {
        int most = 0, end = 0;
        for (int start = 0; start < sorted.Count; start++)
        {
            while (end < sorted.Count && sorted[end] < sorted[start] + length)
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }
}
