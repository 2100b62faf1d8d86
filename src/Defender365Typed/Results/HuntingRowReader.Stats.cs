using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.Results;

// The legacy response's Stats: read once the whole object is in the buffer, for its CPU and running time. Stats is
// informational, so a value of another shape is passed over rather than failing the rows.
public ref partial struct HuntingRowReader
{
    /// <summary>
    /// Reads the value of the <c>Stats</c> property (the reader is on its name) into the state; false, having read
    /// nothing, when the value is not complete in the buffer yet.
    /// </summary>
    private bool TryReadStats()
    {
        Utf8JsonReader probe = _json;
        if (!probe.Read() || !probe.TrySkip())
        {
            return false;
        }

        _json.Read();
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            _json.TrySkip();
            _state.Statistics = new HuntingStatistics();
            return true;
        }

        TimeSpan? cpu = null;
        TimeSpan? executionTime = null;
        int depth = _json.CurrentDepth;
        while (_json.Read() && _json.CurrentDepth > depth)
        {
            // On a property name of Stats itself.
            if (NameIs("ExecutionTime"u8))
            {
                _json.Read();
                executionTime = _json.TokenType == JsonTokenType.Number && _json.TryGetDouble(out double seconds) ? Seconds(seconds) : null;
                _json.TrySkip();
            }
            else if (NameIs("resource_usage"u8))
            {
                cpu = ReadTotalCpu();
            }
            else
            {
                _json.Read();
                _json.TrySkip();
            }
        }

        _state.Statistics = new HuntingStatistics { TotalCpu = cpu, ExecutionTime = executionTime };
        return true;
    }

    /// <summary>Reads the <c>resource_usage</c> value (the reader is on its name) and returns <c>cpu["total cpu"]</c>.</summary>
    private TimeSpan? ReadTotalCpu()
    {
        TimeSpan? cpu = null;
        _json.Read();
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            _json.TrySkip();
            return null;
        }

        int depth = _json.CurrentDepth;
        while (_json.Read() && _json.CurrentDepth > depth)
        {
            bool isCpu = NameIs("cpu"u8);
            _json.Read();
            if (!isCpu || _json.TokenType != JsonTokenType.StartObject)
            {
                _json.TrySkip();
                continue;
            }

            int cpuDepth = _json.CurrentDepth;
            while (_json.Read() && _json.CurrentDepth > cpuDepth)
            {
                bool isTotal = NameIs("total cpu"u8);
                _json.Read();
                if (isTotal && _json.TokenType == JsonTokenType.String
                    && TimeSpan.TryParseExact(_json.GetString(), "c", CultureInfo.InvariantCulture, out TimeSpan total) && total >= TimeSpan.Zero)
                {
                    cpu = total;
                }

                _json.TrySkip();
            }
        }

        return cpu;
    }

    private readonly bool NameIs(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(StringBytes(), name);

    private static TimeSpan? Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
}
