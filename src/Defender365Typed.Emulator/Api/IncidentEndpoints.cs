using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Emulator.Identity;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>Graph <c>/v1.0/security/incidents</c> and legacy <c>/api/incidents</c> over the shared store.</summary>
internal sealed class IncidentEndpoints
{
    private static readonly HashSet<string> GraphFilterable = new(StringComparer.Ordinal)
    { "status", "severity", "assignedTo", "classification", "determination", "createdDateTime", "lastUpdateDateTime" };

    private static readonly HashSet<string> LegacyFilterable = new(StringComparer.Ordinal)
    { "status", "assignedTo", "createdTime", "lastUpdateTime" };

    private static readonly string[] GraphRead = ["SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"];
    private static readonly string[] GraphWrite = ["SecurityIncident.ReadWrite.All"];
    private static readonly string[] LegacyRead = ["Incident.Read.All", "Incident.ReadWrite.All", "Incident.Read", "Incident.ReadWrite"];
    private static readonly string[] LegacyWrite = ["Incident.ReadWrite.All", "Incident.ReadWrite"];

    private readonly IncidentStore _store;
    private readonly ApiAuthorization _auth;
    private readonly EmulatorDirectory _directory;
    private readonly TimeProvider _time;
    private readonly Func<Uri> _baseUri;

    public IncidentEndpoints(IncidentStore store, ApiAuthorization auth, EmulatorDirectory directory, TimeProvider time, Func<Uri> baseUri)
    {
        _store = store;
        _auth = auth;
        _directory = directory;
        _time = time;
        _baseUri = baseUri;
    }

    public async Task ListAsync(HttpContext context, bool legacy)
    {
        if (await _auth.AuthorizeAsync(context, Audience(legacy), legacy ? LegacyRead : GraphRead).ConfigureAwait(false) is null)
        {
            return;
        }

        bool expand = string.Equals(context.Request.Query["$expand"], "alerts", StringComparison.Ordinal);
        bool unknownEnums = EvolvableEnums.Requested(context);
        var list = legacy
            ? new ODataList<EmulatedIncident>(100, "InvalidInput", LegacyFilterable, LegacyProperty, "https://api.security.microsoft.com/api/$metadata#Incidents", NextPath: null,
                (w, incident) => Write(w, incident, legacy, expand, unknownEnums))
            : new ODataList<EmulatedIncident>(_store.GraphPageSize, "BadRequest", GraphFilterable, GraphProperty, "https://graph.microsoft.com/v1.0/$metadata#security/incidents",
                "v1.0/security/incidents", (w, incident) => Write(w, incident, legacy, expand, unknownEnums));
        await ODataPaging.ServeAsync(context, _baseUri(), _store.All(), list).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext context, bool legacy)
    {
        if (await _auth.AuthorizeAsync(context, Audience(legacy), legacy ? LegacyRead : GraphRead).ConfigureAwait(false) is null)
        {
            return;
        }

        EmulatedIncident? incident = await FindAsync(context, legacy).ConfigureAwait(false);
        if (incident is not null)
        {
            bool expand = string.Equals(context.Request.Query["$expand"], "alerts", StringComparison.Ordinal);
            await JsonResponse.WriteAsync(context, 200, w => Write(w, incident, legacy, expand, EvolvableEnums.Requested(context))).ConfigureAwait(false);
        }
    }

    public async Task PatchAsync(HttpContext context, bool legacy)
    {
        if (await _auth.AuthorizeAsync(context, Audience(legacy), legacy ? LegacyWrite : GraphWrite).ConfigureAwait(false) is null)
        {
            return;
        }

        EmulatedIncident? incident = await FindAsync(context, legacy).ConfigureAwait(false);
        if (incident is null)
        {
            return;
        }

        if (await JsonResponse.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            await JsonResponse.ApiErrorAsync(context, 400, "InvalidRequestBody", "The request body is not valid JSON.").ConfigureAwait(false);
            return;
        }

        context.RequestAborted.ThrowIfCancellationRequested();
        string? problem = IncidentPatch.TryApply(incident, body, legacy, _directory.UserName, _time.GetUtcNow());
        if (problem is not null)
        {
            await JsonResponse.ApiErrorAsync(context, 400, legacy ? "InvalidInput" : "BadRequest", problem).ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, 200, w => Write(w, incident, legacy, withAlerts: legacy, EvolvableEnums.Requested(context))).ConfigureAwait(false);
    }

    public async Task AddCommentAsync(HttpContext context)
    {
        if (await _auth.AuthorizeAsync(context, EmulatorDirectory.Graph, GraphWrite).ConfigureAwait(false) is null)
        {
            return;
        }

        EmulatedIncident? incident = await FindAsync(context, legacy: false).ConfigureAwait(false);
        if (incident is null)
        {
            return;
        }

        if (await CommentJson.ReadAsync(context).ConfigureAwait(false) is not string comment)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        List<EmulatedComment> comments;
        lock (incident.Gate)
        {
            incident.Comments.Add(new EmulatedComment(comment, _directory.UserName, now));
            incident.LastUpdateDateTime = now;
            comments = [.. incident.Comments];
        }

        await CommentJson.WriteListAsync(context, "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.security.alertComment)", comments).ConfigureAwait(false);
    }

    private async Task<EmulatedIncident?> FindAsync(HttpContext context, bool legacy)
    {
        string raw = (string)context.Request.RouteValues["id"]!;
        EmulatedIncident? incident = long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? _store.Find(id) : null;
        if (incident is null)
        {
            await JsonResponse.ApiErrorAsync(context, 404, legacy ? "NotFound" : "ResourceNotFound", $"Incident '{raw}' was not found.").ConfigureAwait(false);
        }

        return incident;
    }

    private void Write(Utf8JsonWriter w, EmulatedIncident incident, bool legacy, bool withAlerts, bool unknownEnumMembers)
    {
        if (legacy)
        {
            IncidentJson.WriteLegacy(w, incident);
        }
        else
        {
            IncidentJson.WriteGraph(w, incident, _directory.TenantId, withAlerts, unknownEnumMembers);
        }
    }

    private static string Audience(bool legacy) => legacy ? EmulatorDirectory.Legacy : EmulatorDirectory.Graph;

    private static string? GraphProperty(string name, EmulatedIncident i) => name switch
    {
        "status" => i.Status,
        "severity" => i.Severity,
        "assignedTo" => i.AssignedTo,
        "classification" => i.Classification,
        "determination" => i.Determination,
        "createdDateTime" => i.CreatedDateTime.ToString("o", CultureInfo.InvariantCulture),
        "lastUpdateDateTime" => i.LastUpdateDateTime.ToString("o", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? LegacyProperty(string name, EmulatedIncident i) => name switch
    {
        "status" => IncidentRules.Pascal(i.Status),
        "assignedTo" => i.AssignedTo,
        "createdTime" => i.CreatedDateTime.ToString("o", CultureInfo.InvariantCulture),
        "lastUpdateTime" => i.LastUpdateDateTime.ToString("o", CultureInfo.InvariantCulture),
        _ => null,
    };
}
