using System;

namespace Defender365Typed.Client;

/// <summary>How an incident sync polls. The defaults follow the Defender XDR integrations: a 12-hour first fetch, 50 per fetch.</summary>
public sealed class IncidentSyncOptions
{
    /// <summary>How far back the first sync (a cursor with no high-water mark) reads. Default 12 hours.</summary>
    public TimeSpan FirstFetch { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Where the first sync starts instead of <see cref="FirstFetch"/> before now, if set.</summary>
    public DateTimeOffset? FirstFetchFrom { get; set; }

    /// <summary>Most changes one poll delivers; the rest (the newest) come with the next poll. Default 50.</summary>
    public int MaxPerFetch { get; set; } = 50;

    /// <summary>Most changes per batch (each batch is acknowledged on its own). Default 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How far below the high-water mark each poll reads again, for changes the service makes visible late; changes
    /// already delivered there are dropped by (id, lastUpdateDateTime). Default 5 minutes.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The time one poll may take. A poll that runs out of it before reading the whole window delivers nothing and
    /// reports <see cref="IncidentSyncMetrics.BudgetExhausted"/> (the window is unordered, so a part of it is not safe to
    /// deliver); the cursor stays where it was. Default 1 minute.
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Incidents per page. Default 50 (Graph's largest page; the legacy API serves up to 100).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Read alerts with each incident (Graph: <c>$expand=alerts</c>, falling back to one read per incident on a 5xx). Default true.</summary>
    public bool IncludeAlerts { get; set; } = true;

    /// <summary>Read the incident a redirected (merged) incident now lives in, with its alerts. Default true.</summary>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>Keep polling every <see cref="PollInterval"/> until cancelled, instead of polling once.</summary>
    public bool Follow { get; set; }

    /// <summary>The wait between polls with <see cref="Follow"/>. Default 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        Positive(FirstFetch, nameof(FirstFetch));
        Positive(TimeBudget, nameof(TimeBudget));
        Positive(PollInterval, nameof(PollInterval));
        if (Overlap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, "The overlap cannot be negative.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPerFetch, 1, nameof(MaxPerFetch));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
