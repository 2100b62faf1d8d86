using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Output;
using Defender365Typed.Cli.Settings;
using Spectre.Console;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>alerts list | get | update</c> on Microsoft Graph security (<c>alerts_v2</c>).</summary>
internal static class AlertCommands
{
    // The choices come from the client's one list of values (the same classifications and determinations as incidents).
    private static readonly string[] Statuses = [.. AlertStatus.KnownValues.Select(v => v.Value!)];

    public static Command Create(CliRun run)
    {
        var command = new Command("alerts", "List, show and update Defender XDR alerts (Microsoft Graph security alerts_v2; the legacy API has no alerts endpoint).");
        command.Subcommands.Add(List(run));
        command.Subcommands.Add(TriageCommands.Get<SecurityAlert>(run, "alert", "Show one alert with its evidence and comments.", (client, id, ct) => client.Alerts.GetAsync(id, ct), WriteAlert, WriteDetailsAsync));
        command.Subcommands.Add(Update(run));
        return command;
    }

    private static Command List(CliRun run)
    {
        var status = new Option<string[]>("--status") { Description = "Only these statuses (repeatable): " + string.Join(", ", Statuses) + ".", HelpName = "status" };
        Choices.Restrict(status, Statuses);
        Option<string[]> severity = TriageOptions.SeverityFilter();
        var source = new Option<string[]>("--service-source")
        {
            Description = "Only alerts from these services (repeatable), e.g. microsoftDefenderForEndpoint, microsoftDefenderForOffice365.",
            HelpName = "service",
        };
        Option<string?> assignedTo = TriageOptions.AssigneeFilter("alerts");
        Option<string?> classification = TriageOptions.Classification(update: false);
        Option<string?> determination = TriageOptions.Determination(update: false);
        Option<string?> since = TriageCommands.Since("alerts");
        Option<int?> limit = TriageCommands.Limit("alerts");
        var count = new Option<bool>("--count") { Description = "Print only how many alerts match ($count)." };
        Option<string?> output = TriageCommands.OutputOption();
        var connection = new ConnectionOptions();
        var command = new Command("list", "List alerts, newest first, following every page.")
        {
            status, severity, source, assignedTo, classification, determination, since, limit, count, output,
        };
        connection.AddTo(command);
        source.Validators.Add(r =>
        {
            if ((r.GetValueOrDefault<string[]>() ?? []).Any(string.IsNullOrWhiteSpace))
            {
                r.AddError("--service-source must not be empty.");
            }
        });
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            var query = new AlertQuery
            {
                Statuses = parse.GetValue(status) is { Length: > 0 } st ? [.. st.Select(s => new AlertStatus(Choices.Find(s, Statuses)!))] : null,
                Severities = TriageOptions.SeveritiesOf(parse, severity),
                ServiceSources = parse.GetValue(source) is { Length: > 0 } so ? so : null,
                AssignedTo = parse.GetValue(assignedTo),
                Classification = TriageOptions.ClassificationOf(parse, classification),
                Determination = TriageOptions.DeterminationOf(parse, determination),
                CreatedAfter = parse.GetValue(since) is string s ? TriageCommands.ParseSince(s, run.Context.Time.GetUtcNow()) : null,
                MaxItems = parse.GetValue(limit),
            };
            using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
            if (parse.GetValue(count))
            {
                long n = await conn.Client.Alerts.CountAsync(query, ct);
                await run.Out.WriteLineAsync(n.ToString(CultureInfo.InvariantCulture));
                return ExitCodes.Ok;
            }

            var alerts = new List<SecurityAlert>();
            await foreach (SecurityAlert alert in conn.Client.Alerts.ListAsync(query, ct))
            {
                alerts.Add(alert);
            }

            if (TriageCommands.Json(parse, output))
            {
                await run.Out.WriteLineAsync(TriageCommands.ToJsonArray(alerts, WriteAlert));
            }
            else
            {
                ResultTable.Write(run.OutConsole, ["Id", "Severity", "Status", "Incident", "Assigned to", "Created (UTC)", "Title"], alerts.Select(a => new[]
                {
                    a.Id, a.Severity.ToString(), a.Status.ToString(), a.IncidentId ?? "-", a.AssignedTo ?? "-", TriageCommands.Time(a.CreatedDateTime), a.Title,
                }));
                run.OutConsole.WriteLine(alerts.Count == 1 ? "1 alert." : $"{alerts.Count} alerts.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Update(CliRun run)
    {
        var id = new Argument<string>("id") { Description = "The alert ID." };
        var status = new Option<string?>("--status") { Description = "New status: " + string.Join(", ", Statuses) + ".", HelpName = "status" };
        Choices.Restrict(status, Statuses);
        Option<string?> assignedTo = TriageOptions.NewAssignee();
        Option<string?> classification = TriageOptions.Classification(update: true);
        Option<string?> determination = TriageOptions.Determination(update: true);
        var comment = new Option<string?>("--comment") { Description = "Add a comment (after the update succeeded).", HelpName = "text" };
        var connection = new ConnectionOptions();
        var command = new Command("update",
            "Update an alert. The update is validated before anything is sent (a determination must belong to the classification);\n"
            + "the comment is added only after the update succeeded.")
        {
            id, status, assignedTo, classification, determination, comment,
        };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            string alertId = TriageCommands.RequireId(parse.GetValue(id), "alert");
            var update = new AlertUpdate
            {
                Status = parse.GetValue(status) is string s ? new AlertStatus(Choices.Find(s, Statuses)!) : null,
                AssignedTo = parse.GetValue(assignedTo),
                Classification = TriageOptions.ClassificationOf(parse, classification),
                Determination = TriageOptions.DeterminationOf(parse, determination),
            };
            string? text = parse.GetValue(comment);
            return await new TriageUpdate<SecurityAlert>
            {
                Noun = "alert",
                Id = alertId,
                Changes = update.Status is not null || update.AssignedTo is not null || update.Classification is not null || update.Determination is not null,
                ChangeOptions = "--status, --assigned-to, --classification, --determination or --comment",
                Comment = text,
                DeterminationWithoutClassification = update.Determination is not null && update.Classification is null,
                Send = (client, c) => client.Alerts.UpdateAsync(alertId, update, c),
                Describe = a => $"Updated alert {a.Id}: {TriageCommands.TriageState(a.Status, a.AssignedTo, a.Classification, a.Determination)}.",
                AddComment = (client, c) => client.Alerts.AddCommentAsync(alertId, text!, c),
            }.RunAsync(run, parse, connection, ct);
        }));
        return command;
    }

    private static async Task WriteDetailsAsync(TextWriter output, SecurityAlert a)
    {
        await output.WriteLineAsync($"Alert {a.Id}: {a.Title}");
        await output.WriteLineAsync($"  Incident:       {a.IncidentId ?? "-"}");
        await output.WriteLineAsync($"  Severity:       {a.Severity}");
        await output.WriteLineAsync($"  Status:         {a.Status}");
        await output.WriteLineAsync($"  Assigned to:    {a.AssignedTo ?? "-"}");
        await output.WriteLineAsync($"  Classification: {a.Classification}");
        await output.WriteLineAsync($"  Determination:  {a.Determination}");
        await output.WriteLineAsync($"  Category:       {a.Category ?? "-"}");
        await output.WriteLineAsync($"  Source:         {a.ServiceSource ?? "-"} / {a.DetectionSource ?? "-"}");
        await output.WriteLineAsync($"  Created (UTC):  {TriageCommands.Time(a.CreatedDateTime)}");
        if (a.AlertWebUrl is not null)
        {
            await output.WriteLineAsync($"  Portal:         {a.AlertWebUrl}");
        }

        if (a.TypedEvidence.Count > 0)
        {
            await output.WriteLineAsync($"  Evidence ({a.TypedEvidence.Count}):");
            foreach (SecurityEvidence e in a.TypedEvidence)
            {
                await output.WriteLineAsync($"    {Describe(e)}");
            }
        }

        await TriageCommands.WriteCommentsAsync(output, a.Comments);
    }

    /// <summary>One line per evidence: its kind and the property that names it.</summary>
    internal static string Describe(SecurityEvidence e) => e switch
    {
        DeviceEvidence d => "device " + (d.DeviceDnsName ?? d.MdeDeviceId),
        FileEvidence f => "file " + (f.FileDetails?.FileName ?? f.FileDetails?.Sha256),
        ProcessEvidence p => $"process {p.ProcessId} {p.ProcessCommandLine}",
        UserEvidence u => "user " + (u.UserAccount?.UserPrincipalName ?? u.UserAccount?.AccountName),
        IpEvidence ip => "ip " + ip.IpAddress,
        UrlEvidence url => "url " + url.Url,
        MailboxEvidence m => "mailbox " + m.PrimaryAddress,
        AnalyzedMessageEvidence m => "message " + m.Subject,
        CloudApplicationEvidence app => "cloud app " + app.DisplayName,
        OAuthApplicationEvidence app => "oauth app " + app.DisplayName,
        RegistryKeyEvidence k => $"registry key {k.RegistryHive}\\{k.RegistryKey}",
        RegistryValueEvidence v => $"registry value {v.RegistryHive}\\{v.RegistryKey}\\{v.RegistryValueName}",
        MailClusterEvidence c => "mail cluster " + c.ClusterByValue,
        SecurityGroupEvidence g => "security group " + g.DisplayName,
        _ => "evidence " + (e.ODataType ?? "(no @odata.type)"),
    };

    private static void WriteAlert(Utf8JsonWriter w, SecurityAlert a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("incidentId", a.IncidentId);
        w.WriteString("title", a.Title);
        w.WriteString("severity", a.Severity.ToString());
        w.WriteString("status", a.Status.ToString());
        w.WriteString("assignedTo", a.AssignedTo);
        w.WriteString("classification", a.Classification.ToString());
        w.WriteString("determination", a.Determination.ToString());
        w.WriteString("category", a.Category);
        w.WriteString("serviceSource", a.ServiceSource);
        w.WriteString("detectionSource", a.DetectionSource);
        if (a.CreatedDateTime is DateTimeOffset created)
        {
            w.WriteString("createdDateTime", created);
        }

        w.WriteStartArray("evidence");
        foreach (SecurityEvidence e in a.TypedEvidence)
        {
            w.WriteStringValue(Describe(e));
        }

        w.WriteEndArray();
        TriageCommands.WriteComments(w, a.Comments);
        w.WriteEndObject();
    }
}
