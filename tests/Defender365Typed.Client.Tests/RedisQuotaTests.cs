using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client.Redis;
using Defender365Typed.Emulator.Api;
using StackExchange.Redis;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// A fleet sharing one tenant budget through a real redis-server: two governors on two connections stand for two processes
/// (nothing is shared between them but Redis). The binding limit is the hour, so the test holds however slowly it runs.
/// </summary>
public sealed class RedisQuotaTests : EmulatorTest
{
    [RedisFact]
    public async Task Governors_of_two_processes_share_one_tenant_budget_in_redis()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer redisA = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        await using ConnectionMultiplexer redisB = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        string tenant = H.TenantId;
        using var governorA = new DefenderQuotaGovernor(RedisQuotaLimiters.AddHuntingLimiters(Options(tenant), redisA, tenant));
        using var governorB = new DefenderQuotaGovernor(RedisQuotaLimiters.AddHuntingLimiters(Options(tenant), redisB, tenant));
        H.SecretApp();
        DefenderAuthenticator auth = H.SecretAuthenticator();
        using DefenderClient processA = H.Client(auth, o => o.QuotaGovernor = governorA);
        using DefenderClient processB = H.Client(auth, o => o.QuotaGovernor = governorB);
        H.Emulator.Hunting.When("T", new HuntingScript { Rows = () => [["x"]] }.Column("A", "String"));

        Assert.Single(await processA.Hunting.RunAsync("T").ToListAsync());
        Assert.Single(await processB.Hunting.RunAsync("T").ToListAsync());
        Assert.Single(await processA.Hunting.RunAsync("T").ToListAsync());
        DefenderQuotaException refusedA = await H.ThrowsAsync<DefenderQuotaException>(() => processA.Hunting.RunAsync("T").ToListAsync().AsTask());
        DefenderQuotaException refusedB = await H.ThrowsAsync<DefenderQuotaException>(() => processB.Hunting.RunAsync("T").ToListAsync().AsTask());

        Assert.Equal(DefenderQuotaReason.ClientQueue, refusedA.Reason);
        Assert.Equal(DefenderQuotaReason.ClientQueue, refusedB.Reason);
        Assert.Equal(3, H.Emulator.Hunting.Received.Count); // the budget of 3 an hour, whichever process asked
        IDatabase db = redisA.GetDatabase();
        RedisKey hour = Assert.Single(redisA.GetServer(server.Endpoint).Keys(pattern: "*defender365typed:*:hunting:hour*"),
            key => db.KeyType(key) == RedisType.SortedSet); // the window's call times (RedisRateLimiting keeps stats beside it)
        Assert.Contains(tenant.ToUpperInvariant(), hour.ToString(), StringComparison.Ordinal); // the budget is the tenant's
        Assert.Equal(3, await db.SortedSetLengthAsync(hour));
    }

    private static DefenderQuotaOptions Options(string tenant) =>
        new() { TenantId = tenant, HuntingPerMinute = 45, HuntingPerHour = 3, QueueLimit = 0 };
}

/// <summary>The Redis limiters' own checks; a connection that never connects is enough for them.</summary>
public sealed class RedisQuotaOptionTests
{
    [Fact]
    public async Task Redis_windows_are_whole_seconds_and_added_only_to_options_without_limiters()
    {
        await using ConnectionMultiplexer offline = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=100");
        ArgumentOutOfRangeException window = Assert.Throws<ArgumentOutOfRangeException>(() =>
            RedisQuotaLimiters.SlidingWindow(offline, "k", 1, TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("window", window.ParamName);

        DefenderQuotaOptions options = RedisQuotaLimiters.AddHuntingLimiters(new DefenderQuotaOptions(), offline, "tenant");
        Assert.Equal(2, options.HuntingRateLimiters.Count);
        Assert.Empty(options.IncidentRateLimiters);
        InvalidOperationException twice = Assert.Throws<InvalidOperationException>(() => RedisQuotaLimiters.AddHuntingLimiters(options, offline, "tenant"));
        Assert.Contains("hunting limiters", twice.Message, StringComparison.Ordinal);
        ArgumentException key = Assert.Throws<ArgumentException>(() => RedisQuotaLimiters.AddIncidentLimiters(options, offline, " "));
        Assert.Equal("budgetKey", key.ParamName);
    }
}
