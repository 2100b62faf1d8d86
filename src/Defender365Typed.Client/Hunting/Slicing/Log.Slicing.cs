using System;
using Microsoft.Extensions.Logging;

namespace Defender365Typed.Client;

// The sliced runner's log lines (ids 40-49), beside the rest of Log.
internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Debug, "Slice [{Start:o}, {End:o}) split in halves: {Reason}")]
    public static partial void SliceSplit(ILogger logger, DateTime start, DateTime end, string reason);

    [LoggerMessage(41, LogLevel.Warning, "Slice [{Start:o}, {End:o}) failed, its rows are missing: {Reason}")]
    public static partial void SliceFailed(ILogger logger, DateTime start, DateTime end, string reason);

    [LoggerMessage(42, LogLevel.Warning, "Sliced run partial: {Failed} of its slices failed, {Rows} rows delivered")]
    public static partial void SlicedRunPartial(ILogger logger, int failed, long rows);
}
