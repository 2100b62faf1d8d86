using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;
using Defender365Typed.Cli.Emulation;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>demo</c>: the whole flow against an in-process emulator, in a few seconds, without a tenant.</summary>
internal static class DemoCommand
{
    public static Command Create(CliRun run)
    {
        var command = new Command("demo",
            "Start a Defender emulator in-process on loopback and run the whole flow: device code sign-in (approved automatically),\n"
            + "list the active incidents, run a typed hunting query built with the query builder, update an incident. No tenant needed.");
        command.SetAction(run.Guard(async (_, ct) =>
        {
            long started = run.Context.Time.GetTimestamp();
            var o = run.Out;
            await o.WriteLineAsync("== 1. Start the Defender emulator (Entra ID + Microsoft Graph security, in this process)");
            EmulatorSession session = await run.EmulatorAsync(ct, announce: false);
            await o.WriteLineAsync($"Listening on {session.Emulator.BaseUri} (loopback only); hunting answers: {session.Data.Description}.");

            await o.WriteLineAsync();
            await o.WriteLineAsync("== 2. Sign in with a device code");
            DefenderAuthenticator auth = await session.SignedInAsync(o, ct);
            DefenderSignIn me = await auth.TestAsync(DefenderApi.Graph, ct);
            await o.WriteLineAsync($"Signed in as {me.UserName} (tenant {me.TenantId}).");

            using DefenderClient client = DefenderClient.Create(session.ClientOptions(), auth);
            await o.WriteLineAsync();
            await o.WriteLineAsync("== 3. Active incidents");
            Output.ResultTable.WriteIncidents(run.OutConsole, await client.Incidents.ListAsync(new IncidentQuery { Statuses = [IncidentStatus.Active] }, ct).ToListAsync(ct));

            await o.WriteLineAsync();
            await o.WriteLineAsync("== 4. A typed hunting query, built in C#:");
            await o.WriteLineAsync(Indent(DemoQueries.SuspiciousPowerShellSource));
            var query = DemoQueries.SuspiciousPowerShellQuery();
            await o.WriteLineAsync("renders as KQL:");
            await o.WriteLineAsync(Indent(query.ToKql()));
            await o.WriteLineAsync("and returns:");
            await HuntCommand.RunAsync(run, client, query.ToKql(), new HuntingOptions { Timespan = HuntingOptions.Last(TimeSpan.FromDays(7)) }, null, "table", ct);

            await o.WriteLineAsync();
            // The incident the encoded PowerShell belongs to: the multi-stage one, else the newest active incident.
            SecurityIncident? target = await client.Incidents.ListAsync(new IncidentQuery { Statuses = [IncidentStatus.Active] }, ct)
                .OrderByDescending(i => i.DisplayName?.Contains("Multi-stage", StringComparison.Ordinal) == true)
                .FirstOrDefaultAsync(ct);
            if (target is null)
            {
                throw new CliException(ExitCodes.Api, "The emulator has no active incident to triage.");
            }

            string Target = target.Id;
            await o.WriteLineAsync($"== 5. Triage incident {Target}: in progress, assigned to me, true positive (malware), tagged, commented");
            SecurityIncident updated = await client.Incidents.UpdateAsync(Target, new IncidentUpdate
            {
                Status = IncidentStatus.InProgress,
                AssignedTo = me.UserName,
                Classification = IncidentClassification.TruePositive,
                Determination = IncidentDetermination.Malware,
                Tags = ["demo", "encoded-powershell"],
            }, ct);
            var comments = await client.Incidents.AddCommentAsync(Target, "Encoded PowerShell confirmed by the typed hunting query; isolating the device.", ct);
            await o.WriteLineAsync($"Incident {updated.Id}: status {updated.Status}, assigned to {updated.AssignedTo}, {updated.Classification}/{updated.Determination}, "
                + $"tags {string.Join(", ", updated.CustomTags)}, {comments.Count} comment{(comments.Count == 1 ? string.Empty : "s")}.");

            await o.WriteLineAsync();
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Done in {run.Context.Time.GetElapsedTime(started).TotalSeconds:0.0} s. Next: `defender365 --help`, or `defender365 auth login --tenant <id> --client-id <app-id>` for a real tenant."));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "    " + l));
}
