using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Defender365Typed.Results.Tests;

/// <summary>
/// An independent decode of <see cref="AllTypesRow"/> rows built on <see cref="JsonDocument"/> and BCL parsing, as
/// the reference the generated reader must agree with. Dynamic values are compared as raw JSON text.
/// </summary>
internal static class ReferenceDecoder
{
    public sealed record Expected(
        string S, string? NS, long? L, int? I, double? R, decimal? Dec, bool? B, DateTime? Dt, DateTimeOffset? Dto,
        Guid? G, TimeSpan? Ts, string? Dyn, string DynText, string? Je);

    public static List<Expected> Decode(byte[] response)
    {
        using JsonDocument document = JsonDocument.Parse(response, new JsonDocumentOptions { MaxDepth = 256 });
        JsonElement results = document.RootElement.TryGetProperty("results", out JsonElement graph)
            ? graph
            : document.RootElement.GetProperty("Results");
        var rows = new List<Expected>();
        foreach (JsonElement row in results.EnumerateArray())
        {
            rows.Add(new Expected(
                Get(row, "S") is { ValueKind: JsonValueKind.String } s ? s.GetString()! : "",
                Get(row, "NS") is { ValueKind: JsonValueKind.String } ns ? ns.GetString() : null,
                Number(Get(row, "L"), e => e.GetInt64(), t => long.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
                Number(Get(row, "I"), e => e.GetInt32(), t => int.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
                Number(Get(row, "R"), e => e.GetDouble(), ParseReal),
                Number(Get(row, "Dec"), e => e.GetDecimal(), t => decimal.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)),
                Bool(Get(row, "B")),
                Text(Get(row, "Dt"), t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime),
                Text(Get(row, "Dto"), t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)),
                Text(Get(row, "G"), Guid.Parse),
                Text(Get(row, "Ts"), t => TimeSpan.ParseExact(t, "c", CultureInfo.InvariantCulture)),
                Dynamic(Get(row, "Dyn")),
                Get(row, "DynText") switch
                {
                    { ValueKind: JsonValueKind.Null } => "",
                    { ValueKind: JsonValueKind.String } text => text.GetString()!,
                    var other => other.GetRawText(),
                },
                Dynamic(Get(row, "Je"))));
        }

        return rows;
    }

    /// <summary>Checks a row read by the generated reader against the reference.</summary>
    public static void AssertSame(Expected expected, AllTypesRow actual, int index)
    {
        string at = $"row {index}";
        Assert.True(expected.S == actual.S, $"{at} S");
        Assert.True(expected.NS == actual.NS, $"{at} NS");
        Assert.True(expected.L == actual.L, $"{at} L");
        Assert.True(expected.I == actual.I, $"{at} I");
        Assert.True(Nullable.Equals(expected.R, actual.R) || (expected.R is double a && actual.R is double b && a.Equals(b)), $"{at} R {expected.R} {actual.R}");
        Assert.True(expected.Dec == actual.Dec, $"{at} Dec");
        Assert.True(expected.B == actual.B, $"{at} B");
        Assert.True(expected.Dt == actual.Dt && (actual.Dt is null || actual.Dt.Value.Kind == DateTimeKind.Utc), $"{at} Dt {expected.Dt:O} {actual.Dt:O}");
        Assert.True(expected.Dto == actual.Dto && expected.Dto?.Offset == actual.Dto?.Offset, $"{at} Dto {expected.Dto:O} {actual.Dto:O}");
        Assert.True(expected.G == actual.G, $"{at} G");
        Assert.True(expected.Ts == actual.Ts, $"{at} Ts");
        Assert.True(expected.Dyn == (actual.Dyn.IsNull ? null : actual.Dyn.GetRawText()), $"{at} Dyn {expected.Dyn} / {actual.Dyn}");
        Assert.True(expected.DynText == actual.DynText, $"{at} DynText");
        Assert.True(expected.Je == actual.Je?.GetRawText(), $"{at} Je {expected.Je} / {actual.Je}");
    }

    private static JsonElement Get(JsonElement row, string name) =>
        row.TryGetProperty(name, out JsonElement value) ? value : throw new InvalidOperationException("missing " + name);

    private static T? Number<T>(JsonElement e, Func<JsonElement, T> number, Func<string, T> text)
        where T : struct =>
        e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => number(e),
            _ => text(e.GetString()!),
        };

    private static T? Text<T>(JsonElement e, Func<string, T> parse)
        where T : struct =>
        e.ValueKind == JsonValueKind.Null ? null : parse(e.GetString()!);

    private static bool? Bool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.GetInt32() == 1,
        _ => bool.Parse(e.GetString()!),
    };

    private static double ParseReal(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Raw JSON of a dynamic cell; a string holding an object or array stands for that JSON (trimmed).</summary>
    private static string? Dynamic(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                string inner = e.GetString()!.Trim(' ', '\t', '\r', '\n');
                if (inner.Length >= 2 && (inner[0] == '{' || inner[0] == '['))
                {
                    try
                    {
                        using JsonDocument parsed = JsonDocument.Parse(Encoding.UTF8.GetBytes(inner));
                        return inner;
                    }
                    catch (JsonException)
                    {
                    }
                }

                return e.GetRawText();
            default:
                return e.GetRawText();
        }
    }
}
