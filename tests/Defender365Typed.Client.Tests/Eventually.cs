using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// Waits for something another thread or the emulator does. The limit only keeps a broken test from hanging: no test
/// asserts how long anything took.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    public static async Task TrueAsync(Func<bool> condition, Func<string> what)
    {
        long start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > HangGuard)
            {
                throw new TimeoutException($"Still waiting for {what()}.");
            }

            await Task.Delay(5);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(condition, () => what);

    /// <summary>The task's result; a task that fake time should have finished but did not fails the test instead of hanging it.</summary>
    public static Task<T> Finished<T>(Task<T> task) => task.WaitAsync(HangGuard);
}
