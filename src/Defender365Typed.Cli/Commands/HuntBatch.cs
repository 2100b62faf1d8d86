using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Output;

namespace Defender365Typed.Cli.Commands;

/// <summary>
/// <c>hunt --batch &lt;folder&gt; --out &lt;dir&gt;</c>: every <c>.kql</c> file of the folder (ordinal name order) as a
/// time-sliced run over one range, each query's rows to <c>&lt;out&gt;/&lt;name&gt;.ndjson</c> or <c>.csv</c>, resumable
/// after a kill (<see cref="HuntingClient.RunBatchAsync"/>, docs/hunting-batches.md).
/// </summary>
internal sealed class HuntBatch
{
    /// <summary>The row formats of a batch's files.</summary>
    public static readonly string[] Formats = ["ndjson", "csv"];

    private readonly Option<string?> _batch = new("--batch") { Description = "Run every .kql file of this folder as a time-sliced run over the range (--since or --from/--to), each to its own file of --out; resumable.", HelpName = "folder" };
    private readonly Option<string?> _out = new("--out") { Description = "With --batch: the folder of the output files (<name>.ndjson or .csv) and of the batch's state file.", HelpName = "dir" };
    private readonly Option<bool> _restart = new("--restart") { Description = "With --batch: ignore the state of an earlier run and start over (the output files are rewritten)." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _batch, _out, _restart })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The batch folder as given, or null when <c>--batch</c> is absent (then its options may not be given).</summary>
    /// <exception cref="CliException">A batch option without <c>--batch</c> (exit 2).</exception>
    public string? Folder(ParseResult parse)
    {
        string? folder = parse.GetValue(_batch);
        if (folder is null && new Option[] { _out, _restart }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is Option stray)
        {
            throw CliException.Usage($"{stray.Name} applies to a batch: add --batch <folder>.");
        }

        return folder;
    }

    /// <summary>The batch's queries and options, all checked before signing in: every unsliceable query is named at once.</summary>
    /// <exception cref="CliException">A bad folder, query or option (exit 2).</exception>
    public (List<HuntingBatchQuery> Queries, HuntingBatchOptions Options) Read(CliRun run, ParseResult parse, string folder, SlicedRunOptions slicing, bool rangeEndsNow, string? format)
    {
        string path = run.Context.ResolvePath(folder);
        if (!Directory.Exists(path))
        {
            throw CliException.Usage($"The batch folder {folder} does not exist.");
        }

        string[] files = [.. Directory.GetFiles(path, "*.kql").Order(StringComparer.Ordinal)];
        if (files.Length == 0)
        {
            throw CliException.Usage($"The batch folder {folder} has no .kql files.");
        }

        if (parse.GetValue(_out) is not string outDir)
        {
            throw CliException.Usage("--batch needs --out <dir>: the folder of the output files.");
        }

        HuntingRowFormat rowFormat = (format ?? "ndjson") switch
        {
            "ndjson" => HuntingRowFormat.Ndjson,
            "csv" => HuntingRowFormat.Csv,
            _ => throw CliException.Usage($"--batch writes ndjson or csv files: -o {format} does not apply."),
        };

        var queries = new List<HuntingBatchQuery>();
        var refused = new StringBuilder();
        int refusedCount = 0;
        foreach (string file in files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            string kql = File.ReadAllText(file);
            if (string.IsNullOrWhiteSpace(kql))
            {
                throw CliException.Usage($"The batch query {Path.GetFileName(file)} is empty.");
            }

            queries.Add(new HuntingBatchQuery(name, kql)); // a name that is no plain file name is an ArgumentException: exit 2
            try
            {
                HuntingClient.CheckSliceable(kql);
            }
            catch (HuntingSliceabilityException ex)
            {
                refusedCount++;
                refused.Append(CultureInfo.InvariantCulture, $"\n  {Path.GetFileName(file)}: {CliRun.StripParameter(ex)}");
            }
        }

        if (refusedCount > 0)
        {
            throw CliException.Usage($"{refusedCount} of the {files.Length} queries of the batch cannot be run in time slices; nothing was run:{refused}");
        }

        var options = new HuntingBatchOptions { Slicing = slicing, OutputDirectory = run.Context.ResolvePath(outDir), Format = rowFormat, Restart = parse.GetValue(_restart) };
        if (rangeEndsNow && !options.Restart && File.Exists(Path.Combine(options.OutputDirectory, HuntingBatchOptions.DefaultStateFileName)))
        {
            // A resumed batch keeps the range it began with: a range ending now would have moved.
            (slicing.Start, slicing.End) = ((DateTimeOffset?)null, (DateTimeOffset?)null);
        }

        return (queries, options);
    }

    /// <summary>Runs the batch with a progress display; prints each query's outcome; exits 4 when a strict batch stopped.</summary>
    public static async Task<int> RunAsync(CliRun run, DefenderClient client, List<HuntingBatchQuery> queries, HuntingBatchOptions options, CancellationToken ct)
    {
        HuntingBatchResult result;
        try
        {
            result = await BatchProgress.RunAsync(run, progress =>
            {
                options.Progress = progress;
                return client.Hunting.RunBatchAsync(queries, options, ct);
            });
        }
        catch (HuntingBatchStateException ex)
        {
            throw CliException.Usage(ex.Message + " --restart starts over.");
        }

        foreach (HuntingBatchQueryResult query in result.Queries.Where(q => q.Status != HuntingBatchQueryStatus.Complete))
        {
            await run.Err.WriteLineAsync($"warning: {query.Name}: {Describe(query.Status)}; the rows of these ranges are missing:");
            foreach ((DateTime start, DateTime end) in query.Gaps)
            {
                await run.Err.WriteLineAsync($"  [{BatchProgress.Format(start)}, {BatchProgress.Format(end)})");
            }
        }

        long rows = result.Queries.Sum(q => q.Rows);
        string range = $"from {BatchProgress.Format(result.Start)} to {BatchProgress.Format(result.End)}";
        if (result.IsComplete)
        {
            await run.Err.WriteLineAsync($"Batch complete: {result.Queries.Count} queries, {rows:N0} rows {range} in {options.OutputDirectory}.");
            return ExitCodes.Ok;
        }

        if (result.IsStopped)
        {
            await run.Err.WriteLineAsync($"error: the batch stopped at a failed slice ({rows:N0} rows {range} so far). Run the same command again to resume from it, or use --lenient to go on past failed slices.");
            return ExitCodes.Api;
        }

        await run.Err.WriteLineAsync($"Batch finished with gaps: {result.Queries.Count} queries, {rows:N0} rows {range} in {options.OutputDirectory}.");
        return ExitCodes.Ok;
    }

    private static string Describe(HuntingBatchQueryStatus status) => status switch
    {
        HuntingBatchQueryStatus.Partial => "partial",
        HuntingBatchQueryStatus.NotRun => "not run (the batch stopped before it)",
        _ => status.ToString(),
    };
}
