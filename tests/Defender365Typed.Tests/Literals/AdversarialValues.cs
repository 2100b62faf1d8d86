using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.Tests.Literals;

/// <summary>The hostile and edge values of every type: shared by the unit tests and the approved query.</summary>
public static class AdversarialValues
{
    /// <summary>Every character U+0000..U+00FF (C0, DEL, C1, Latin-1) in one string.</summary>
    public static readonly string Latin1 = new(Enumerable.Range(0, 256).Select(c => (char)c).ToArray());

    public static readonly IReadOnlyList<string> Strings =
    [
        "",
        "plain",
        "\"",
        "\\",
        "ends with backslash\\",
        "\\\"",
        "\" | take 1 //",
        "\\\" or 1==1",
        "\" or 1==1 or \"",
        "a\n| project x",
        "a\r\n| project x",
        "tab\there",
        "'",
        "it's",
        "'; drop table x; --",
        "@\"",
        "h\"",
        "H'x'",
        "```",
        "```\n| take 1\n```",
        "~~~",
        "%",
        "% and %%",
        "\0",
        "nul\0in the middle",
        "\\u0022",
        "\\x22",
        "\\U00000022",
        "\\0",
        "\\101",
        "$left",
        "// comment",
        "/* not a comment */",
        "{\"json\": [1, 2]}",
        "\u0085\u2028\u2029",
        "\u200B\u200E\u202E\u2066\uFEFF",
        "\u007F\u0080\u009F",
        "caf\u00E9 \u00FC\u00DF \u4E2D\u6587",
        "\U0001F600 emoji",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "\U0010FFFF",
        "\uFFFD\uFFFF",
        Latin1,
    ];

    /// <summary>Strings that must be refused: an unpaired surrogate and its index.</summary>
    public static readonly IReadOnlyList<(string Value, int Index)> LoneSurrogates =
    [
        ("\uD800", 0),
        ("\uDC00", 0),
        ("ab\uD83D", 2),
        ("ab\uDE00cd", 2),
        ("\uDE00\uD83D", 0),
        ("ok \U0001F600 then \uD83D", 11),
        ("\uD83D\uD83D\uDE00", 0),
    ];

    public static readonly IReadOnlyList<DateTime> DateTimes =
    [
        DateTime.MinValue,
        DateTime.MaxValue,
        new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
        new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Unspecified),
        new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
    ];

    public static readonly IReadOnlyList<DateTimeOffset> DateTimeOffsets =
    [
        new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5)).AddTicks(1234567),
        new DateTimeOffset(2024, 1, 1, 0, 30, 0, TimeSpan.FromHours(-8)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
    ];

    public static readonly IReadOnlyList<TimeSpan> TimeSpans =
    [
        TimeSpan.Zero,
        TimeSpan.FromDays(7),
        TimeSpan.FromHours(1),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromSeconds(10),
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromTicks(1),
        TimeSpan.FromTicks(10),
        new TimeSpan(1, 2, 3, 4, 500),
        new TimeSpan(1, 2, 3, 4) + TimeSpan.FromTicks(5),
        TimeSpan.FromDays(-7),
        TimeSpan.FromTicks(-1),
        -new TimeSpan(1, 2, 3, 4, 500),
        TimeSpan.FromDays(10675199),
        TimeSpan.FromTicks((1L << 53) + 1),
        TimeSpan.MaxValue,
        TimeSpan.MinValue,
    ];

    public static readonly IReadOnlyList<long> Longs = [0, 1, -1, 42, -42, long.MaxValue, long.MinValue, long.MinValue + 1];

    public static readonly IReadOnlyList<int> Ints = [0, 5, -5, int.MaxValue, int.MinValue];

    public static readonly IReadOnlyList<double> Reals =
    [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        -1.5,
        Math.PI,
        1e20,
        1e-5,
        1e300,
        -1e300,
        double.Epsilon,
        -double.Epsilon,
        double.MaxValue,
        double.MinValue,
        double.NaN,
        double.PositiveInfinity,
        double.NegativeInfinity,
    ];

    public static readonly IReadOnlyList<decimal> Decimals =
    [
        0m,
        1.5m,
        -1.5m,
        1.50m,
        0.0000000000000000000000000001m,
        decimal.MaxValue,
        decimal.MinValue,
    ];

    public static readonly IReadOnlyList<bool> Bools = [true, false];

    public static readonly IReadOnlyList<Guid> Guids =
    [
        Guid.Empty,
        Guid.Parse("0123abcd-4567-89ef-0123-456789abcdef", CultureInfo.InvariantCulture),
        Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff", CultureInfo.InvariantCulture),
    ];

    /// <summary>Names for <c>Identifier</c>: keywords, literals, punctuation, escapes.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "where",
        "project",
        "True",
        "FALSE",
        "not",
        "asc",
        "a b",
        "it's",
        "say \"hi\"",
        "x\\y",
        "a]b",
        "['x']",
        "1abc",
        "project-away",
        "line\nbreak",
        "\u00E9t\u00E9",
        "\U0001F600",
        "$left",
        "_",
        "Plain_Name1",
    ];
}
