using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Scalar functions and operators, one <c>print</c> at a time.</summary>
public sealed class FunctionTests
{
    internal static string Text(object? v) => v switch
    {
        null => "null",
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static object? Print(string expression) => TestData.Run("print x = " + expression).Rows[0][0];

    [Theory]
    [InlineData("strlen('héllo')", "5")]
    [InlineData("tolower('AbC')", "abc")]
    [InlineData("toupper('AbC')", "ABC")]
    [InlineData("substring('abcdef', 2, 3)", "cde")]
    [InlineData("substring('abcdef', 4)", "ef")]
    [InlineData("substring('ABCD', -1, 2)", "A")]
    [InlineData("substring('abc', 10)", "")]
    [InlineData("indexof('abcabc', 'c')", "2")]
    [InlineData("indexof('abc', 'z')", "-1")]
    [InlineData("extract(@'(\\d+)-(\\d+)', 2, 'id 12-345 x')", "345")]
    [InlineData("extract(@'(\\d+)', 1, 'none')", "")]
    [InlineData("extract(@'(\\d+)', 1, 'n 42', typeof(long)) + 1", "43")]
    [InlineData("replace_string('a.b.c', '.', '/')", "a/b/c")]
    [InlineData("split('a,b,c', ',')", "[\"a\",\"b\",\"c\"]")]
    [InlineData("split('a,b,c', ',')[1]", "b")]
    [InlineData("split('a,b,c', ',')[-1]", "c")]
    [InlineData("strcat('a', 1, true)", "a1true")]
    [InlineData("parse_json('{\"a\":[1,2]}')['a'][1]", "2")]
    [InlineData("parse_json('{\"a\":{\"b\":\"c\"}}').a.b", "c")]
    [InlineData("tostring(parse_json('{\"a\":1}'))", "{\"a\":1}")]
    [InlineData("parse_json('not json')", "not json")]
    [InlineData("tolong('42')", "42")]
    [InlineData("tolong('x')", "null")]
    [InlineData("toint(3.9)", "3")]
    [InlineData("toreal('1.5')", "1.5")]
    [InlineData("todouble(2)", "2")]
    [InlineData("tobool('TRUE')", "true")]
    [InlineData("todatetime('2024-01-02T03:04:05Z')", "2024-01-02T03:04:05.0000000")]
    [InlineData("totimespan('01:30:00')", "01:30:00")]
    [InlineData("totimespan('2d')", "2.00:00:00")]
    [InlineData("toguid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("todecimal('1.25') * 2", "2.50")]
    [InlineData("tostring(1.5)", "1.5")]
    [InlineData("tostring(datetime(2024-05-17 13:02:45.1234567))", "2024-05-17T13:02:45.1234567Z")]
    [InlineData("isnull(int(null))", "true")]
    [InlineData("isnull('')", "false")]
    [InlineData("isempty('')", "true")]
    [InlineData("isnotempty('x')", "true")]
    [InlineData("isnotnull(1)", "true")]
    [InlineData("iff(1 > 2, 'a', 'b')", "b")]
    [InlineData("iif(true, 1, 2.5)", "1")]
    [InlineData("case(1 > 2, 'a', 2 > 1, 'b', 'c')", "b")]
    [InlineData("coalesce('', 'x')", "x")]
    [InlineData("coalesce(long(null), 5)", "5")]
    [InlineData("array_length(dynamic([1,2,3]))", "3")]
    [InlineData("array_length('x')", "null")]
    [InlineData("bag_has_key(dynamic({'a':1}), 'a')", "true")]
    [InlineData("bag_has_key(dynamic({'a':1}), 'b')", "false")]
    [InlineData("set_has_element(dynamic(['x','y']), 'y')", "true")]
    [InlineData("set_has_element(dynamic([1,2]), 2)", "true")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(1.2345, 2)", "1.23")]
    [InlineData("isnan(real(nan))", "true")]
    [InlineData("isnan(1.0)", "false")]
    [InlineData("abs(-3)", "3")]
    [InlineData("bin(7, 5)", "5")]
    [InlineData("bin(7.5, 2.0)", "6")]
    [InlineData("bin(-1, 5)", "-5")]
    [InlineData("bin(datetime(2024-01-01 10:37), 1h)", "2024-01-01T10:00:00.0000000")]
    [InlineData("floor(datetime(2024-01-01 10:37), 1d)", "2024-01-01T00:00:00.0000000")]
    [InlineData("startofday(datetime(2024-05-17 13:02))", "2024-05-17T00:00:00.0000000")]
    [InlineData("startofweek(datetime(2024-05-17 13:02))", "2024-05-12T00:00:00.0000000")]
    [InlineData("startofmonth(datetime(2024-05-17 13:02))", "2024-05-01T00:00:00.0000000")]
    [InlineData("startofyear(datetime(2024-05-17 13:02))", "2024-01-01T00:00:00.0000000")]
    [InlineData("endofday(datetime(2024-05-17 13:02))", "2024-05-17T23:59:59.9999999")]
    [InlineData("dayofweek(datetime(2024-05-17))", "5.00:00:00")]
    [InlineData("hourofday(datetime(2024-05-17 13:02))", "13")]
    [InlineData("dayofmonth(datetime(2024-05-17 13:02))", "17")]
    [InlineData("format_datetime(datetime(2024-05-17 13:02:45.123), 'yyyy-MM-dd HH:mm:ss.fff')", "2024-05-17 13:02:45.123")]
    [InlineData("format_datetime(datetime(2024-05-17 13:02:45), 'M/d/yy h:mm tt')", "5/17/24 1:02 PM")]
    [InlineData("now()", "2025-06-02T12:00:00.0000000")]
    [InlineData("ago(1h)", "2025-06-02T11:00:00.0000000")]
    [InlineData("now(-1d)", "2025-06-01T12:00:00.0000000")]
    [InlineData("not(true)", "false")]
    [InlineData("not(bool(null))", "null")]
    [InlineData("long(null) == 1", "false")]
    [InlineData("long(null) != 1", "true")]
    [InlineData("1 <> long(null)", "true")]
    [InlineData("guid(null) != guid(00000000-0000-0000-0000-000000000000)", "true")]
    [InlineData("bool(null) != false", "true")]
    [InlineData("long(null) > 1", "false")]
    public void Functions(string expression, string expected) => Assert.Equal(expected, Text(Print(expression)));

    // Kusto decodes \uXXXX in quoted literals, and the builder renders control and bidi characters that way.
    [Fact]
    public void Unicode_escapes_in_string_literals()
    {
        Assert.Equal("1", Text(Print("strlen(\"\\u202e\")")));
        Assert.Equal("nul\0byte", Text(Print("\"nul\\u0000byte\"")));
    }

    [Theory]
    [InlineData("datetime(2024-01-02) - datetime(2024-01-01)", "1.00:00:00")]
    [InlineData("datetime(2024-01-01) + 1d", "2024-01-02T00:00:00.0000000")]
    [InlineData("datetime(2024-01-01) - 90m", "2023-12-31T22:30:00.0000000")]
    [InlineData("1h / 1m", "60")]
    [InlineData("2h * 1.5", "03:00:00")]
    [InlineData("1d - 30s + 1500ms + 15tick", "23:59:31.5000015")]
    [InlineData("7 / 2", "3")]
    [InlineData("7 % 3", "1")]
    [InlineData("7.0 / 2", "3.5")]
    [InlineData("-7.5 % 2.0", "-1.5")]
    [InlineData("int(2) * int(3)", "6")]
    [InlineData("1 / 0", "null")]
    [InlineData("1.0 / 0", "Infinity")]
    [InlineData("decimal(1.25) + 1", "2.25")]
    [InlineData("-(1h)", "-01:00:00")]
    [InlineData("'Hello World' has 'world'", "true")]
    [InlineData("'Hello World' has 'wor'", "false")]
    [InlineData("'Hello World' !has 'wor'", "true")]
    [InlineData("'Hello World' has_cs 'world'", "false")]
    [InlineData("'Hello World' hasprefix 'wor'", "true")]
    [InlineData("'Hello World' hassuffix 'rld'", "true")]
    [InlineData("'Hello World' !hasprefix 'orl'", "true")]
    [InlineData("'powershell -EncodedCommand x' has '-enc'", "false")]
    [InlineData("'powershell -enc x' has '-enc'", "true")]
    [InlineData("'C:\\\\Users\\\\Public\\\\x.exe' has '\\\\Users\\\\Public\\\\'", "true")]
    [InlineData("'ABC' contains 'b'", "true")]
    [InlineData("'ABC' contains_cs 'b'", "false")]
    [InlineData("'ABC' !contains 'z'", "true")]
    [InlineData("'ABC' !contains_cs 'B'", "false")]
    [InlineData("'abc' startswith 'AB'", "true")]
    [InlineData("'abc' startswith_cs 'AB'", "false")]
    [InlineData("'abc' !startswith 'b'", "true")]
    [InlineData("'abc' endswith 'BC'", "true")]
    [InlineData("'abc' endswith_cs 'C'", "false")]
    [InlineData("'abc' !endswith 'c'", "false")]
    [InlineData("'abc' == 'ABC'", "false")]
    [InlineData("'abc' =~ 'ABC'", "true")]
    [InlineData("'abc' !~ 'ABD'", "true")]
    [InlineData("'abc' != 'abd'", "true")]
    [InlineData("'abc' matches regex '^a.c$'", "true")]
    [InlineData("'ABC' matches regex '(?i)^a'", "true")]
    [InlineData("'x' in ('a', 'x')", "true")]
    [InlineData("'X' in ('a', 'x')", "false")]
    [InlineData("'X' in~ ('a', 'x')", "true")]
    [InlineData("'X' !in ('a', 'x')", "true")]
    [InlineData("'x' !in~ ('A', 'X')", "false")]
    [InlineData("2 in (dynamic([1, 2]), 5)", "true")]
    [InlineData("int(2) in (1, 2)", "true")]
    [InlineData("5 between (1 .. 5)", "true")]
    [InlineData("6 !between (1 .. 5)", "true")]
    [InlineData("datetime(2024-01-01 10:00) between (datetime(2024-01-01) .. 12h)", "true")]
    [InlineData("'a b c' has_any ('z', 'b')", "true")]
    [InlineData("'a b c' has_all ('a', 'z')", "false")]
    [InlineData("1 == 1.0", "true")]
    [InlineData("int(null) == int(null)", "false")]
    [InlineData("1 < 2 and 2 < 1 or true", "true")]
    [InlineData("guid(3f2504e0-4f89-11d3-9a0c-0305e82c3301) == toguid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')", "true")]
    public void Operators(string expression, string expected) => Assert.Equal(expected, Text(Print(expression)));

    [Fact]
    public void Result_types_follow_KQL()
    {
        KqlResultTable t = TestData.Run(
            "print a = 1, b = int(1), c = 1.5, d = decimal(1), e = 'x', f = now(), g = 1h, h = guid(3f2504e0-4f89-11d3-9a0c-0305e82c3301), " +
            "i = true, j = dynamic([1]), k = int(1) + int(2), l = int(1) + 1, m = now() - now(), n = 1h / 1m, o = bin(int(7), 2.0)");
        Assert.Equal(
            ["long", "int", "real", "decimal", "string", "datetime", "timespan", "guid", "bool", "dynamic", "int", "long", "timespan", "real", "real"],
            t.Columns.Select(c => c.KqlType).ToArray());
    }

    [Fact]
    public void Let_scalars_and_dynamic_lists()
    {
        KqlResultTable t = TestData.Run("let limit = 3; let names = dynamic(['a', 'b']); print x = limit * 2, y = 'b' in (names)");
        Assert.Equal("6", Text(t.Rows[0][0]));
        Assert.Equal("true", Text(t.Rows[0][1]));
    }

    [Fact]
    public void Regex_with_a_catastrophic_pattern_times_out_with_a_clear_error()
    {
        var options = new EngineOptions { Now = TestData.Now, RegexTimeout = TimeSpan.FromMilliseconds(50) };
        string input = new string('a', 30) + "!";
        var ex = Assert.Throws<KqlEngineException>(() =>
            KqlEvaluator.Execute($"print x = '{input}' matches regex '^(a+)+$'", TestData.Dataset, options));
        Assert.Contains("regular expression took longer", ex.Message, StringComparison.Ordinal);
    }

    internal static IEnumerable<string> Texts(KqlResultTable t, string column) => t.Rows.Select(r => Text(r[t.IndexOf(column)]));
}
