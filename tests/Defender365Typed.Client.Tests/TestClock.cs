using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says which of its timers are armed and when they are due, so a test moves
/// time only once the code under test waits (time advanced before a timer is armed would pass it by), and can show that
/// a wait is still pending one tick before it ends.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<Timer> _timers = [];

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Arm(dueTime, period);
        timer.Inner = _fake.CreateTimer(s =>
        {
            timer.Fired();
            callback(s);
        }, state, dueTime, period);
        return timer;
    }

    /// <summary>Moves time on, firing the timers that fall due on the way.</summary>
    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>How long from now each armed timer has to go, soonest first.</summary>
    public IReadOnlyList<TimeSpan> Armed()
    {
        DateTimeOffset now = GetUtcNow();
        lock (_timers)
        {
            return [.. _timers.Select(t => t.DueAt).OfType<DateTimeOffset>().Select(due => due - now).Order()];
        }
    }

    /// <summary>Waits until a timer due exactly <paramref name="due"/> from now is armed.</summary>
    public Task WaitForTimerAsync(TimeSpan due) =>
        Eventually.TrueAsync(() => Armed().Contains(due), () => $"a timer due in {due} (armed: {string.Join(", ", Armed())})");

    private sealed class Timer(TestClock clock) : ITimer
    {
        private readonly object _gate = new();
        private DateTimeOffset? _dueAt;
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? DueAt
        {
            get
            {
                lock (_gate)
                {
                    return _dueAt;
                }
            }
        }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _period = period;
                _dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            }
        }

        public void Fired()
        {
            lock (_gate)
            {
                _dueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : _dueAt + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }

        private void Disarm()
        {
            lock (clock._timers)
            {
                clock._timers.Remove(this);
            }
        }
    }
}
