using System;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// Settings of the emulator's live incidents (<see cref="EmulatorOptions.LiveIncidents"/>): as the emulator's clock
/// advances, incidents are created, updated and merged on a schedule fixed by <see cref="Seed"/>.
/// </summary>
public sealed class LiveIncidentOptions
{
    /// <summary>Fixes the schedule and every choice: the same seed and clock give the same incidents.</summary>
    public int Seed { get; set; } = 16;

    /// <summary>When the schedule starts; the emulator's current time when null.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>The mean time between two changes. Default 10 minutes.</summary>
    public TimeSpan MeanInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest a change stays invisible after its <c>lastUpdateDateTime</c>, like the service's indexing lag; changes
    /// surface in the order of their lag, so a late one appears below newer ones already shown. Default 2 minutes; zero for none.
    /// </summary>
    public TimeSpan MaxVisibilityLag { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Incidents present at <see cref="Start"/> (created in the 11 hours before it). Default 5.</summary>
    public int InitialIncidents { get; set; } = 5;

    /// <summary>The first incident ID the feed uses. Default 7000.</summary>
    public long FirstId { get; set; } = 7000;
}
