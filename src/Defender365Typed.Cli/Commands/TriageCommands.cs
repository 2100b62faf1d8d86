using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary>
/// What the <c>incidents</c> and <c>alerts</c> command groups share besides their vocabulary (<see cref="TriageOptions"/>):
/// the output format, <c>get</c>, <c>--since</c> and <c>--limit</c> of a list, the ID argument, and comments as text and JSON.
/// </summary>
internal static class TriageCommands
{
    /// <summary><c>--output</c>/<c>-o</c>: table (the default) or json.</summary>
    internal static Option<string?> OutputOption()
    {
        var output = new Option<string?>("--output", "-o") { Description = "table (default) or json.", HelpName = "format" };
        Choices.Restrict(output, ["table", "json"]);
        return output;
    }

    internal static bool Json(ParseResult parse, Option<string?> output) => string.Equals(parse.GetValue(output), "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Indented JSON, with non-ASCII text as written (it is printed, not embedded in HTML).</summary>
    internal static string ToJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary><c>get &lt;id&gt;</c> of an <paramref name="noun"/> ("alert", "incident"): the item as JSON (<c>-o json</c>) or as its details.</summary>
    internal static Command Get<T>(CliRun run, string noun, string description, Func<DefenderClient, string, CancellationToken, Task<T>> fetch,
        Action<Utf8JsonWriter, T> writeJson, Func<TextWriter, T, Task> writeDetails)
    {
        var id = new Argument<string>("id") { Description = $"The {noun} ID." };
        Option<string?> output = OutputOption();
        var connection = new ConnectionOptions();
        var command = new Command("get", description) { id, output };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            string itemId = RequireId(parse.GetValue(id), noun);
            using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
            T item = await fetch(conn.Client, itemId, ct);
            if (Json(parse, output))
            {
                await run.Out.WriteLineAsync(ToJson(w => writeJson(w, item)));
            }
            else
            {
                await writeDetails(run.Out, item);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The JSON output of a list: one array of <paramref name="items"/>.</summary>
    internal static string ToJsonArray<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> write) => ToJson(w =>
    {
        w.WriteStartArray();
        foreach (T item in items)
        {
            write(w, item);
        }

        w.WriteEndArray();
    });

    /// <summary><c>--since</c> of a list of <paramref name="items"/>, refusing what <see cref="ParseSince"/> cannot read.</summary>
    internal static Option<string?> Since(string items)
    {
        var since = new Option<string?>("--since") { Description = $"Only {items} created since: 7d, 12h, 30m, or a date/time (ISO 8601, UTC unless an offset is given).", HelpName = "when" };
        since.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is string v && ParseSince(v, DateTimeOffset.UtcNow) is null)
            {
                r.AddError($"--since: '{v}' is not a time; use 7d, 12h, 30m or an ISO 8601 date/time.");
            }
        });
        return since;
    }

    /// <summary><c>--limit</c> of a list of <paramref name="items"/>: at least 1.</summary>
    internal static Option<int?> Limit(string items)
    {
        var limit = new Option<int?>("--limit") { Description = $"At most this many {items} (default: all pages).", HelpName = "n" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--limit must be at least 1.");
            }
        });
        return limit;
    }

    /// <summary>A duration (<see cref="Durations"/>: 7d, 12h, 30m) before <paramref name="now"/>, or an ISO 8601 date/time; null when neither.</summary>
    internal static DateTimeOffset? ParseSince(string value, DateTimeOffset now)
    {
        if (Durations.Parse(value) is TimeSpan back)
        {
            return now - back;
        }

        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;
    }

    /// <summary>The trimmed ID of an <paramref name="noun"/> ("alert", "incident"); an empty one is a usage error.</summary>
    internal static string RequireId(string? id, string noun) =>
        string.IsNullOrWhiteSpace(id) ? throw CliException.Usage($"The {noun} ID is empty.") : id.Trim();

    /// <summary>"status …, assigned to …, classification …, determination …", as every update line words it.</summary>
    internal static string TriageState(object status, string? assignedTo, object classification, object determination) =>
        $"status {status}, assigned to {assignedTo ?? "-"}, classification {classification}, determination {determination}";

    /// <summary>A time in the tables and details (UTC, to the minute), "-" when there is none.</summary>
    internal static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The "Comments (n):" section of a details view; nothing when there are none.</summary>
    internal static async Task WriteCommentsAsync(TextWriter output, IReadOnlyList<IncidentComment> comments)
    {
        if (comments.Count > 0)
        {
            await output.WriteLineAsync($"  Comments ({comments.Count}):");
            foreach (IncidentComment c in comments)
            {
                await output.WriteLineAsync($"    {Time(c.CreatedOn)}  {c.Author}: {c.Comment}");
            }
        }
    }

    /// <summary>The <c>comments</c> array of the JSON output.</summary>
    internal static void WriteComments(Utf8JsonWriter w, IReadOnlyList<IncidentComment> comments)
    {
        w.WriteStartArray("comments");
        foreach (IncidentComment c in comments)
        {
            w.WriteStartObject();
            w.WriteString("comment", c.Comment);
            w.WriteString("author", c.Author);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
