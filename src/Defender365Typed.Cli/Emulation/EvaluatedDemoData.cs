using System;
using Defender365Typed.Emulator;
using Defender365Typed.Emulator.Api;
using Defender365Typed.Evaluation;

namespace Defender365Typed.CommandLine.Emulation;

/// <summary>
/// The emulator's content: the synthetic tenant of the KQL engine. Hunting queries are evaluated for real over its
/// tables (a query the engine does not support gets the 400 a service query error would), and its incidents, whose
/// alerts reference those rows, are served by the incident endpoints.
/// </summary>
internal sealed class EvaluatedDemoData(DateTime now) : IEmulatorDataSource
{
    public EvaluatedDemoData()
        : this(DateTime.UtcNow)
    {
    }

    public string Description => "KQL evaluated over a synthetic tenant (DeviceProcessEvents, DeviceNetworkEvents, EmailEvents and more)";

    public void Fill(DefenderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        SyntheticDataset dataset = SyntheticDataset.Create(now: now);
        emulator.Hunting.UseTables(dataset, new EngineOptions { Now = dataset.Now });
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
