using System;
using System.Globalization;
using System.Threading;
using Spectre.Console;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// A one-line progress display for long operations ("- Running hunting query... 3s, 1,200 rows"), drawn on the error
/// console only when it is a terminal, and only after a short delay, so quick hunts show nothing. Cleared when disposed.
/// </summary>
/// <remarks>
/// Spectre.Console's own Status display refreshes on the wall clock; this one ticks on the run's
/// <see cref="TimeProvider"/> (a fake clock in tests) and draws Spectre's spinner frames through the same console.
/// </remarks>
internal sealed class ProgressLine : IDisposable
{
    /// <summary>The delay before the first frame.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly Spinner Frames = Spinner.Known.Line;
    private readonly Lock _gate = new();
    private readonly IAnsiConsole _console;
    private readonly string _label;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer _timer;
    private long _rows;
    private int _frame;
    private bool _drawn;
    private bool _stopped;

    private ProgressLine(IAnsiConsole console, string label, TimeProvider time)
    {
        _console = console;
        _label = label;
        _time = time;
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Draw(), null, Delay, Frames.Interval);
    }

    /// <summary>Starts a progress line, or returns null when standard error is not a terminal.</summary>
    public static ProgressLine? Start(CliRun run, string label) =>
        run.Context.ErrorIsTerminal ? new ProgressLine(run.ErrConsole, label, run.Context.Time) : null;

    /// <summary>The number of rows read so far (shown from the next frame on).</summary>
    public void Rows(long count) => Interlocked.Exchange(ref _rows, count);

    private void Draw()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            long rows = Interlocked.Read(ref _rows);
            string text = string.Create(CultureInfo.InvariantCulture,
                $"{Frames.Frames[_frame++ % Frames.Frames.Count]} {_label} {_time.GetElapsedTime(_started).TotalSeconds:0}s{(rows > 0 ? $", {rows:N0} rows" : string.Empty)}");
            _console.Write(new ControlCode("\r"));
            _console.Write(new Text(text));
            _drawn = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _timer.Dispose();
            if (_drawn)
            {
                _console.Write(new ControlCode("\r\u001b[2K")); // back to the start of the line and erase it
            }
        }
    }
}
