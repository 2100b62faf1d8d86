using System;
using System.Collections.Concurrent;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Client;

/// <summary>One <see cref="DefenderQuotaGovernor"/> per cloud and tenant: several tenants, one governor each.</summary>
public sealed class DefenderQuotaGovernors : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<DefenderQuotaGovernor>> _governors = new(StringComparer.Ordinal);

    /// <summary>The process-wide registry, so that every client of a tenant in the process shares one budget.</summary>
    public static DefenderQuotaGovernors Shared { get; } = new();

    /// <summary>
    /// The governor of <paramref name="tenantId"/> in <paramref name="cloud"/>, created with the options
    /// <paramref name="configure"/> sets if there is none yet (an existing one keeps its options).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tenantId"/> is empty.</exception>
    public DefenderQuotaGovernor GetOrAdd(DefenderCloud cloud, string tenantId, Action<DefenderQuotaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        string key = $"{cloud.Name}|{cloud.GraphBaseUri}|{tenantId.Trim().ToUpperInvariant()}";
        return _governors.GetOrAdd(key, _ => new Lazy<DefenderQuotaGovernor>(() =>
        {
            var options = new DefenderQuotaOptions { TenantId = tenantId.Trim() };
            configure?.Invoke(options);
            return new DefenderQuotaGovernor(options);
        })).Value;
    }

    /// <summary>Disposes every governor created here.</summary>
    public void Dispose()
    {
        foreach (Lazy<DefenderQuotaGovernor> governor in _governors.Values)
        {
            if (governor.IsValueCreated)
            {
                governor.Value.Dispose();
            }
        }

        _governors.Clear();
    }
}
