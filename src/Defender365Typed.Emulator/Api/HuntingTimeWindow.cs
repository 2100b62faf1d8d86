using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Xml;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// The time window of one hunting request, as the service applies it: every table's rows restricted to
/// <see cref="From"/> ≤ Timestamp ≤ <see cref="To"/> before the query runs. Graph's <c>Timespan</c> sets it (ISO 8601: a
/// duration back from now, a start time up to now, or a start/end, duration/end or start/duration interval); without
/// one, and on the legacy API, it is the last 30 days, as documented (<see cref="HuntingEmulator.DefaultLookback"/>). "Now" is the engine's <see cref="EngineOptions.Now"/>.
/// </summary>
/// <remarks>
/// The service does not document whether an interval's ends are included; the emulator includes both, the case a client
/// that wants half-open slices must guard against. Rows whose Timestamp is null are outside every window; tables without
/// a datetime Timestamp column are not restricted.
/// </remarks>
internal sealed class HuntingTimeWindow
{
    private HuntingTimeWindow(DateTime from, DateTime to)
    {
        From = from;
        To = to;
    }

    /// <summary>The first instant in the window (UTC).</summary>
    public DateTime From { get; }

    /// <summary>The last instant in the window (UTC, included).</summary>
    public DateTime To { get; }

    /// <summary>
    /// Reads a Graph Timespan; without one, the window is <paramref name="defaultLookback"/> back from <paramref name="now"/>
    /// (<see cref="HuntingEmulator.DefaultLookback"/>), or every row when that is null.
    /// </summary>
    /// <returns>False with <paramref name="error"/> saying what is wrong (the request's 400); else true, and the window or null for every row.</returns>
    public static bool TryParse(string? timespan, DateTime now, TimeSpan? defaultLookback, out HuntingTimeWindow? window, out string? error)
    {
        error = null;
        window = null;
        if (timespan is null)
        {
            window = defaultLookback is TimeSpan back ? new HuntingTimeWindow(now - back, now) : null;
            return true;
        }

        string[] parts = timespan.Split('/');
        (DateTime? from, DateTime? to) = parts.Length switch
        {
            1 when Duration(parts[0]) is TimeSpan d => (now - d, now),
            1 when Instant(parts[0]) is DateTime start => (start, now),
            2 when Instant(parts[0]) is DateTime start && Instant(parts[1]) is DateTime end => (start, end),
            2 when Duration(parts[0]) is TimeSpan d && Instant(parts[1]) is DateTime end => (end - d, end),
            2 when Instant(parts[0]) is DateTime start && Duration(parts[1]) is TimeSpan d => (start, start + d),
            _ => ((DateTime?)null, (DateTime?)null),
        };

        if (from is not DateTime f || to is not DateTime t)
        {
            error = $"Invalid Timespan '{timespan}': use an ISO 8601 duration (P7D), a start time (2024-02-01T08:00:00Z), or a start/end, duration/end or start/duration interval.";
            return false;
        }

        if (t < f)
        {
            error = $"Invalid Timespan '{timespan}': it ends before it starts.";
            return false;
        }

        window = new HuntingTimeWindow(f, t);
        return true;
    }

    /// <summary>The tables of <paramref name="tables"/> seen through this window.</summary>
    public ITableSource Apply(ITableSource tables) => new WindowedTables(tables, this);

    private static TimeSpan? Duration(string text)
    {
        if (!text.StartsWith('P'))
        {
            return null;
        }

        try
        {
            TimeSpan d = XmlConvert.ToTimeSpan(text);
            return d > TimeSpan.Zero ? d : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static DateTime? Instant(string text) =>
        text.Length > 0 && char.IsAsciiDigit(text[0])
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime value)
            ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
            : null;

    /// <summary>Each table filtered once per request, when a query first names it.</summary>
    private sealed class WindowedTables(ITableSource inner, HuntingTimeWindow window) : ITableSource
    {
        private readonly ConcurrentDictionary<string, KqlResultTable> _filtered = new(StringComparer.Ordinal);

        public IEnumerable<string> TableNames => inner.TableNames;

        public bool TryGetTable(string name, out KqlResultTable table)
        {
            if (!inner.TryGetTable(name, out KqlResultTable all))
            {
                table = null!;
                return false;
            }

            table = _filtered.GetOrAdd(name, _ => Filter(all));
            return true;
        }

        /// <summary>The table's rows in the window: a binary search and a view on a table ordered by Timestamp, a scan otherwise.</summary>
        private KqlResultTable Filter(KqlResultTable all)
        {
            int column = all.IndexOf("Timestamp");
            return column < 0 || all.Columns[column].Type != KqlScalarType.DateTime ? all : all.WhereTimestampBetween(window.From, window.To);
        }
    }
}
