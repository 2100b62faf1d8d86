using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Results;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// The governor's CPU allowance, charged with the CPU each legacy response's Stats reports (the emulator's scripted legacy
/// responses report 00:00:00.0156250), on a fake clock whose 15-minute cycles the service's CPU cycle follows.
/// </summary>
public sealed class CpuAllowanceTests
{
    private static readonly TimeSpan ScriptCpu = TimeSpan.Parse("00:00:00.0156250", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Legacy_responses_use_up_the_allowance_and_the_next_call_waits_for_the_next_cycle()
    {
        var clock = new TestClock();
        clock.Advance(TimeSpan.FromMinutes(5)); // 00:05: the cycle ends at 00:15, not 15 minutes from now
        DateTimeOffset nextCycle = clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        await using Harness h = await Harness.StartAsync();
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingCpuPerCycle = ScriptCpu * 2, TimeProvider = clock });
        using DefenderClient client = h.Client(h.SecretAuthenticator(), o => { o.QuotaGovernor = governor; o.HuntingApi = DefenderApi.Legacy; });

        Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
        Assert.Equal(ScriptCpu, governor.CpuUsed);
        Assert.Null(governor.PausedUntil(DefenderQuotaKind.Hunting));

        Assert.Single(await client.Hunting.RunAsync("T").ToListAsync());
        Assert.Equal(ScriptCpu * 2, governor.CpuUsed);
        Assert.Equal(nextCycle, governor.PausedUntil(DefenderQuotaKind.Hunting));

        Task<List<HuntingRow>> third = client.Hunting.RunAsync("T").ToListAsync().AsTask();
        await Eventually.TrueAsync(() => governor.Waiting(DefenderQuotaKind.Hunting) == 1, "the third call to wait for the next cycle");
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Equal(1, governor.Waiting(DefenderQuotaKind.Hunting));
        Assert.Equal(2, h.Emulator.Hunting.Received.Count);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Single(await Eventually.Finished(third));
        Assert.Equal(3, h.Emulator.Hunting.Received.Count);
        Assert.Equal([200, 200, 200], h.Emulator.Journal.Matching("POST", "advancedhunting/run").Select(e => e.Status));
        Assert.Equal(ScriptCpu, governor.CpuUsed); // the new cycle has only the third call's CPU
    }

    [Fact]
    public async Task Graph_responses_have_no_statistics_and_are_not_charged()
    {
        var clock = new TestClock();
        await using Harness h = await Harness.StartAsync();
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));
        using var governor = new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingCpuPerCycle = TimeSpan.FromTicks(1), TimeProvider = clock });
        using DefenderClient client = h.Client(h.SecretAuthenticator(), o => o.QuotaGovernor = governor);

        for (int i = 0; i < 3; i++)
        {
            await using HuntingResponse<HuntingRow> response = await client.Hunting.ExecuteAsync("T", UntypedHuntingResultReader.Instance);
            Assert.Single(await response.ReadRowsAsync().ToListAsync());
            Assert.Equal(DefenderApi.Graph, response.Api);
            Assert.Null(response.Statistics);
        }

        Assert.Equal(TimeSpan.Zero, governor.CpuUsed);
        Assert.Null(governor.PausedUntil(DefenderQuotaKind.Hunting));
    }

    [Fact]
    public async Task Typed_and_untyped_readers_both_read_the_legacy_statistics()
    {
        await using Harness h = await Harness.StartAsync();
        h.SecretApp();
        h.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"], ["y"]] }.Column("A", "String"));
        using DefenderClient client = h.Client(h.SecretAuthenticator(), o => o.HuntingApi = DefenderApi.Legacy);

        await using (HuntingResponse<HuntingRow> untyped = await client.Hunting.ExecuteAsync("T", UntypedHuntingResultReader.Instance))
        {
            Assert.Null(untyped.Statistics); // nothing read yet
            Assert.Equal(["x", "y"], (await untyped.ReadRowsAsync().ToListAsync()).Select(r => r.GetString("A")));
            Assert.Equal(ScriptCpu, untyped.Statistics?.TotalCpu);
            Assert.Equal(TimeSpan.FromSeconds(0.42), untyped.Statistics?.ExecutionTime);
        }

        await using HuntingResponse<CpuTestRow> typed = await client.Hunting.ExecuteAsync("T", new GeneratedHuntingResultReader<CpuTestRow>());
        Assert.Equal(["x", "y"], (await typed.ReadRowsAsync().ToListAsync()).Select(r => r.A));
        Assert.Equal(ScriptCpu, typed.Statistics?.TotalCpu);
        Assert.Equal(TimeSpan.FromSeconds(0.42), typed.Statistics?.ExecutionTime);
    }

    [Fact]
    public void The_allowance_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DefenderQuotaGovernor(new DefenderQuotaOptions { HuntingCpuPerCycle = TimeSpan.Zero }));
        Assert.Equal("HuntingCpuPerCycle", error.ParamName);
    }
}

[HuntingResult]
public sealed partial record CpuTestRow(string A);
