using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>What happened to an incident, as far as one poll can tell.</summary>
public enum IncidentChangeKind
{
    /// <summary>Created since the cursor (its creation time is inside the window read).</summary>
    Created,

    /// <summary>Changed since the cursor.</summary>
    Updated,

    /// <summary>Merged into another incident (status <c>redirected</c>, <see cref="IncidentChange{T}.RedirectIncidentId"/> set).</summary>
    Merged,
}

/// <summary>One change: an incident as it is now, and why it is reported.</summary>
/// <typeparam name="T">The incident model (<see cref="SecurityIncident"/> or <see cref="DefenderIncident"/>).</typeparam>
public sealed class IncidentChange<T>
    where T : class
{
    internal IncidentChange(IncidentChangeKind kind, T incident, IncidentChangeMark mark, string? redirectIncidentId)
    {
        Kind = kind;
        Incident = incident;
        Mark = mark;
        RedirectIncidentId = redirectIncidentId;
    }

    /// <summary>Created, updated or merged.</summary>
    public IncidentChangeKind Kind { get; }

    /// <summary>The incident.</summary>
    public T Incident { get; }

    /// <summary>Its ID and <c>lastUpdateDateTime</c>: the change's identity for de-duplication.</summary>
    public IncidentChangeMark Mark { get; }

    /// <summary>The incident ID.</summary>
    public string Id => Mark.Id;

    /// <summary>The change's <c>lastUpdateDateTime</c>.</summary>
    public DateTimeOffset LastUpdate => Mark.LastUpdate;

    /// <summary>For a merge, the incident this one now lives in.</summary>
    public string? RedirectIncidentId { get; }

    /// <summary>For a merge (with <see cref="IncidentSyncOptions.FollowRedirects"/>), the incident it was merged into, with its alerts; null if it could not be read.</summary>
    public T? MergedInto { get; internal set; }
}

/// <summary>
/// Changes to hand on, in <c>lastUpdateDateTime</c> order, and the cursor that covers them. Delivery is at least once:
/// the cursor moves only when the batch is acknowledged (<see cref="AcknowledgeAsync"/>, or by keeping
/// <see cref="Cursor"/> yourself), and acknowledging a batch acknowledges the batches before it.
/// </summary>
/// <typeparam name="T">The incident model.</typeparam>
public sealed class IncidentSyncBatch<T>
    where T : class
{
    private readonly Func<IncidentSyncCursor, CancellationToken, Task> _acknowledge;

    internal IncidentSyncBatch(IReadOnlyList<IncidentChange<T>> changes, IncidentSyncCursor cursor, IncidentSyncMetrics metrics, bool endOfPoll,
        Func<IncidentSyncCursor, CancellationToken, Task> acknowledge)
    {
        Changes = changes;
        Cursor = cursor;
        Metrics = metrics;
        IsEndOfPoll = endOfPoll;
        _acknowledge = acknowledge;
    }

    /// <summary>The changes; empty for the last batch of a poll that found nothing new.</summary>
    public IReadOnlyList<IncidentChange<T>> Changes { get; }

    /// <summary>The cursor after this batch (and every batch before it) is handled.</summary>
    public IncidentSyncCursor Cursor { get; }

    /// <summary>The poll's counts so far (complete on the poll's last batch).</summary>
    public IncidentSyncMetrics Metrics { get; }

    /// <summary>Whether this is the last batch of its poll.</summary>
    public bool IsEndOfPoll { get; }

    /// <summary>Marks the batch handled: the sync continues after it, and a cursor store (if the sync has one) saves <see cref="Cursor"/>.</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken = default) => _acknowledge(Cursor, cancellationToken);
}

/// <summary>The counts of one poll.</summary>
public sealed class IncidentSyncMetrics
{
    /// <summary>When the poll started (the client's clock).</summary>
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>The lower bound of <c>lastUpdateDateTime</c> the poll read from.</summary>
    public DateTimeOffset WindowStart { get; internal set; }

    /// <summary>Pages read.</summary>
    public int Pages { get; internal set; }

    /// <summary>Incidents read (before de-duplication).</summary>
    public int Incidents { get; internal set; }

    /// <summary>Changes delivered.</summary>
    public int Changes { get; internal set; }

    /// <summary>Incidents dropped because the cursor (or an earlier page of the same poll) had them already.</summary>
    public int DuplicatesDropped { get; internal set; }

    /// <summary>Merged (redirected) incidents reported.</summary>
    public int Merges { get; internal set; }

    /// <summary>Times <c>$expand=alerts</c> failed with a 5xx and the poll read without it.</summary>
    public int ExpandFallbacks { get; internal set; }

    /// <summary>Incidents read one by one (alerts after an expand fallback, or the target of a merge).</summary>
    public int SingleReads { get; internal set; }

    /// <summary>Whether changes were left for the next poll because of <see cref="IncidentSyncOptions.MaxPerFetch"/>.</summary>
    public bool LimitReached { get; internal set; }

    /// <summary>Whether the poll ran out of <see cref="IncidentSyncOptions.TimeBudget"/> and delivered nothing.</summary>
    public bool BudgetExhausted { get; internal set; }
}
