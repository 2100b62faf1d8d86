using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary>Each kind of bad input raises <see cref="HuntingResultFormatException"/> naming the row and the column.</summary>
public class BadInputTests
{
    private static readonly (string, string)[] Schema = [("Timestamp", "DateTime"), ("DeviceName", "String"), ("ProcessId", "Int64"), ("Action Type", "String")];
    private const string Good = """{"Timestamp":"2024-03-26T09:39:50Z","DeviceName":"ws-1","ProcessId":1,"Action Type":"A"}""";

    private static HuntingResultFormatException Fails<T>(byte[] json, HuntingReaderOptions? options = null)
        where T : IHuntingReadable<T>
    {
        var error = Assert.Throws<HuntingResultFormatException>(() => HuntingResultReader.ReadAll<T>(json, options));
        // The streaming path must fail the same way.
        var streamed = Assert.Throws<HuntingResultFormatException>(() =>
            BasicReadTests.Collect(HuntingResultReader.StreamAsync<T>(new TrickleStream(json, 7), new HuntingReaderOptions
            {
                StreamBufferSize = 256,
                MissingColumns = options?.MissingColumns ?? MissingColumnHandling.Error,
                RequireSchema = options?.RequireSchema ?? true,
                NullToDefault = options?.NullToDefault ?? false,
                MaxDepth = options?.MaxDepth ?? 64,
            })));
        Assert.Equal(error.RowIndex, streamed.RowIndex);
        Assert.Equal(error.ColumnName, streamed.ColumnName);
        return error;
    }

    private static byte[] Response(params string[] rows) => ResponseBuilder.Utf8(ResponseBuilder.Build(false, Schema, rows));

    private static void AssertAt(HuntingResultFormatException error, long? row, string? column, string messagePart)
    {
        Assert.Equal(row, error.RowIndex);
        Assert.Equal(column, error.ColumnName);
        Assert.True(error.Message.Contains(messagePart, StringComparison.Ordinal), error.Message);
        if (row is not null)
        {
            Assert.Contains($"row {row}", error.Message, StringComparison.Ordinal);
        }

        if (column is not null)
        {
            Assert.Contains($"column '{column}'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Truncated_json_names_the_row_and_column()
    {
        byte[] full = Response(Good, Good, Good);
        string text = Encoding.UTF8.GetString(full);
        int cut = text.LastIndexOf("\"ProcessId\":1", StringComparison.Ordinal) + "\"ProcessId\":".Length;
        AssertAt(Fails<PositionalRow>(full[..cut]), 2, "ProcessId", "truncated");
        AssertAt(Fails<PositionalRow>(full[..(cut - 3)]), 2, null, "truncated"); // cut inside the name: no column yet
        AssertAt(Fails<PositionalRow>(full[..(cut + 1)]), 2, "ProcessId", "truncated");
        Assert.Contains("truncated", Fails<PositionalRow>(full[..^1]).Message, StringComparison.Ordinal);
        Assert.Null(Fails<PositionalRow>([]).RowIndex);
    }

    [Fact]
    public void Streaming_yields_every_row_before_the_failing_one_even_in_the_same_buffer()
    {
        byte[] json = Response(Good, Good, Good.Replace("\"ProcessId\":1", "\"ProcessId\":\"abc\"", StringComparison.Ordinal));
        foreach (Func<IAsyncEnumerable<PositionalRow>> open in new Func<IAsyncEnumerable<PositionalRow>>[]
        {
            () => HuntingResultReader.StreamAsync<PositionalRow>(new System.IO.MemoryStream(json)),
            () => HuntingResultReader.StreamAsync<PositionalRow>(System.IO.Pipelines.PipeReader.Create(new System.IO.MemoryStream(json))),
        })
        {
            var delivered = new List<PositionalRow>();
            HuntingResultFormatException error = Assert.Throws<HuntingResultFormatException>(() => Task.Run(async () =>
            {
                await foreach (PositionalRow row in open())
                {
                    delivered.Add(row);
                }
            }).GetAwaiter().GetResult());
            Assert.Equal(2, delivered.Count);
            AssertAt(error, 2, "ProcessId", "not an integer");
        }
    }

    [Fact]
    public void A_string_in_a_long_column()
    {
        AssertAt(Fails<PositionalRow>(Response(Good, Good.Replace("\"ProcessId\":1", "\"ProcessId\":\"abc\"", StringComparison.Ordinal))), 1, "ProcessId", "not an integer");
        AssertAt(Fails<PositionalRow>(Response(Good.Replace("\"ProcessId\":1", "\"ProcessId\":true", StringComparison.Ordinal))), 0, "ProcessId", "expected a number");
        AssertAt(Fails<PositionalRow>(Response(Good.Replace("\"DeviceName\":\"ws-1\"", "\"DeviceName\":5", StringComparison.Ordinal))), 0, "DeviceName", "expected a string");
    }

    [Theory]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2024-03-26T24:00:00Z")]
    [InlineData("2024-03-26T09:39:50.Z")]
    [InlineData("yesterday")]
    [InlineData("2024-03-26T09:39:50Zjunk")]
    [InlineData("")]
    public void An_invalid_date(string date)
    {
        AssertAt(Fails<PositionalRow>(Response(Good, Good.Replace("2024-03-26T09:39:50Z", date, StringComparison.Ordinal))), 1, "Timestamp", "datetime");
    }

    [Theory]
    [InlineData("\"I\":3000000000", "I", "out of range for int")]
    [InlineData("\"I\":\"-2147483649\"", "I", "out of range for int")]
    [InlineData("\"L\":9223372036854775808", "L", "range of long")]
    [InlineData("\"L\":1e30", "L", "range of long")]
    [InlineData("\"L\":1.5", "L", "range of long")]
    [InlineData("\"R\":1e400", "R", "out of range for real")]
    [InlineData("\"R\":\"1e400\"", "R", "not a real")]
    [InlineData("\"Dec\":1e40", "Dec", "out of range for decimal")]
    [InlineData("\"B\":2", "B", "0 or 1")]
    [InlineData("\"G\":\"not-a-guid\"", "G", "not a guid")]
    [InlineData("\"Ts\":\"25:00:00\"", "Ts", "not a timespan")]
    public void Out_of_range_or_malformed_values(string cell, string column, string message)
    {
        string row = "{\"S\":\"\",\"NS\":null,\"L\":1,\"I\":1,\"R\":1,\"Dec\":1,\"B\":true,\"Dt\":null,\"Dto\":null,\"G\":null,\"Ts\":null,\"Dyn\":null,\"DynText\":null,\"Je\":null}";
        string bad = row.Replace($"\"{column}\":" + row.Split($"\"{column}\":")[1].Split(',')[0], cell, StringComparison.Ordinal);
        byte[] json = ResponseBuilder.Utf8(ResponseBuilder.Build(true, [], [row, row, bad]));
        AssertAt(Fails<AllTypesRow>(json, new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault }), 2, column, message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_column()
    {
        byte[] json = Response(Good, Good.Replace("ws-1", "ws-\u00ff", StringComparison.Ordinal));
        int at = Array.IndexOf(json, (byte)0xC3, json.Length / 2);
        json[at] = 0xFF; // a byte that never appears in UTF-8
        HuntingResultFormatException error = Fails<PositionalRow>(json);
        Assert.Equal(1, error.RowIndex);
        Assert.Equal("DeviceName", error.ColumnName);

        // Interned columns validate UTF-8 themselves.
        HuntingResultFormatException interned = Fails<PositionalRow>(json, new HuntingReaderOptions { Interning = StringInterning.AllStrings });
        Assert.Equal(1, interned.RowIndex);
        Assert.Equal("DeviceName", interned.ColumnName);
    }

    [Fact]
    public void Deeply_nested_dynamic()
    {
        string deep = new string('[', 100) + new string(']', 100);
        string row = "{\"S\":\"\",\"NS\":null,\"L\":1,\"I\":1,\"R\":1,\"Dec\":1,\"B\":true,\"Dt\":null,\"Dto\":null,\"G\":null,\"Ts\":null,\"Dyn\":" + deep + ",\"DynText\":null,\"Je\":null}";
        byte[] json = ResponseBuilder.Utf8(ResponseBuilder.Build(false, [], ["{\"S\":\"x\"}", row]));
        AssertAt(Fails<AllTypesRow>(json, new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault }), 1, "Dyn", "depth");

        // A string holding too-deep JSON stays a string (it is never parsed past the limit).
        string holding = row.Replace(deep, System.Text.Json.JsonSerializer.Serialize(deep), StringComparison.Ordinal);
        AllTypesRow read = HuntingResultReader.ReadAll<AllTypesRow>(
            ResponseBuilder.Utf8(ResponseBuilder.Build(false, [], [holding])), new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault })[0];
        Assert.Equal(System.Text.Json.JsonValueKind.String, read.Dyn.ValueKind);
    }

    [Fact]
    public void Results_before_schema()
    {
        string json = "{\"results\":[" + Good + "],\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"}]}";
        HuntingResultFormatException error = Fails<PositionalRow>(ResponseBuilder.Utf8(json));
        Assert.Contains("'results' comes before 'schema'", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RowIndex);

        // Without RequireSchema the rows read, but a schema after them is still refused.
        HuntingResultFormatException late = Fails<PositionalRow>(ResponseBuilder.Utf8(json), new HuntingReaderOptions { RequireSchema = false });
        Assert.Contains("'schema' comes after 'results'", late.Message, StringComparison.Ordinal);
        string noSchema = "{\"Results\":[" + Good + "]}";
        Assert.Single(HuntingResultReader.ReadAll<PositionalRow>(ResponseBuilder.Utf8(noSchema), new HuntingReaderOptions { RequireSchema = false }));
    }

    [Fact]
    public void Missing_columns_fail_or_default_by_option()
    {
        string partial = """{"Timestamp":"2024-03-26T09:39:50Z","DeviceName":"ws-1","Action Type":"A"}""";
        AssertAt(Fails<PositionalRow>(Response(Good, partial)), 1, "ProcessId", "missing");

        byte[] noColumnInSchema = ResponseBuilder.Utf8(ResponseBuilder.Build(false, Schema[..2], [Good]));
        AssertAt(Fails<PositionalRow>(noColumnInSchema), null, "ProcessId", "not in the response's schema");

        var lenient = new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault };
        List<PositionalRow> rows = HuntingResultReader.ReadAll<PositionalRow>(Response(Good, partial), lenient);
        Assert.Null(rows[1].ProcessId);
        Assert.Equal(1, HuntingResultReader.ReadAll<PositionalRow>(noColumnInSchema, lenient)[0].ProcessId);
    }

    [Fact]
    public void Bad_schema_entries_are_refused()
    {
        byte[] noName = ResponseBuilder.Utf8("""{"schema":[{"name":"Timestamp","type":"DateTime"},{"type":"String"}],"results":[]}""");
        AssertAt(Fails<PositionalRow>(noName), null, null, "a schema entry has no name");

        byte[] notObject = ResponseBuilder.Utf8("""{"schema":["Timestamp"],"results":[]}""");
        AssertAt(Fails<PositionalRow>(notObject), null, null, "a schema entry must be an object");

        string text = """{"schema":[{"name":"Timestamp"},{"name":"DeviceName"},{"name":"ProcessId"},{"name":"Action Type"},{"name":"X?"}],"results":[]}""";
        byte[] invalidUtf8 = ResponseBuilder.Utf8(text);
        invalidUtf8[text.IndexOf('?', StringComparison.Ordinal)] = 0xC3;
        AssertAt(Fails<PositionalRow>(invalidUtf8), null, null, "a schema column name is not valid UTF-8");
    }

    [Fact]
    public void Schema_names_in_another_order_or_escaped_still_predict_the_rows()
    {
        // The schema primes the layout; rows in another order, and names sent with \u escapes, still match.
        string json = """{"schema":[{"name":"Action\u0020Type"},{"name":"ProcessId"},{"name":"Extra"},{"name":"DeviceName"},{"name":"Timestamp"}],"results":[""" + Good + "," + Good + "]}";
        List<PositionalRow> rows = HuntingResultReader.ReadAll<PositionalRow>(ResponseBuilder.Utf8(json));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(new PositionalRow(new DateTime(2024, 3, 26, 9, 39, 50, DateTimeKind.Utc), "ws-1", 1, "A"), r));
    }

    [Fact]
    public void Null_in_non_nullable_value_types()
    {
        byte[] json = ResponseBuilder.Utf8(ResponseBuilder.Build(false, [("Count", "Int64"), ("When", "DateTime"), ("Flag", "Boolean")],
            ["""{"Count":1,"When":"2024-01-01T00:00:00Z","Flag":true}""", """{"Count":null,"When":null,"Flag":null}"""]));
        AssertAt(Fails<StrictRow>(json), 1, "Count", "null in a non-nullable long");
        StrictRow row = HuntingResultReader.ReadAll<StrictRow>(json, new HuntingReaderOptions { NullToDefault = true })[1];
        Assert.Equal(new StrictRow(0, default, false), row);
    }

    [Fact]
    public void Duplicate_columns_rows_that_are_not_objects_and_trailing_content()
    {
        AssertAt(Fails<PositionalRow>(Response(Good, Good.Replace("\"ProcessId\":1", "\"ProcessId\":1,\"ProcessId\":2", StringComparison.Ordinal))), 1, "ProcessId", "twice");
        AssertAt(Fails<PositionalRow>(Response(Good, "[1,2]")), 1, null, "must be a JSON object");
        Assert.Contains("after", Fails<PositionalRow>(ResponseBuilder.Utf8(Encoding.UTF8.GetString(Response(Good)) + " {}")).Message, StringComparison.Ordinal);
        Assert.Contains("no results", Fails<PositionalRow>(ResponseBuilder.Utf8("""{"error":{"code":"BadRequest","message":"x"}}""")).Message, StringComparison.Ordinal);
        Assert.Contains("must be a JSON object", Fails<PositionalRow>(ResponseBuilder.Utf8("[]")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_never_carry_cell_values()
    {
        string secret = "p@ssw0rd-SECRET";
        HuntingResultFormatException error = Fails<PositionalRow>(Response(Good.Replace("\"ProcessId\":1", $"\"ProcessId\":\"{secret}\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }
}
