using System;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Defender365Typed.Client.Redis;

/// <summary>
/// Limiters for a <see cref="DefenderQuotaGovernor"/> whose permits live in Redis (RedisRateLimiting's sliding windows:
/// one sorted set of call times per window), so that every process using the same Redis and key shares one tenant budget.
/// Each process keeps its own queue, fairness and 429 pauses; only the count of calls is shared.
/// </summary>
public static class RedisQuotaLimiters
{
    /// <summary>
    /// Adds to <paramref name="options"/> a per-minute and a per-hour Redis window for hunting calls, with the options'
    /// <see cref="DefenderQuotaOptions.HuntingPerMinute"/> and <see cref="DefenderQuotaOptions.HuntingPerHour"/>, under keys
    /// made from <paramref name="budgetKey"/> (the tenant ID, or anything every process of the fleet agrees on).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="budgetKey"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The options already have hunting limiters.</exception>
    public static DefenderQuotaOptions AddHuntingLimiters(DefenderQuotaOptions options, IConnectionMultiplexer redis, string budgetKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        Add(options, redis, budgetKey, "hunting", options.HuntingPerMinute, options.HuntingPerHour, isHunting: true);
        return options;
    }

    /// <summary>As <see cref="AddHuntingLimiters"/>, for incident and alert calls.</summary>
    /// <exception cref="ArgumentException"><paramref name="budgetKey"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The options already have incident limiters.</exception>
    public static DefenderQuotaOptions AddIncidentLimiters(DefenderQuotaOptions options, IConnectionMultiplexer redis, string budgetKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        Add(options, redis, budgetKey, "incidents", options.IncidentsPerMinute, options.IncidentsPerHour, isHunting: false);
        return options;
    }

    /// <summary>A Redis sliding window of <paramref name="limit"/> calls per <paramref name="window"/> (whole seconds) under <c>rl:</c> + <paramref name="key"/>.</summary>
    public static RateLimiter SlidingWindow(IConnectionMultiplexer redis, string key, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (window < TimeSpan.FromSeconds(1) || window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A Redis window is counted in whole seconds: give at least one second, in whole seconds.");
        }

        return new RedisSlidingWindowRateLimiter<string>(key, new RedisSlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            ConnectionMultiplexerFactory = () => redis,
        });
    }

    private static void Add(DefenderQuotaOptions options, IConnectionMultiplexer redis, string budgetKey, string kind, int perMinute, int perHour, bool isHunting)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(budgetKey);
        var limiters = isHunting ? options.HuntingRateLimiters : options.IncidentRateLimiters;
        if (limiters.Count > 0)
        {
            throw new InvalidOperationException($"The quota options already have {kind} limiters; add the Redis ones to options that have none.");
        }

        // The minute first: a call refused by the hour then wastes a minute permit, never an hour one.
        string prefix = $"defender365typed:{budgetKey.Trim().ToUpperInvariant()}:{kind}";
        limiters.Add(SlidingWindow(redis, prefix + ":minute", perMinute, TimeSpan.FromMinutes(1)));
        limiters.Add(SlidingWindow(redis, prefix + ":hour", perHour, TimeSpan.FromHours(1)));
    }
}
