using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Defender365Typed.Cli.Output;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary>
/// <c>hunt --split auto</c>: runs the query over a time range in slices (<see cref="HuntingClient.RunSliced(string, SlicedRunOptions)"/>,
/// docs/time-sliced-runs.md), with the range from <c>--since</c> or <c>--from</c>/<c>--to</c>. A partial outcome is
/// printed on stderr; strict (the default) exits 4, <c>--lenient</c> exits 0 after the warning.
/// </summary>
internal sealed class HuntSplit
{
    private static readonly string[] Modes = ["auto"];

    private readonly Option<string?> _split = new("--split") { Description = "auto: run the query in time slices, halving a slice that hits the row or size cap or times out.", HelpName = "mode" };
    private readonly Option<string?> _since = new("--since") { Description = "With --split or --batch: the range reaches back this far from now (7d, 12h, 30m).", HelpName = "duration" };
    private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "With --split or --batch: the start of the range (ISO 8601, UTC unless an offset is given).", HelpName = "time" };
    private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "With --split or --batch, and --from: the end of the range (excluded); now by default.", HelpName = "time" };
    private readonly Option<string?> _slice = new("--slice") { Description = "With --split or --batch: the length of the first slices (1d by default).", HelpName = "duration" };
    private readonly Option<string?> _minSlice = new("--min-slice") { Description = "With --split or --batch: the shortest slice (1m by default); a capped slice shorter than twice this fails.", HelpName = "duration" };
    private readonly Option<bool> _lenient = new("--lenient") { Description = "With --split or --batch: report failed slices and exit 0 instead of stopping with exit code 4." };

    public HuntSplit()
    {
        Choices.Restrict(_split, Modes);
        foreach (Option<string?> duration in new[] { _since, _slice, _minSlice })
        {
            duration.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<string?>() is string v && ParseDuration(v) is null)
                {
                    r.AddError($"{duration.Name}: '{v}' is not a duration; use a whole number with d, h, m or s (7d, 12h, 30m, 45s).");
                }
            });
        }
    }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _split, _since, _from, _to, _slice, _minSlice, _lenient })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The sliced-run settings, or null when <c>--split</c> is absent (then none of its options may be given); a batch
    /// (<paramref name="batch"/>, <c>hunt --batch</c>) is always sliced.
    /// </summary>
    /// <exception cref="CliException">The options contradict each other or leave the range open (exit 2).</exception>
    public SlicedRunOptions? Read(ParseResult parse, TimeProvider time, bool timespanGiven, bool batch = false)
    {
        string[] given = new Option[] { _since, _from, _to, _slice, _minSlice, _lenient }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
        if (parse.GetValue(_split) is null && !batch)
        {
            return given.Length == 0 ? null : throw CliException.Usage($"{given[0]} applies to a sliced run: add --split auto.");
        }

        string mode = batch ? "--batch" : "--split auto";
        if (timespanGiven)
        {
            throw CliException.Usage($"--timespan and {mode} do not go together: give the sliced run's range with --since or --from/--to.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var options = new SlicedRunOptions { Mode = parse.GetValue(_lenient) ? SlicedRunMode.Lenient : SlicedRunMode.Strict };
        TimeSpan? since = parse.GetValue(_since) is string s ? ParseDuration(s) : null;
        DateTimeOffset? from = parse.GetValue(_from);
        DateTimeOffset? to = parse.GetValue(_to);
        (options.Start, options.End) = (since, from, to) switch
        {
            (TimeSpan, not null, _) => throw CliException.Usage("--since and --from do not go together: give one start of the range."),
            (TimeSpan, _, not null) => throw CliException.Usage("--to goes with --from; --since always ends now."),
            (TimeSpan back, null, null) => (now - back, now),
            (null, DateTimeOffset f, _) => (f, to ?? now),
            (null, null, not null) => throw CliException.Usage("--to needs --from: the start of the range."),
            _ => throw CliException.Usage($"{mode} needs a range: --since 7d, or --from (and --to)."),
        };

        if (options.End <= options.Start)
        {
            throw CliException.Usage($"The range is empty: --to ({Format(options.End!.Value)}) must be after --from ({Format(options.Start!.Value)}).");
        }

        if (parse.GetValue(_slice) is string slice)
        {
            options.InitialSlice = ParseDuration(slice)!.Value;
        }

        if (parse.GetValue(_minSlice) is string minSlice)
        {
            options.MinimumSlice = ParseDuration(minSlice)!.Value;
        }

        if (options.InitialSlice < options.MinimumSlice)
        {
            throw CliException.Usage($"--slice ({Text(options.InitialSlice)}) must be at least --min-slice ({Text(options.MinimumSlice)}).");
        }

        return options;
    }

    /// <summary>Whether the range ends now (<c>--since</c>, or <c>--from</c> without <c>--to</c>): it moves from one run to the next.</summary>
    public bool EndsNow(ParseResult parse) => parse.GetValue(_to) is null;

    /// <summary>Streams the sliced run's rows to the output; prints the outcome on stderr; exits 4 on a strict run's failure.</summary>
    public static async Task<int> RunAsync(CliRun run, DefenderClient client, string kql, SlicedRunOptions options, int? limit, string format, CancellationToken ct)
    {
        SlicedHuntingRun<HuntingRow> sliced = client.Hunting.RunSliced(kql, options);
        using RowOutput output = RowOutput.Create(run, format);
        long count = 0;
        bool truncated = false;
        SlicedRunResult? result;
        HuntingSlicedRunException? stopped = null;
        try
        {
            await foreach (HuntingRow row in sliced.WithCancellation(ct))
            {
                if (limit is int max && count >= max)
                {
                    truncated = true;
                    break;
                }

                output.Write(row);
                count++;
            }

            result = truncated ? null : sliced.Result;
        }
        catch (HuntingSlicedRunException ex) when (ex.Result is not null)
        {
            stopped = ex;
            result = ex.Result;
        }

        output.Complete(count);
        if (result is null)
        {
            await run.Err.WriteLineAsync($"Showing the first {limit} rows (--limit); the rest of the range was not run.");
            return ExitCodes.Ok;
        }

        int split = result.Slices.Count(s => s.Status == HuntingSliceStatus.Split);
        int completed = result.Slices.Count(s => s.Status == HuntingSliceStatus.Completed);
        if (result.IsComplete)
        {
            await run.Err.WriteLineAsync($"Sliced run complete: {result.Rows:N0} rows from {Format(result.Start)} to {Format(result.End)} in {completed} slices ({split} halved).");
            return ExitCodes.Ok;
        }

        await run.Err.WriteLineAsync($"warning: partial result: {result.Rows:N0} rows; the rows of these ranges are missing:");
        foreach (HuntingSlice failed in result.Failures)
        {
            await run.Err.WriteLineAsync($"  [{Format(failed.Start)}, {Format(failed.End)}): {failed.Failure}");
        }

        if (stopped is not null)
        {
            await run.Err.WriteLineAsync($"error: the sliced run stopped at the failed slice; the range from {Format(result.Failures.Last().Start)} to {Format(result.End)} was not run. Use --lenient to run the other slices, or a smaller --min-slice.");
            return ExitCodes.Api;
        }

        return ExitCodes.Ok;
    }

    /// <summary>7d / 12h / 30m / 45s (<see cref="Durations"/>, at most 100,000 days, so a range's start stays a date) → a positive duration; anything else → null.</summary>
    internal static TimeSpan? ParseDuration(string value) => Durations.Parse(value) is TimeSpan d && d <= TimeSpan.FromDays(100_000) ? d : null;

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
