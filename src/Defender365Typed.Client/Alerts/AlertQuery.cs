using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>
/// Which alerts to list (<c>GET /security/alerts_v2</c>). The service filters on status, severity, assignedTo, classification,
/// determination, serviceSource, createdDateTime and lastUpdateDateTime; every value is quoted.
/// </summary>
public sealed class AlertQuery
{
    /// <summary>Any of these statuses.</summary>
    public IReadOnlyList<AlertStatus>? Statuses { get; set; }

    /// <summary>Any of these severities.</summary>
    public IReadOnlyList<IncidentSeverity>? Severities { get; set; }

    /// <summary>Any of these service sources (e.g. <c>microsoftDefenderForEndpoint</c>, <c>microsoftDefenderForOffice365</c>).</summary>
    public IReadOnlyList<string>? ServiceSources { get; set; }

    /// <summary>Assigned to this user.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>This classification.</summary>
    public IncidentClassification? Classification { get; set; }

    /// <summary>This determination.</summary>
    public IncidentDetermination? Determination { get; set; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedAfter { get; set; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; set; }

    /// <summary>Updated at or after.</summary>
    public DateTimeOffset? LastUpdatedAfter { get; set; }

    /// <summary>Updated before.</summary>
    public DateTimeOffset? LastUpdatedBefore { get; set; }

    /// <summary>Alerts per page (<c>$top</c>).</summary>
    public int? PageSize { get; set; }

    /// <summary>Alerts to skip at the start (<c>$skip</c>).</summary>
    public int? Skip { get; set; }

    /// <summary>Stop after this many alerts.</summary>
    public int? MaxItems { get; set; }

    /// <summary>Continue from a page link (<see cref="IncidentPage{T}.NextLink"/> or <see cref="IncidentPagingException.ResumeFrom"/>); the other settings are then ignored except <see cref="MaxItems"/>.</summary>
    public Uri? ContinueFrom { get; set; }

    /// <summary>The OData <c>$filter</c>, or null when nothing is filtered.</summary>
    /// <exception cref="ArgumentException">A value is empty.</exception>
    internal string? Filter()
    {
        var clauses = new List<string>();
        if (Statuses is { Count: > 0 })
        {
            clauses.Add(ODataFilterBuilder.AnyOf("status", Statuses.Select(s => Spelled(s.Canonical, "status"))));
        }

        if (Severities is { Count: > 0 })
        {
            clauses.Add(ODataFilterBuilder.AnyOf("severity", Severities.Select(s => Spelled(s.Canonical, "severity"))));
        }

        if (ServiceSources is { Count: > 0 })
        {
            clauses.Add(ODataFilterBuilder.AnyOf("serviceSource", ServiceSources.Select(s => Spelled(s, "serviceSource"))));
        }

        if (AssignedTo is not null)
        {
            clauses.Add("assignedTo eq " + ODataFilterBuilder.Quote(AssignedTo));
        }

        if (Classification is IncidentClassification classification)
        {
            clauses.Add("classification eq " + ODataFilterBuilder.Quote(Spelled(classification.Canonical, "classification")));
        }

        if (Determination is IncidentDetermination determination)
        {
            clauses.Add("determination eq " + ODataFilterBuilder.Quote(Spelled(determination.Canonical, "determination")));
        }

        ODataFilterBuilder.AddTime(clauses, "createdDateTime", "ge", CreatedAfter);
        ODataFilterBuilder.AddTime(clauses, "createdDateTime", "lt", CreatedBefore);
        ODataFilterBuilder.AddTime(clauses, "lastUpdateDateTime", "ge", LastUpdatedAfter);
        ODataFilterBuilder.AddTime(clauses, "lastUpdateDateTime", "lt", LastUpdatedBefore);
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static string Spelled(string? value, string property) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"An alert filter value for {property} is empty.") : value;
}
