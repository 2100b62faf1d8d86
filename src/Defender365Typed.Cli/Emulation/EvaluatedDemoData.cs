using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Cli.Emulation;

/// <summary>
/// The emulator's content: the synthetic tenant of the KQL engine. Hunting queries are evaluated for real over its
/// tables (a query the engine does not support gets the 400 a service query error would), and its incidents, whose
/// alerts reference those rows, are served by the incident endpoints.
/// </summary>
/// <param name="now">The synthetic tenant's clock.</param>
/// <param name="tablesFolder">
/// A folder of <c>&lt;Table&gt;.csv</c> / <c>&lt;Table&gt;.json</c> files whose rows replace the synthetic rows of those
/// documented tables (so detections can be tried on a user's own data), or null.
/// </param>
/// <param name="largeTables">Tables whose rows are generated at a large tenant's size (<see cref="SyntheticVolume"/>), applied last.</param>
internal sealed class EvaluatedDemoData(DateTime now, string? tablesFolder = null, IReadOnlyList<LargeTableSpec>? largeTables = null) : IEmulatorDataSource
{
    public EvaluatedDemoData()
        : this(DateTime.UtcNow)
    {
    }

    public string Description => (tablesFolder is null
        ? "KQL evaluated over a synthetic tenant (DeviceProcessEvents, DeviceNetworkEvents, EmailEvents and more)"
        : $"KQL evaluated over a synthetic tenant, with the tables in {tablesFolder} in place of its rows")
        + string.Concat((largeTables ?? []).Select(t => string.Create(CultureInfo.InvariantCulture, $"; {t.Table}: {t.Rows:N0} generated rows over 30 days")));

    public void Fill(DefenderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        SyntheticDataset dataset = SyntheticDataset.Create(now: now);
        if (tablesFolder is not null)
        {
            dataset = UserTables.Apply(dataset, tablesFolder);
        }

        // The user's own rows are all visible, whatever their age; the synthetic tenant's are within the service's 30 days.
        if (tablesFolder is not null)
        {
            emulator.Hunting.DefaultLookback = null;
        }

        foreach (LargeTableSpec large in largeTables ?? [])
        {
            dataset = dataset.With(SyntheticVolume.Create(large.Table, large.Rows, dataset.Now));
        }

        // A large tenant's scans take seconds: the engine's own budget becomes the service's 3 minutes.
        emulator.Hunting.UseTables(dataset, largeTables is { Count: > 0 }
            ? new EngineOptions { Now = dataset.Now, Timeout = TimeSpan.FromMinutes(3) }
            : new EngineOptions { Now = dataset.Now });
        foreach (SyntheticIncident source in dataset.Incidents)
        {
            var incident = new EmulatedIncident
            {
                Id = source.Id,
                DisplayName = source.DisplayName,
                Severity = source.Severity,
                Status = source.Status,
                Classification = source.Classification,
                Determination = source.Determination,
                AssignedTo = source.AssignedTo,
                CreatedDateTime = new DateTimeOffset(source.CreatedDateTime, TimeSpan.Zero),
                LastUpdateDateTime = new DateTimeOffset(source.LastUpdateDateTime, TimeSpan.Zero),
            };
            foreach (SyntheticAlert alert in source.Alerts)
            {
                incident.Alerts.Add(new EmulatedAlert(alert.Id, alert.Title, alert.Severity, alert.Status, alert.Category,
                    alert.ServiceSource, alert.DetectionSource, new DateTimeOffset(alert.CreatedDateTime, TimeSpan.Zero)));
            }

            emulator.Incidents.Add(incident);
        }
    }
}
