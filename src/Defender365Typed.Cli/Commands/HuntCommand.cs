using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Defender365Typed.Client;
using Defender365Typed.Cli.Output;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>hunt &lt;kql | @file&gt;</c>: runs an advanced hunting query and prints the rows.</summary>
internal static class HuntCommand
{
    public static Command Create(CliRun run)
    {
        var query = new Argument<string?>("query") { Description = "The KQL, or @path to a .kql file (none with --batch).", Arity = ArgumentArity.ZeroOrOne };
        var timespan = new Option<string?>("--timespan")
        {
            Description = "Time range (Graph): 7d, 12h, 30m, or ISO 8601 (P7D, 2024-02-01T00:00:00Z/2024-02-15T00:00:00Z). The service default is 30 days.",
            HelpName = "range",
        };
        timespan.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is string v && ParseTimespan(v) is null)
            {
                r.AddError($"--timespan: '{v}' is not a time range; use 7d, 12h, 30m or ISO 8601 such as P7D.");
            }
        });
        var limit = new Option<int?>("--limit") { Description = "Print at most this many rows.", HelpName = "n" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--limit must be at least 1.");
            }
        });
        var output = new Option<string?>("--output", "-o") { Description = "table (default), json, ndjson or csv; with --batch, ndjson (default) or csv.", HelpName = "format" };
        Choices.Restrict(output, RowOutput.Formats);
        var connection = new ConnectionOptions();
        var split = new HuntSplit();
        var batch = new HuntBatch();
        var command = new Command("hunt", "Run an advanced hunting query (Microsoft Graph runHuntingQuery) and print the rows, or a folder of queries to files (--batch).") { query, timespan, limit, output };
        split.AddTo(command);
        batch.AddTo(command);
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            if (batch.Folder(parse) is string folder)
            {
                if (parse.GetValue(query) is not null || parse.GetValue(timespan) is not null || parse.GetValue(limit) is not null)
                {
                    throw CliException.Usage("--batch runs the .kql files of its folder over the range of --since or --from/--to: a query argument, --timespan and --limit do not apply.");
                }

                string? batchFormat = parse.GetValue(output) is string o ? Choices.Find(o, RowOutput.Formats) : null;
                return await RunBatchAsync(run, parse, batch, split, connection, folder, batchFormat, ct);
            }

            string kql = ReadQuery(run.Context, parse.GetValue(query) ?? throw CliException.Usage("hunt needs a query: the KQL, @path to a .kql file, or --batch <folder>."));
            SlicedRunOptions? sliced = split.Read(parse, run.Context.Time, timespanGiven: parse.GetValue(timespan) is not null);
            if (sliced is not null)
            {
                HuntingClient.CheckSliceable(kql); // refused before signing in
            }

            var options = new HuntingOptions { OnRowCap = HuntingRowCapBehavior.Report };
            if (parse.GetValue(timespan) is string ts)
            {
                options.Timespan = ParseTimespan(ts);
            }

            string format = Choices.Find(parse.GetValue(output) ?? "table", RowOutput.Formats) ?? "table";
            using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
            return sliced is null
                ? await RunAsync(run, conn.Client, kql, options, parse.GetValue(limit), format, ct)
                : await HuntSplit.RunAsync(run, conn.Client, kql, sliced, parse.GetValue(limit), format, ct);
        }));
        return command;
    }

    /// <summary><c>hunt --batch</c>: options and queries checked (every unsliceable query named) before signing in.</summary>
    private static async Task<int> RunBatchAsync(CliRun run, ParseResult parse, HuntBatch batch, HuntSplit split, ConnectionOptions connection, string folder, string? format, CancellationToken ct)
    {
        SlicedRunOptions slicing = split.Read(parse, run.Context.Time, timespanGiven: false, batch: true)!;
        (List<HuntingBatchQuery> queries, HuntingBatchOptions options) = batch.Read(run, parse, folder, slicing, split.EndsNow(parse), format);
        using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
        return await HuntBatch.RunAsync(run, conn.Client, queries, options, ct);
    }

    internal static async Task<int> RunAsync(CliRun run, DefenderClient client, string kql, HuntingOptions options, int? limit, string format, CancellationToken ct)
    {
        using RowOutput output = RowOutput.Create(run, format);
        ProgressLine? progress = ProgressLine.Start(run, "Running hunting query...");
        long count = 0;
        bool truncated = false;
        bool reachedCap;
        try
        {
            await using HuntingResponse<HuntingRow> result = await client.Hunting.ExecuteAsync(kql, UntypedHuntingResultReader.Instance, options, ct);
            await foreach (HuntingRow row in result.ReadRowsAsync(ct))
            {
                if (limit is int max && count >= max)
                {
                    truncated = true;
                    break;
                }

                if (output.Streams && progress is not null)
                {
                    progress.Dispose(); // rows are printed from now on: the progress line makes way
                    progress = null;
                }

                output.Write(row);
                count++;
                progress?.Rows(count);
            }

            reachedCap = result.ReachedRowCap;
        }
        finally
        {
            progress?.Dispose();
        }

        output.Complete(count);
        if (truncated)
        {
            await run.Err.WriteLineAsync($"Showing the first {limit} rows (--limit).");
        }

        if (reachedCap)
        {
            await run.Err.WriteLineAsync($"warning: the result has {HuntingOptions.RowCap:N0} rows, the service's maximum: it is probably cut off. Narrow the query or the --timespan.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The query text: the argument, or the content of the file after '@'.</summary>
    internal static string ReadQuery(CliContext context, string argument)
    {
        string kql = argument;
        if (argument.StartsWith('@'))
        {
            string path = context.ResolvePath(argument[1..]);
            if (!File.Exists(path))
            {
                throw CliException.Usage($"The query file {argument[1..]} does not exist.");
            }

            try
            {
                kql = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                throw CliException.Usage($"The query file {argument[1..]} cannot be read: {ex.Message}");
            }
        }

        return string.IsNullOrWhiteSpace(kql) ? throw CliException.Usage("The query is empty.") : kql;
    }

    /// <summary>7d / 12h / 30m / 45s (<see cref="Durations"/>) → ISO 8601 duration; ISO 8601 durations and intervals pass through; else null.</summary>
    internal static string? ParseTimespan(string value)
    {
        value = value.Trim();
        if (Durations.Parse(value) is TimeSpan span)
        {
            return HuntingOptions.Last(span);
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            string[] parts = value.Split('/');
            return parts.Length == 2 && parts.All(p => IsDuration(p) || DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                ? value
                : null;
        }

        return IsDuration(value) ? value : null;
    }

    private static bool IsDuration(string value)
    {
        if (!value.StartsWith('P'))
        {
            return false;
        }

        try
        {
            return XmlConvert.ToTimeSpan(value) > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
