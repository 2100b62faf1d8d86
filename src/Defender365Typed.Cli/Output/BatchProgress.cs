using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Defender365Typed.Client;
using Spectre.Console;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// The progress of <c>hunt --batch</c> on standard error, per query and per slice, with an ETA from the part of the
/// batch's range done in this run: a Spectre.Console progress display (a bar per query and one for the batch) when
/// standard error is a terminal, else one plain line per event (stable text for logs and tests).
/// </summary>
internal abstract class BatchProgress : IProgress<HuntingBatchProgress>
{
    private readonly TimeProvider _time;
    private long _started;
    private double? _firstFraction;

    private protected BatchProgress(TimeProvider time) => _time = time;

    /// <summary>Runs <paramref name="work"/> with the display that fits standard error.</summary>
    public static Task<T> RunAsync<T>(CliRun run, Func<IProgress<HuntingBatchProgress>, Task<T>> work)
    {
        if (!run.Context.ErrorIsTerminal)
        {
            return work(new Lines(run));
        }

        IAnsiConsole console = run.ErrConsole;
        console.Profile.Capabilities.Interactive = true; // the live display redraws in place; CliConsole leaves prompts off
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(context => work(new Bars(context, run.Context.Time)));
    }

    public abstract void Report(HuntingBatchProgress value);

    public static string Format(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The time left: the time this run took for the part of the batch it did, scaled to the part left (null until this run
    /// has done some). A resumed batch does not count the earlier runs' part as done at this run's pace.
    /// </summary>
    private protected TimeSpan? Eta(double batchFraction)
    {
        if (_firstFraction is not double first)
        {
            _firstFraction = batchFraction;
            _started = _time.GetTimestamp();
            return null;
        }

        double done = batchFraction - first;
        return done <= 0 ? null : TimeSpan.FromTicks((long)(_time.GetElapsedTime(_started).Ticks * (1 - batchFraction) / done));
    }

    private protected static string Text(TimeSpan? eta) => eta switch
    {
        null => "ETA unknown",
        { TotalHours: >= 1 } t => string.Create(CultureInfo.InvariantCulture, $"ETA {(int)t.TotalHours}h {t.Minutes:00}m"),
        { TotalMinutes: >= 1 } t => string.Create(CultureInfo.InvariantCulture, $"ETA {t.Minutes}m {t.Seconds:00}s"),
        TimeSpan t => string.Create(CultureInfo.InvariantCulture, $"ETA {Math.Ceiling(t.TotalSeconds):0}s"),
    };

    private protected static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>One line per event on standard error.</summary>
    private sealed class Lines(CliRun run) : BatchProgress(run.Context.Time)
    {
        public override void Report(HuntingBatchProgress value)
        {
            TimeSpan? eta = Eta(value.BatchFraction);
            string query = string.Create(CultureInfo.InvariantCulture, $"[{value.Index + 1}/{value.Count}] {value.Query}");
            string line = value.Kind switch
            {
                HuntingBatchProgressKind.QueryStarted when value.Rows > 0 || value.QueryFraction > 0 =>
                    $"{query}: resuming from {Format(value.Done)} ({value.Rows:N0} rows written)",
                HuntingBatchProgressKind.QueryStarted => $"{query}: started",
                HuntingBatchProgressKind.SliceCompleted =>
                    $"{query}: slice [{Format(value.Slice!.Start)}, {Format(value.Slice.End)}) {value.Slice.Rows:N0} rows; {value.Rows:N0} rows, {Percent(value.QueryFraction)} of the query, {Percent(value.BatchFraction)} of the batch, {Text(eta)}",
                HuntingBatchProgressKind.QueryFinished => $"{query}: finished, {value.Rows:N0} rows",
                HuntingBatchProgressKind.QuerySkipped => $"{query}: finished in an earlier run ({value.Rows:N0} rows); not run again",
                HuntingBatchProgressKind.QueryStopped => $"{query}: stopped at a failed slice: {value.Message}",
                _ => $"{query}: refused: {value.Message}",
            };
            run.Err.WriteLine(line);
        }
    }

    /// <summary>Spectre.Console bars: the batch's, with the ETA, and one per query with its rows and last slice.</summary>
    private sealed class Bars(ProgressContext context, TimeProvider time) : BatchProgress(time)
    {
        private readonly Dictionary<int, ProgressTask> _queries = [];
        private ProgressTask? _batch;

        public override void Report(HuntingBatchProgress value)
        {
            TimeSpan? eta = Eta(value.BatchFraction);
            _batch ??= context.AddTask("batch", maxValue: 1);
            _batch.Value = value.BatchFraction;
            _batch.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"batch: {value.Count} queries, {Text(eta)}"));
            if (!_queries.TryGetValue(value.Index, out ProgressTask? task))
            {
                task = _queries[value.Index] = context.AddTask(Markup.Escape(value.Query), maxValue: 1);
            }

            task.Value = value.QueryFraction;
            string state = value.Kind switch
            {
                HuntingBatchProgressKind.SliceCompleted => $"{value.Rows:N0} rows, slice to {Format(value.Slice!.End)}",
                HuntingBatchProgressKind.QueryFinished => $"{value.Rows:N0} rows, finished",
                HuntingBatchProgressKind.QuerySkipped => $"{value.Rows:N0} rows, finished earlier",
                HuntingBatchProgressKind.QueryStopped => "stopped at a failed slice",
                HuntingBatchProgressKind.QueryRefused => "refused",
                _ => $"{value.Rows:N0} rows",
            };
            task.Description = Markup.Escape($"{value.Query}: {state}");
            if (value.Kind is HuntingBatchProgressKind.QueryFinished or HuntingBatchProgressKind.QuerySkipped)
            {
                task.StopTask();
            }
        }
    }
}
