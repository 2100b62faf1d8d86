using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// A progress line on stderr for long operations, drawn only when stderr is a terminal and only after a short delay
/// (quick hunts show nothing). Cleared when disposed.
/// </summary>
internal sealed class Spinner : IAsyncDisposable
{
    private static readonly string[] Frames = ["|", "/", "-", "\\"];
    private readonly TextWriter _err;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _rows;
    private bool _drawn;

    private Spinner(TextWriter err, string label, TimeSpan delay)
    {
        _err = err;
        _loop = RunAsync(label, delay);
    }

    /// <summary>Starts a spinner, or returns null when stderr is not a terminal.</summary>
    public static Spinner? Start(CliContext context, TextWriter err, string label, TimeSpan? delay = null) =>
        context.ErrorIsTerminal ? new Spinner(err, label, delay ?? TimeSpan.FromSeconds(1)) : null;

    public void Rows(long count) => Interlocked.Exchange(ref _rows, count);

    private async Task RunAsync(string label, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
            for (int i = 0; !_stop.IsCancellationRequested; i++)
            {
                long rows = Interlocked.Read(ref _rows);
                string text = $"\r{Frames[i % Frames.Length]} {label} {_clock.Elapsed.TotalSeconds:0}s" + (rows > 0 ? $", {rows:N0} rows" : string.Empty);
                lock (_err)
                {
                    _err.Write(text);
                    _err.Flush();
                    _drawn = true;
                }

                await Task.Delay(120, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_err)
        {
            if (_drawn)
            {
                _err.Write("\r\u001b[2K");
                _err.Flush();
            }
        }

        _stop.Dispose();
    }
}
