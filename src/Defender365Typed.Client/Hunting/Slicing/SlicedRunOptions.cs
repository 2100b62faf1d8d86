using System;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client;

/// <summary>What a sliced run does when a slice fails (see <see cref="SlicedRunOptions.Mode"/>).</summary>
public enum SlicedRunMode
{
    /// <summary>Stop at the first failed slice and throw <see cref="HuntingSlicedRunException"/> with the outcome so far (the default).</summary>
    Strict = 0,

    /// <summary>Go on with the other slices, log a warning, and report the gaps in <see cref="SlicedRunResult"/> (<see cref="SlicedRunResult.IsComplete"/> false).</summary>
    Lenient = 1,
}

/// <summary>Settings of a time-sliced hunting run (docs/time-sliced-runs.md).</summary>
public sealed class SlicedRunOptions
{
    /// <summary>The default <see cref="MinimumSlice"/>: one minute.</summary>
    public static readonly TimeSpan DefaultMinimumSlice = TimeSpan.FromMinutes(1);

    /// <summary>The default <see cref="InitialSlice"/>: one day.</summary>
    public static readonly TimeSpan DefaultInitialSlice = TimeSpan.FromDays(1);

    /// <summary>The start of the range (inclusive). Required.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>The end of the range (exclusive). Required.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>The length of the first slices (the last one ends at <see cref="End"/>); one day unless set.</summary>
    public TimeSpan InitialSlice { get; set; } = DefaultInitialSlice;

    /// <summary>
    /// The shortest slice: a slice that hits the row cap, the result-size cap or a timeout is halved while its halves are
    /// at least this long; otherwise it fails (a partial outcome). One minute unless set.
    /// </summary>
    public TimeSpan MinimumSlice { get; set; } = DefaultMinimumSlice;

    /// <summary>Strict (throw on a failed slice, the default) or lenient (report it).</summary>
    public SlicedRunMode Mode { get; set; } = SlicedRunMode.Strict;

    /// <summary>The API to use instead of <see cref="DefenderClientOptions.HuntingApi"/>.</summary>
    public DefenderApi? Api { get; set; }

    /// <summary>
    /// The most rows a slice may return before it counts as cut off (and is halved): the service's 100,000 unless set.
    /// A slice with exactly this many rows is halved too, since the cap cannot be told from a result that fits it exactly.
    /// </summary>
    public int RowCap { get; set; } = HuntingOptions.RowCap;

    /// <summary>
    /// The tenant's hunting schema (<see cref="HuntingClient.GetSchemaAsync"/>, or a schema file read with
    /// <see cref="HuntingSchemaJson"/>), if you have it: the query's table must have a datetime Timestamp column there.
    /// Without it, or for a table it does not list, the documented schema decides; a table neither lists is let through.
    /// </summary>
    public HuntingSchemaDocument? Schema { get; set; }

    /// <summary>Checks the options; returns the range in UTC.</summary>
    /// <exception cref="ArgumentException">A value is missing or out of range; the message names the property (parameter name "options").</exception>
    internal (DateTime Start, DateTime End) Validate()
    {
        const string Param = "options";
        DateTime start = (Start ?? throw new ArgumentException("SlicedRunOptions.Start is required: the start of the time range.", Param)).UtcDateTime;
        DateTime end = (End ?? throw new ArgumentException("SlicedRunOptions.End is required: the end of the time range.", Param)).UtcDateTime;
        if (end <= start)
        {
            throw new ArgumentException($"SlicedRunOptions.End ({Format(end)}) must be after Start ({Format(start)}).", Param);
        }

        if (MinimumSlice <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SlicedRunOptions.MinimumSlice ({MinimumSlice}) must be positive.", Param);
        }

        if (InitialSlice < MinimumSlice)
        {
            throw new ArgumentException($"SlicedRunOptions.InitialSlice ({InitialSlice}) must be at least MinimumSlice ({MinimumSlice}).", Param);
        }

        if (RowCap < 1)
        {
            throw new ArgumentException($"SlicedRunOptions.RowCap ({RowCap}) must be at least 1.", Param);
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"SlicedRunOptions.Mode ({(int)Mode}) is not Strict or Lenient.", Param);
        }

        return (start, end);
    }

    internal static string Format(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", System.Globalization.CultureInfo.InvariantCulture);
}
