using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// Incidents that live with the emulator's clock. Before each request the emulator applies every scheduled change
/// that has become visible: creations, updates (status, assignee, severity, tags, comments), merges (the merged
/// incident turns <c>redirected</c> with <c>redirectIncidentId</c> and loses its alerts to the other) and values of
/// evolvable enums newer than the documented ones (status <c>awaitingAction</c>, severity <see cref="FutureSeverity"/>).
/// Each change carries its scheduled time as <c>lastUpdateDateTime</c>. Times and choices come from two generators
/// seeded by <see cref="LiveIncidentOptions.Seed"/>, so a run is reproducible however often it is caught up.
/// </summary>
public sealed class LiveIncidentFeed
{
    /// <summary>A severity newer than the documented ones (invented for tests of evolvable enums).</summary>
    public const string FutureSeverity = "critical";

    private static readonly string[] Severities = ["low", "medium", "high", "informational"];
    private static readonly string[] Titles = ["Suspicious PowerShell command line", "Credential dumping", "Phishing link clicked", "Ransomware behavior", "Anomalous sign-in"];
    private static readonly string[] Users = ["analyst1@contoso.example", "analyst2@contoso.example", "soc@contoso.example"];

    private readonly IncidentStore _store;
    private readonly TimeProvider _time;
    private readonly LiveIncidentOptions _options;
    private readonly Random _schedule;
    private readonly Random _choices;
    private readonly List<LiveIncidentChange> _history = [];
    private readonly object _gate = new();
    private readonly List<(DateTimeOffset At, DateTimeOffset Visible)> _pending = [];
    private DateTimeOffset _nextAt;
    private TimeSpan _nextLag;
    private long _nextId;
    private DateTimeOffset _visibleAt;

    /// <summary>Starts the feed over <paramref name="store"/>, adding the initial incidents.</summary>
    public LiveIncidentFeed(IncidentStore store, TimeProvider time, LiveIncidentOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MeanInterval <= TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MeanInterval, "LiveIncidentOptions.MeanInterval must be more than a minute.");
        }

        _store = store;
        _time = time;
        _options = options;
        _schedule = new Random(options.Seed);
        _choices = new Random(unchecked(options.Seed * 31 + 7));
        _nextId = options.FirstId;
        DateTimeOffset start = options.Start ?? time.GetUtcNow();
        _visibleAt = start;
        for (int i = 0; i < options.InitialIncidents; i++)
        {
            Create(start.AddMinutes(-_choices.Next(60, 11 * 60)));
        }

        _nextAt = start;
        ScheduleNext();
    }

    /// <summary>Every change applied so far, in order (a merge is two entries: the merged incident and the one it went into).</summary>
    public IReadOnlyList<LiveIncidentChange> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Applies every change visible at the emulator's current time; returns how many.</summary>
    public int CatchUp()
    {
        DateTimeOffset now = _time.GetUtcNow();
        int applied = 0;
        lock (_gate)
        {
            _visibleAt = now;
            while (_nextAt <= now)
            {
                _pending.Add((_nextAt, _nextAt + _nextLag));
                ScheduleNext();
            }

            // Visible in the order of their lag, not of their times: a change can surface below newer ones already shown.
            foreach ((DateTimeOffset at, DateTimeOffset visible) in _pending.Where(p => p.Visible <= now).OrderBy(p => p.Visible).ThenBy(p => p.At).ToList())
            {
                _pending.Remove((at, visible));
                Apply(at);
                applied++;
            }
        }

        return applied;
    }

    private void ScheduleNext()
    {
        double mean = _options.MeanInterval.TotalSeconds;
        _nextAt += TimeSpan.FromSeconds(60 + (_schedule.NextDouble() * 2 * (mean - 60)));
        _nextLag = TimeSpan.FromSeconds(_schedule.NextDouble() * _options.MaxVisibilityLag.TotalSeconds);
    }

    private void Apply(DateTimeOffset at)
    {
        List<EmulatedIncident> open = [.. _store.All().Where(i => i.RedirectIncidentId is null).OrderBy(i => i.Id)];
        double roll = _choices.NextDouble();
        if (open.Count < 2 || roll < 0.3)
        {
            Create(at);
        }
        else if (roll < 0.9)
        {
            Update(open[_choices.Next(open.Count)], at);
        }
        else
        {
            EmulatedIncident from = open[_choices.Next(open.Count)];
            EmulatedIncident into = open.Where(i => i.Id != from.Id).ElementAt(_choices.Next(open.Count - 1));
            Merge(from, into, at);
        }
    }

    private void Create(DateTimeOffset at)
    {
        long id = _nextId++;
        string severity = Severities[_choices.Next(Severities.Length)];
        var incident = new EmulatedIncident
        {
            Id = id,
            DisplayName = Titles[_choices.Next(Titles.Length)] + " on one endpoint",
            CreatedDateTime = at,
            LastUpdateDateTime = at,
            Severity = severity,
            Status = "active",
        };
        incident.Alerts.Add(new EmulatedAlert("da" + id.ToString(CultureInfo.InvariantCulture), incident.DisplayName, severity, "new",
            "Execution", "microsoftDefenderForEndpoint", "antivirus", at));
        _store.Add(incident);
        _history.Add(new LiveIncidentChange(id, at, LiveIncidentChangeKind.Created, null, _visibleAt));
    }

    private void Update(EmulatedIncident incident, DateTimeOffset at)
    {
        lock (incident.Gate)
        {
            switch (_choices.Next(7))
            {
                case 0: incident.Status = incident.Status == "active" ? "inProgress" : incident.Status == "inProgress" ? "resolved" : "active"; break;
                case 1: incident.AssignedTo = Users[_choices.Next(Users.Length)]; break;
                case 2: incident.Severity = Severities[_choices.Next(Severities.Length)]; break;
                case 3: incident.CustomTags.Add("tag" + _choices.Next(100).ToString(CultureInfo.InvariantCulture)); break;
                case 4: incident.Comments.Add(new EmulatedComment("Looked at it.", Users[_choices.Next(Users.Length)], at)); break;
                case 5: incident.Status = "awaitingAction"; break;
                default: incident.Severity = FutureSeverity; break;
            }

            at = After(incident, at);
            incident.LastUpdateDateTime = at;
        }

        _history.Add(new LiveIncidentChange(incident.Id, at, LiveIncidentChangeKind.Updated, null, _visibleAt));
    }

    private void Merge(EmulatedIncident from, EmulatedIncident into, DateTimeOffset at)
    {
        // Lock in ID order so two requests never wait on each other.
        (EmulatedIncident first, EmulatedIncident second) = from.Id < into.Id ? (from, into) : (into, from);
        lock (first.Gate)
        {
            lock (second.Gate)
            {
                into.Alerts.AddRange(from.Alerts);
                from.Alerts.Clear();
                from.Status = "redirected";
                from.RedirectIncidentId = into.Id;
                from.LastUpdateDateTime = After(from, at);
                into.LastUpdateDateTime = After(into, at);
            }
        }

        _history.Add(new LiveIncidentChange(from.Id, from.LastUpdateDateTime, LiveIncidentChangeKind.Merged, into.Id, _visibleAt));
        _history.Add(new LiveIncidentChange(into.Id, into.LastUpdateDateTime, LiveIncidentChangeKind.Updated, null, _visibleAt));
    }

    /// <summary>A change that surfaces late never moves an incident's lastUpdateDateTime back: it lands just after the newest.</summary>
    private static DateTimeOffset After(EmulatedIncident incident, DateTimeOffset at) =>
        at > incident.LastUpdateDateTime ? at : incident.LastUpdateDateTime.AddMilliseconds(1);
}

/// <summary>What a live change did.</summary>
public enum LiveIncidentChangeKind
{
    /// <summary>A new incident.</summary>
    Created,

    /// <summary>An incident changed.</summary>
    Updated,

    /// <summary>The incident was merged into <see cref="LiveIncidentChange.MergedInto"/>.</summary>
    Merged,
}

/// <summary>One applied change.</summary>
/// <param name="Id">The incident.</param>
/// <param name="LastUpdate">Its new <c>lastUpdateDateTime</c>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="MergedInto">For a merge, the incident it went into.</param>
/// <param name="VisibleAt">The emulator time the change was applied (its <c>lastUpdateDateTime</c> or later, by the visibility lag).</param>
public sealed record LiveIncidentChange(long Id, DateTimeOffset LastUpdate, LiveIncidentChangeKind Kind, long? MergedInto, DateTimeOffset VisibleAt);
