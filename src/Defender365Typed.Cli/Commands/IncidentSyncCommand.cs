using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary>
/// <c>incidents sync</c>: the incidents created or changed since a cursor file, one line per change. A batch is written
/// and flushed before its cursor is saved (atomically), so an interrupted run repeats at most the last batch, never skips.
/// </summary>
internal static class IncidentSyncCommand
{
    private static readonly string[] Formats = ["ndjson", "json", "table"];

    public static Command Create(CliRun run)
    {
        var cursor = new Option<string>("--cursor")
        {
            Description = "The cursor file: read at the start (created when missing), replaced atomically after each batch is written.",
            HelpName = "file",
            Required = true,
        };
        var firstFetch = new Option<string>("--first-fetch")
        {
            Description = "Without a cursor yet, start this far back: 12h (default), 7d, 30m, or an ISO 8601 date/time.",
            HelpName = "when",
            DefaultValueFactory = _ => "12h",
        };
        var max = new Option<int>("--max") { Description = "Most changes per fetch (default 50); the rest come with the next fetch.", HelpName = "n", DefaultValueFactory = _ => 50 };
        var follow = new Option<bool>("--follow") { Description = "Keep polling every --interval until Ctrl+C." };
        var interval = new Option<string>("--interval") { Description = "The wait between polls with --follow: 30s, 1m (default), 2h.", HelpName = "duration", DefaultValueFactory = _ => "1m" };
        var output = new Option<string?>("--output", "-o") { Description = "ndjson (default: one JSON object per line), json (an array per batch) or table.", HelpName = "format" };
        Choices.Restrict(output, Formats);
        var connection = new ConnectionOptions();
        var command = new Command("sync",
            "Every incident created or changed since the cursor, oldest change first, one line per change (created, updated, merged).\n"
            + "Changes are read again over a 5-minute overlap and de-duplicated by (id, lastUpdateDateTime); merged incidents name the\n"
            + "incident they went into. The cursor is saved only after a batch is written, so Ctrl+C or a crash repeats at most that\n"
            + "batch and never loses one. A corrupt cursor file is an error (exit 2) and nothing is sent.")
        {
            cursor, firstFetch, max, follow, interval, output,
        };
        connection.AddTo(command);
        max.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--max must be at least 1.");
            }
        });
        firstFetch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is string v && TriageCommands.ParseSince(v, DateTimeOffset.UtcNow) is null)
            {
                r.AddError($"--first-fetch: '{v}' is not a time; use 12h, 7d, 30m or an ISO 8601 date/time.");
            }
        });
        interval.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is string v && Durations.Parse(v) is null)
            {
                r.AddError($"--interval: '{v}' is not a duration; use 30s, 1m or 2h.");
            }
        });
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            var store = new FileIncidentCursorStore(parse.GetValue(cursor)!);
            IncidentSyncCursor start;
            try
            {
                start = await store.LoadAsync(ct) ?? IncidentSyncCursor.Start();
            }
            catch (IncidentCursorException ex)
            {
                throw CliException.Usage(ex.Message + " Nothing was sent; repair the file or delete it to start from --first-fetch.");
            }

            if (start.Api != DefenderApi.Graph)
            {
                throw CliException.Usage($"The cursor file '{store.Path}' belongs to a legacy API sync; nothing was sent.");
            }

            var options = new IncidentSyncOptions
            {
                FirstFetchFrom = TriageCommands.ParseSince(parse.GetValue(firstFetch)!, run.Context.Time.GetUtcNow()),
                MaxPerFetch = parse.GetValue(max),
                Follow = parse.GetValue(follow),
                PollInterval = Durations.Parse(parse.GetValue(interval)!)!.Value,
            };
            string format = Choices.Find(parse.GetValue(output) ?? "ndjson", Formats)!;
            using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
            await foreach (IncidentSyncBatch<SecurityIncident> batch in conn.Client.Incidents.SyncAsync(start, options, ct))
            {
                await WriteAsync(run.Out, batch, format);
                await run.Out.FlushAsync(CancellationToken.None);

                // Written, then acknowledged: a stop from here on repeats this batch at worst. Not cancellable, so it completes.
                await store.SaveAsync(batch.Cursor, CancellationToken.None);
                await batch.AcknowledgeAsync(CancellationToken.None);
                if (batch.IsEndOfPoll && (options.Follow || Notable(batch.Metrics)))
                {
                    await run.Err.WriteLineAsync(Describe(batch.Metrics));
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static bool Notable(IncidentSyncMetrics m) => m.ExpandFallbacks > 0 || m.LimitReached || m.BudgetExhausted;

    private static string Describe(IncidentSyncMetrics m) =>
        FormattableString.Invariant($"Poll at {m.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {m.Changes} changes from {m.Incidents} incidents on {m.Pages} pages; ")
        + FormattableString.Invariant($"{m.DuplicatesDropped} duplicates dropped, {m.Merges} merges, {m.ExpandFallbacks} expand fallbacks")
        + (m.LimitReached ? "; more to fetch (--max)" : string.Empty)
        + (m.BudgetExhausted ? "; the time budget ran out, nothing delivered" : string.Empty) + ".";

    private static async Task WriteAsync(TextWriter output, IncidentSyncBatch<SecurityIncident> batch, string format)
    {
        if (format == "table")
        {
            foreach (IncidentChange<SecurityIncident> c in batch.Changes)
            {
                SecurityIncident i = c.Incident;
                string merged = c.RedirectIncidentId is { Length: > 0 } into ? "  -> " + into : string.Empty;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{Event(c.Kind),-8} {c.Id,-8} {c.LastUpdate.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {i.Severity,-14} {i.Status,-14} {i.DisplayName}{merged}"));
            }

            return;
        }

        if (format == "json")
        {
            if (batch.Changes.Count > 0)
            {
                await output.WriteLineAsync(Json(w =>
                {
                    w.WriteStartArray();
                    foreach (IncidentChange<SecurityIncident> c in batch.Changes)
                    {
                        WriteChange(w, c);
                    }

                    w.WriteEndArray();
                }, indented: true));
            }

            return;
        }

        foreach (IncidentChange<SecurityIncident> c in batch.Changes)
        {
            await output.WriteLineAsync(Json(w => WriteChange(w, c), indented: false));
        }
    }

    private static string Event(IncidentChangeKind kind) => kind switch
    {
        IncidentChangeKind.Created => "created",
        IncidentChangeKind.Merged => "merged",
        _ => "updated",
    };

    private static void WriteChange(Utf8JsonWriter w, IncidentChange<SecurityIncident> c)
    {
        SecurityIncident i = c.Incident;
        w.WriteStartObject();
        w.WriteString("event", Event(c.Kind));
        w.WriteString("id", c.Id);
        w.WriteString("lastUpdateDateTime", c.LastUpdate);
        w.WriteString("createdDateTime", i.CreatedDateTime);
        w.WriteString("displayName", i.DisplayName);
        w.WriteString("status", i.Status.Value);
        w.WriteString("severity", i.Severity.Value);
        w.WriteString("classification", i.Classification.Value);
        w.WriteString("determination", i.Determination.Value);
        w.WriteString("assignedTo", i.AssignedTo);
        w.WriteNumber("alerts", i.Alerts?.Count ?? 0);
        if (c.RedirectIncidentId is { Length: > 0 } into)
        {
            w.WriteString("redirectIncidentId", into);
            if (c.MergedInto is { } target)
            {
                w.WriteStartObject("mergedInto");
                w.WriteString("id", target.Id);
                w.WriteString("status", target.Status.Value);
                w.WriteNumber("alerts", target.Alerts?.Count ?? 0);
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
