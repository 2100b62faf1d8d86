using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Emulator.Identity;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// Graph <c>/v1.0/security/alerts_v2</c>, served from the incidents' alerts (the store holds each alert once, inside its
/// incident), so the alert view and an incident's <c>$expand=alerts</c> always agree.
/// </summary>
internal sealed class AlertEndpoints
{
    private static readonly HashSet<string> Filterable = new(StringComparer.Ordinal)
    { "assignedTo", "classification", "determination", "createdDateTime", "lastUpdateDateTime", "severity", "serviceSource", "status" };

    private static readonly HashSet<string> Patchable = new(StringComparer.Ordinal) { "status", "classification", "determination", "assignedTo" };

    private static readonly string[] Read = ["SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"];
    private static readonly string[] Write = ["SecurityAlert.ReadWrite.All"];

    private readonly IncidentStore _store;
    private readonly ApiAuthorization _auth;
    private readonly EmulatorDirectory _directory;
    private readonly TimeProvider _time;
    private readonly Func<Uri> _baseUri;

    public AlertEndpoints(IncidentStore store, ApiAuthorization auth, EmulatorDirectory directory, TimeProvider time, Func<Uri> baseUri)
    {
        _store = store;
        _auth = auth;
        _directory = directory;
        _time = time;
        _baseUri = baseUri;
    }

    public async Task ListAsync(HttpContext context)
    {
        if (await _auth.AuthorizeAsync(context, EmulatorDirectory.Graph, Read).ConfigureAwait(false) is null)
        {
            return;
        }

        await ODataPaging.ServeAsync(context, _baseUri(), Snapshot(), new ODataList<(EmulatedIncident Incident, EmulatedAlert Alert)>(
            _store.GraphPageSize, "BadRequest", Filterable, (name, x) => Property(name, x.Alert),
            "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2", "v1.0/security/alerts_v2",
            (w, x) => AlertJson.WriteGraph(w, x.Incident, x.Alert, _directory.TenantId))).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext context)
    {
        if (await _auth.AuthorizeAsync(context, EmulatorDirectory.Graph, Read).ConfigureAwait(false) is not null
            && await FindAsync(context).ConfigureAwait(false) is (EmulatedIncident incident, EmulatedAlert alert))
        {
            await JsonResponse.WriteAsync(context, 200, w => AlertJson.WriteGraph(w, incident, alert, _directory.TenantId)).ConfigureAwait(false);
        }
    }

    public async Task PatchAsync(HttpContext context)
    {
        if (await _auth.AuthorizeAsync(context, EmulatorDirectory.Graph, Write).ConfigureAwait(false) is null
            || await FindAsync(context).ConfigureAwait(false) is not (EmulatedIncident incident, EmulatedAlert found))
        {
            return;
        }

        if (await JsonResponse.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", "The request body is not valid JSON.").ConfigureAwait(false);
            return;
        }

        (EmulatedAlert? updated, string? problem) = Apply(incident, found.Id, body, _time.GetUtcNow());
        if (updated is null)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", problem!).ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, 200, w =>
        {
            lock (incident.Gate)
            {
                AlertJson.WriteGraph(w, incident, updated, _directory.TenantId);
            }
        }).ConfigureAwait(false);
    }

    public async Task AddCommentAsync(HttpContext context)
    {
        if (await _auth.AuthorizeAsync(context, EmulatorDirectory.Graph, Write).ConfigureAwait(false) is null
            || await FindAsync(context).ConfigureAwait(false) is not (EmulatedIncident incident, EmulatedAlert found))
        {
            return;
        }

        if (await CommentJson.ReadAsync(context).ConfigureAwait(false) is not string comment)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        IReadOnlyList<EmulatedComment> comments;
        lock (incident.Gate)
        {
            int index = incident.Alerts.FindIndex(a => a.Id == found.Id);
            EmulatedAlert current = incident.Alerts[index];
            comments = [.. current.Comments, new EmulatedComment(comment, _directory.UserName, now)];
            incident.Alerts[index] = current with { Comments = comments, LastUpdateDateTime = now };
            incident.LastUpdateDateTime = now;
        }

        await CommentJson.WriteListAsync(context, $"https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2('{found.Id}')/comments", comments).ConfigureAwait(false);
    }

    /// <summary>Validates the whole body, then applies it under the incident's lock: all or nothing. Returns the updated alert, or the reason nothing changed.</summary>
    private static (EmulatedAlert? Updated, string? Problem) Apply(EmulatedIncident incident, string alertId, JsonElement body, DateTimeOffset now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The request body must be a JSON object.");
        }

        var triage = new TriagePatch(status => IncidentVocabulary.Find(IncidentVocabulary.AlertStatuses, status));
        foreach (JsonProperty p in body.EnumerateObject())
        {
            if (!Patchable.Contains(p.Name))
            {
                return (null, $"Invalid property '{p.Name}' in the request body.");
            }

            if (triage.TryRead(p, out string? problem) && problem is not null)
            {
                return (null, problem);
            }
        }

        lock (incident.Gate)
        {
            int index = incident.Alerts.FindIndex(a => a.Id == alertId);
            EmulatedAlert current = incident.Alerts[index];
            if (triage.Resolve(current.Classification, current.Determination, out string? problem) is not (string classification, string determination))
            {
                return (null, problem);
            }

            EmulatedAlert updated = current with
            {
                Status = triage.Status ?? current.Status,
                Classification = classification,
                Determination = determination,
                AssignedTo = triage.Assignee(current.AssignedTo),
                LastUpdateDateTime = now,
            };
            incident.Alerts[index] = updated;
            incident.LastUpdateDateTime = now;
            return (updated, null);
        }
    }

    /// <summary>Every alert with its incident, newest first; each incident read under its lock.</summary>
    private List<(EmulatedIncident Incident, EmulatedAlert Alert)> Snapshot()
    {
        var all = new List<(EmulatedIncident, EmulatedAlert)>();
        foreach (EmulatedIncident incident in _store.All())
        {
            lock (incident.Gate)
            {
                all.AddRange(incident.Alerts.Select(a => (incident, a)));
            }
        }

        return [.. all.OrderByDescending(x => x.Item2.CreatedDateTime).ThenByDescending(x => x.Item2.Id, StringComparer.Ordinal)];
    }

    private async Task<(EmulatedIncident, EmulatedAlert)?> FindAsync(HttpContext context)
    {
        string id = (string)context.Request.RouteValues["id"]!;
        foreach ((EmulatedIncident incident, EmulatedAlert alert) in Snapshot())
        {
            if (string.Equals(alert.Id, id, StringComparison.Ordinal))
            {
                return (incident, alert);
            }
        }

        await JsonResponse.ApiErrorAsync(context, 404, "ResourceNotFound", $"Alert '{id}' was not found.").ConfigureAwait(false);
        return null;
    }

    private static string? Property(string name, EmulatedAlert a) => name switch
    {
        "status" => a.Status,
        "severity" => a.Severity,
        "assignedTo" => a.AssignedTo,
        "classification" => a.Classification,
        "determination" => a.Determination,
        "serviceSource" => a.ServiceSource,
        "createdDateTime" => a.CreatedDateTime.ToString("o", CultureInfo.InvariantCulture),
        "lastUpdateDateTime" => (a.LastUpdateDateTime ?? a.CreatedDateTime).ToString("o", CultureInfo.InvariantCulture),
        _ => null,
    };
}
