using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Output;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>incidents list | get | update | sync</c> on Microsoft Graph security.</summary>
internal static class IncidentCommands
{
    // The choices and their help come from the client's one list of incident values.
    private static readonly string[] Statuses = TriageOptions.Names(IncidentStatus.KnownValues);
    private static readonly string[] SettableStatuses = TriageOptions.Names(IncidentStatus.SettableValues);

    public static Command Create(CliRun run)
    {
        var command = new Command("incidents", "List, show and update Defender XDR incidents (Microsoft Graph security).");
        command.Subcommands.Add(List(run));
        command.Subcommands.Add(TriageCommands.Get<SecurityIncident>(run, "incident", "Show one incident with its alerts and comments.", (client, id, ct) => client.Incidents.GetAsync(id, expandAlerts: true, ct), WriteIncident, WriteDetailsAsync));
        command.Subcommands.Add(Update(run));
        command.Subcommands.Add(IncidentCloseCommand.Create(run));
        command.Subcommands.Add(IncidentSyncCommand.Create(run));
        return command;
    }

    private static Command List(CliRun run)
    {
        var status = new Option<string[]>("--status") { Description = "Only these statuses (repeatable): " + string.Join(", ", Statuses) + ".", HelpName = "status" };
        Choices.Restrict(status, Statuses);
        Option<string[]> severity = TriageOptions.SeverityFilter();
        Option<string?> assignedTo = TriageOptions.AssigneeFilter("incidents");
        Option<string?> since = TriageCommands.Since("incidents");
        Option<int?> limit = TriageCommands.Limit("incidents");
        var filter = new Option<string?>("--filter") { Description = "A raw OData $filter, combined (and) with the options above, e.g. \"classification eq 'truePositive'\".", HelpName = "odata" };
        Option<string?> output = TriageCommands.OutputOption();
        var connection = new ConnectionOptions();
        var command = new Command("list", "List incidents, newest first, following every page.") { status, severity, assignedTo, since, limit, filter, output };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            var query = new IncidentQuery
            {
                Statuses = parse.GetValue(status) is { Length: > 0 } st ? [.. st.Select(s => new IncidentStatus(Choices.Find(s, Statuses)!))] : null,
                Severities = TriageOptions.SeveritiesOf(parse, severity),
                AssignedTo = parse.GetValue(assignedTo),
                CreatedAfter = parse.GetValue(since) is string s ? TriageCommands.ParseSince(s, run.Context.Time.GetUtcNow()) : null,
                MaxItems = parse.GetValue(limit),
            };
            using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
            if (parse.GetValue(filter) is { Length: > 0 } raw)
            {
                query.ContinueFrom = FilteredFirstPage(conn.Cloud.GraphBaseUri, query, raw);
            }

            var incidents = new List<SecurityIncident>();
            await foreach (SecurityIncident incident in conn.Client.Incidents.ListAsync(query, ct))
            {
                incidents.Add(incident);
            }

            if (TriageCommands.Json(parse, output))
            {
                await run.Out.WriteLineAsync(TriageCommands.ToJsonArray(incidents, WriteIncident));
            }
            else
            {
                ResultTable.WriteIncidents(run.OutConsole, incidents);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Update(CliRun run)
    {
        var id = new Argument<string>("id") { Description = "The incident ID." };
        var status = new Option<string?>("--status") { Description = "New status: " + string.Join(", ", SettableStatuses) + ".", HelpName = "status" };
        Choices.Restrict(status, SettableStatuses);
        Option<string?> assignedTo = TriageOptions.NewAssignee();
        Option<string?> classification = TriageOptions.Classification(update: true);
        Option<string?> determination = TriageOptions.Determination(update: true);
        var tags = new Option<string[]>("--tag") { Description = "Custom tag (repeatable); the given tags replace the incident's custom tags.", HelpName = "tag" };
        var comment = new Option<string?>("--comment") { Description = "Add a comment (after the update succeeded).", HelpName = "text" };
        var connection = new ConnectionOptions();
        var command = new Command("update",
            "Update an incident. The update is validated before anything is sent (a determination must belong to the classification);\n"
            + "the comment is added only after the update succeeded.")
        {
            id, status, assignedTo, classification, determination, tags, comment,
        };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            string incidentId = TriageCommands.RequireId(parse.GetValue(id), "incident");
            var update = new IncidentUpdate
            {
                Status = parse.GetValue(status) is string s ? new IncidentStatus(Choices.Find(s, SettableStatuses)!) : null,
                AssignedTo = parse.GetValue(assignedTo),
                Classification = TriageOptions.ClassificationOf(parse, classification),
                Determination = TriageOptions.DeterminationOf(parse, determination),
                Tags = parse.GetValue(tags) is { Length: > 0 } t ? t : null,
            };
            string? text = parse.GetValue(comment);
            return await new TriageUpdate<SecurityIncident>
            {
                Noun = "incident",
                Id = incidentId,
                Changes = update.Status is not null || update.AssignedTo is not null || update.Classification is not null
                    || update.Determination is not null || update.Tags is not null,
                ChangeOptions = "--status, --assigned-to, --classification, --determination, --tag or --comment",
                Comment = text,
                DeterminationWithoutClassification = update.Determination is not null && update.Classification is null,
                Send = (client, c) => client.Incidents.UpdateAsync(incidentId, update, c),
                Describe = i => $"Updated incident {i.Id}: {TriageCommands.TriageState(i.Status, i.AssignedTo, i.Classification, i.Determination)}"
                    + (i.CustomTags.Count > 0 ? ", tags " + string.Join(", ", i.CustomTags) : string.Empty) + ".",
                AddComment = (client, c) => client.Incidents.AddCommentAsync(incidentId, text!, c),
            }.RunAsync(run, parse, connection, ct);
        }));
        return command;
    }

    /// <summary>The first page URL for a raw <c>--filter</c>, and-ed with the filters of the other options.</summary>
    internal static Uri FilteredFirstPage(Uri graphBase, IncidentQuery query, string raw)
    {
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add(AnyOf("status", statuses.Select(s => s.Value!)));
        }

        if (query.Severities is { Count: > 0 } severities)
        {
            clauses.Add(AnyOf("severity", severities.Select(s => s.Value!)));
        }

        if (query.AssignedTo is not null)
        {
            clauses.Add("assignedTo eq " + Quote(query.AssignedTo));
        }

        if (query.CreatedAfter is DateTimeOffset after)
        {
            clauses.Add("createdDateTime ge " + after.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }

        clauses.Add(clauses.Count == 0 ? raw : "(" + raw + ")");
        return new Uri(graphBase, "v1.0/security/incidents?$filter=" + Uri.EscapeDataString(string.Join(" and ", clauses)));
    }

    private static string AnyOf(string name, IEnumerable<string> values)
    {
        string[] parts = values.Select(v => name + " eq " + Quote(v)).ToArray();
        return parts.Length == 1 ? parts[0] : "(" + string.Join(" or ", parts) + ")";
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task WriteDetailsAsync(TextWriter output, SecurityIncident i)
    {
        await output.WriteLineAsync($"Incident {i.Id}: {i.DisplayName}");
        await output.WriteLineAsync($"  Severity:       {i.Severity}");
        await output.WriteLineAsync($"  Status:         {i.Status}");
        await output.WriteLineAsync($"  Assigned to:    {i.AssignedTo ?? "-"}");
        await output.WriteLineAsync($"  Classification: {i.Classification}");
        await output.WriteLineAsync($"  Determination:  {i.Determination}");
        await output.WriteLineAsync($"  Created (UTC):  {i.CreatedDateTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}");
        await output.WriteLineAsync($"  Updated (UTC):  {i.LastUpdateDateTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}");
        await output.WriteLineAsync($"  Tags:           {(i.CustomTags.Count == 0 ? "-" : string.Join(", ", i.CustomTags))}");
        if (i.IncidentWebUrl is not null)
        {
            await output.WriteLineAsync($"  Portal:         {i.IncidentWebUrl}");
        }

        if (i.Alerts is { Count: > 0 } alerts)
        {
            await output.WriteLineAsync($"  Alerts ({alerts.Count}):");
            foreach (SecurityAlert a in alerts)
            {
                await output.WriteLineAsync($"    {a.Id}  {a.Severity}  {a.Status}  {a.Category}  {a.Title}");
            }
        }

        await TriageCommands.WriteCommentsAsync(output, i.Comments);
    }

    private static void WriteIncident(Utf8JsonWriter w, SecurityIncident i)
    {
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("displayName", i.DisplayName);
        w.WriteString("severity", i.Severity.ToString());
        w.WriteString("status", i.Status.ToString());
        w.WriteString("assignedTo", i.AssignedTo);
        w.WriteString("classification", i.Classification.ToString());
        w.WriteString("determination", i.Determination.ToString());
        w.WriteString("createdDateTime", i.CreatedDateTime);
        w.WriteString("lastUpdateDateTime", i.LastUpdateDateTime);
        w.WriteStartArray("customTags");
        foreach (string t in i.CustomTags)
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
        if (i.IncidentWebUrl is not null)
        {
            w.WriteString("incidentWebUrl", i.IncidentWebUrl);
        }

        if (i.Alerts is { } alerts)
        {
            w.WriteStartArray("alerts");
            foreach (SecurityAlert a in alerts)
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                w.WriteString("title", a.Title);
                w.WriteString("severity", a.Severity.ToString());
                w.WriteString("status", a.Status.ToString());
                w.WriteString("category", a.Category);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        TriageCommands.WriteComments(w, i.Comments);
        w.WriteEndObject();
    }
}
