using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.Emulator.Api;

/// <summary>The emulator's in-memory incidents, shared by the Graph and legacy endpoints.</summary>
public sealed class IncidentStore
{
    private readonly ConcurrentDictionary<long, EmulatedIncident> _incidents = new();

    /// <summary>Most incidents per Graph page (Graph serves at most 50).</summary>
    public int GraphPageSize { get; set; } = 50;

    /// <summary>Adds or replaces an incident.</summary>
    public EmulatedIncident Add(EmulatedIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        _incidents[incident.Id] = incident;
        return incident;
    }

    /// <summary>Adds <paramref name="count"/> incidents with IDs from <paramref name="firstId"/>, newest last, each with one alert.</summary>
    public IReadOnlyList<EmulatedIncident> Seed(int count, long firstId = 1000)
    {
        string[] severities = ["low", "medium", "high", "informational"];
        string[] statuses = ["active", "inProgress", "resolved"];
        var added = new List<EmulatedIncident>(count);
        DateTimeOffset start = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            long id = firstId + i;
            var incident = new EmulatedIncident
            {
                Id = id,
                DisplayName = "Incident " + id.ToString(CultureInfo.InvariantCulture),
                CreatedDateTime = start.AddMinutes(i),
                LastUpdateDateTime = start.AddMinutes(i + 30),
                Severity = severities[i % severities.Length],
                Status = statuses[i % statuses.Length],
            };
            incident.Alerts.Add(new EmulatedAlert(
                "da" + id.ToString(CultureInfo.InvariantCulture), "Suspicious PowerShell command line", incident.Severity, "new",
                "Execution", "microsoftDefenderForEndpoint", "antivirus", incident.CreatedDateTime));
            added.Add(Add(incident));
        }

        return added;
    }

    /// <summary>Finds an incident.</summary>
    public EmulatedIncident? Find(long id) => _incidents.TryGetValue(id, out EmulatedIncident? incident) ? incident : null;

    /// <summary>All incidents, newest first.</summary>
    public IReadOnlyList<EmulatedIncident> All() =>
        _incidents.Values.OrderByDescending(i => i.CreatedDateTime).ThenByDescending(i => i.Id).ToList();
}
