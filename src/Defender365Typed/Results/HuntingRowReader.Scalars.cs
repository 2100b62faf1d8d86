using System;
using System.Text.Json;

namespace Defender365Typed.Results;

// Scalar decoders: long, int, real, decimal, bool, datetime, guid and timespan, in every form the hunting APIs send them.
public ref partial struct HuntingRowReader
{
    /// <summary>A <c>long</c>: a JSON number or a string holding one.</summary>
    public long ReadInt64()
    {
        if (_json.TokenType == JsonTokenType.Number && _json.TryGetInt64(out long value))
        {
            return value;
        }

        return ReadInt64Slow();
    }

    /// <summary>A nullable <c>long</c>.</summary>
    public long? ReadNullableInt64() => _json.TokenType == JsonTokenType.Null ? null : ReadInt64();

    /// <summary>An <c>int</c>: a JSON number or a string holding one.</summary>
    public int ReadInt32()
    {
        if (_json.TokenType == JsonTokenType.Number && _json.TryGetInt32(out int value))
        {
            return value;
        }

        long wide = ReadInt64();
        return wide is >= int.MinValue and <= int.MaxValue ? (int)wide : throw Error("the value is out of range for int");
    }

    /// <summary>A nullable <c>int</c>.</summary>
    public int? ReadNullableInt32() => _json.TokenType == JsonTokenType.Null ? null : ReadInt32();

    /// <summary>A <c>real</c>: a JSON number, or a string holding a number, <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>.</summary>
    public double ReadDouble()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Number:
                return _json.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw Error("the number is out of range for real");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseDouble(StringBytes(), out double parsed) ? parsed : throw Error("the string is not a real number");
            case JsonTokenType.Null:
                return NullForValueType<double>("real");
            default:
                throw WrongToken("a number");
        }
    }

    /// <summary>A nullable <c>real</c>.</summary>
    public double? ReadNullableDouble() => _json.TokenType == JsonTokenType.Null ? null : ReadDouble();

    /// <summary>A <c>decimal</c>: a JSON number or a string holding one.</summary>
    public decimal ReadDecimal()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Number:
                return _json.TryGetDecimal(out decimal value) ? value : throw Error("the number is out of range for decimal");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseDecimal(StringBytes(), out decimal parsed) ? parsed : throw Error("the string is not a decimal number");
            case JsonTokenType.Null:
                return NullForValueType<decimal>("decimal");
            default:
                throw WrongToken("a number");
        }
    }

    /// <summary>A nullable <c>decimal</c>.</summary>
    public decimal? ReadNullableDecimal() => _json.TokenType == JsonTokenType.Null ? null : ReadDecimal();

    /// <summary>A <c>bool</c>: <c>true</c>/<c>false</c>, the numbers 0/1, or the strings "true"/"false".</summary>
    public bool ReadBoolean()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return _json.TryGetInt64(out long number) && number is 0 or 1 ? number == 1 : throw Error("a number for bool must be 0 or 1");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseBool(StringBytes(), out bool parsed) ? parsed : throw Error("the string is not a bool");
            case JsonTokenType.Null:
                return NullForValueType<bool>("bool");
            default:
                throw WrongToken("a bool");
        }
    }

    /// <summary>A nullable <c>bool</c>.</summary>
    public bool? ReadNullableBoolean() => _json.TokenType == JsonTokenType.Null ? null : ReadBoolean();

    /// <summary>A <c>datetime</c> in ISO 8601, as UTC.</summary>
    public DateTime ReadDateTime()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseDateTime(StringBytes(), out long ticks, out _)
                ? new DateTime(ticks, DateTimeKind.Utc)
                : throw Error("the string is not an ISO 8601 datetime");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<DateTime>("datetime") : throw WrongToken("a datetime string");
    }

    /// <summary>A nullable <c>datetime</c>.</summary>
    public DateTime? ReadNullableDateTime() => _json.TokenType == JsonTokenType.Null ? null : ReadDateTime();

    /// <summary>A <c>datetime</c> in ISO 8601, keeping a sent offset (UTC otherwise).</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseDateTime(StringBytes(), out long ticks, out int offsetMinutes)
                ? new DateTimeOffset(ticks + (offsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(offsetMinutes))
                : throw Error("the string is not an ISO 8601 datetime");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<DateTimeOffset>("datetime") : throw WrongToken("a datetime string");
    }

    /// <summary>A nullable <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset? ReadNullableDateTimeOffset() => _json.TokenType == JsonTokenType.Null ? null : ReadDateTimeOffset();

    /// <summary>A <c>guid</c>.</summary>
    public Guid ReadGuid()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseGuid(StringBytes(), out Guid value) ? value : throw Error("the string is not a guid");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<Guid>("guid") : throw WrongToken("a guid string");
    }

    /// <summary>A nullable <c>guid</c>.</summary>
    public Guid? ReadNullableGuid() => _json.TokenType == JsonTokenType.Null ? null : ReadGuid();

    /// <summary>A <c>timespan</c> as <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public TimeSpan ReadTimeSpan()
    {
        if (_json.TokenType == JsonTokenType.String)
        {
            return KqlValueParsers.TryParseTimeSpan(StringBytes(), out TimeSpan value) ? value : throw Error("the string is not a timespan");
        }

        return _json.TokenType == JsonTokenType.Null ? NullForValueType<TimeSpan>("timespan") : throw WrongToken("a timespan string");
    }

    /// <summary>A nullable <c>timespan</c>.</summary>
    public TimeSpan? ReadNullableTimeSpan() => _json.TokenType == JsonTokenType.Null ? null : ReadTimeSpan();

    /// <summary>JSON null in a non-nullable value-type column: default when allowed, else an error.</summary>
    private readonly T NullForValueType<T>(string kqlType)
        where T : struct =>
        _state.AllowNullForValueTypes ? default : throw Error($"null in a non-nullable {kqlType} property (declare it nullable, or set NullToDefault)");

    private long ReadInt64Slow()
    {
        switch (_json.TokenType)
        {
            case JsonTokenType.Number:
                throw Error("the number is not an integer in the range of long");
            case JsonTokenType.String:
                return KqlValueParsers.TryParseInt64(StringBytes(), out long parsed) ? parsed : throw Error("the string is not an integer in the range of long");
            case JsonTokenType.Null:
                return NullForValueType<long>("long");
            default:
                throw WrongToken("a number");
        }
    }
}
