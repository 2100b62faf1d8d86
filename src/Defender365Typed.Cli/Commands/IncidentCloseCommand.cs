using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Defender365Typed.Client;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>incidents close &lt;id&gt; --reason "False Positive" [--mapping "..."]</c>: resolve an incident for a named close reason.</summary>
internal static class IncidentCloseCommand
{
    public static Command Create(CliRun run)
    {
        var id = new Argument<string>("id") { Description = "The incident ID." };
        var reason = new Option<string>("--reason")
        {
            Description = "The close reason, a name from the mapping (default mapping: " + string.Join(", ", CloseReasonMapping.Default.Reasons.Select(r => r.Name)) + ").",
            HelpName = "name",
            Required = true,
        };
        var mapping = new Option<string?>("--mapping")
        {
            Description = "Close reasons as 'Reason=Classification-Determination', comma separated (the Cortex XSOAR integration's syntax), e.g. "
                + "\"Resolved=TruePositive-Malware, False Positive=FalsePositive-NotMalicious\"; replaces the default mapping ("
                + CloseReasonMapping.Default + "). Each pair must be one the service accepts.",
            HelpName = "mapping",
        };
        var comment = new Option<string?>("--comment") { Description = "Add a comment (after the incident was closed).", HelpName = "text" };
        var connection = new ConnectionOptions();
        var command = new Command("close",
            "Resolve an incident for a close reason: status resolved, with the classification and determination the reason maps to.\n"
            + "The mapping and the reason are checked before anything is sent.")
        {
            id, reason, mapping, comment,
        };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            string incidentId = TriageCommands.RequireId(parse.GetValue(id), "incident");
            CloseReason closeReason = Resolve(parse.GetValue(mapping), parse.GetValue(reason)!);
            string? text = parse.GetValue(comment);
            return await new TriageUpdate<SecurityIncident>
            {
                Noun = "incident",
                Id = incidentId,
                Comment = text,
                Send = (client, c) => client.Incidents.UpdateAsync(incidentId, closeReason.ToUpdate(), c),
                Describe = closed => $"Closed incident {closed.Id} as '{closeReason.Name}': status {closed.Status}, "
                    + $"classification {closed.Classification}, determination {closed.Determination}.",
                AddComment = (client, c) => client.Incidents.AddCommentAsync(incidentId, text!, c),
            }.RunAsync(run, parse, connection, ct);
        }));
        return command;
    }

    /// <summary>The reason from <paramref name="mappingText"/> (or the defaults); a bad mapping or an unknown reason is a usage error.</summary>
    internal static CloseReason Resolve(string? mappingText, string reason)
    {
        CloseReasonMapping map;
        try
        {
            map = mappingText is null ? CloseReasonMapping.Default : CloseReasonMapping.Parse(mappingText);
        }
        catch (FormatException ex)
        {
            throw CliException.Usage("--mapping: " + ex.Message + " Nothing was sent.");
        }

        return map.TryGet(reason, out CloseReason? found)
            ? found
            : throw CliException.Usage($"--reason: unknown close reason '{reason}'; the mapping has {string.Join(", ", map.Reasons.Select(r => "'" + r.Name + "'"))}. Nothing was sent.");
    }
}
