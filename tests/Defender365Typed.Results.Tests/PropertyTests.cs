using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary>
/// Random rows of every column type, each value in one of the encodings the service may use, serialized into both
/// envelopes with random key order and extra columns, read back through every input path and compared with the
/// JsonDocument reference decode.
/// </summary>
public class PropertyTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    // Every string column interned through one cache shared by all iterations, so later reads hit earlier values.
    private static readonly HuntingReaderOptions Cached = new() { Interning = StringInterning.AllStrings, InternCache = new HuntingInternCache() };
    private static readonly string[] Columns = ["S", "NS", "L", "I", "R", "Dec", "B", "Dt", "Dto", "G", "Ts", "Dyn", "DynText", "Je"];

    private static readonly Gen<string> GenText =
        Gen.OneOf(
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.Char[' ', '~'].Select(c => c.ToString()),
            Gen.Char['\0', '\u001f'].Select(c => c.ToString()),
            Gen.OneOf("\"", "\\", "/", "é", "日本", "😀", "\u2028", "{", "[", " ", "\t", "{\"a\":1}"))
        .Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<string> GenString = Gen.Select(GenText, Gen.Bool, (s, relaxed) => relaxed ? JsonSerializer.Serialize(s, Relaxed) : JsonSerializer.Serialize(s));

    private static readonly Gen<string> GenJson = Gen.Recursive<string>((depth, inner) => depth >= 3
        ? Scalars()
        : Gen.Frequency(
            (3, Scalars()),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Gen.Char['a', 'e'].Array[1, 3], inner).Array[0, 4]
                .Select(members => "{" + string.Join(",", members.DistinctBy(m => new string(m.Item1)).Select(m => JsonSerializer.Serialize(new string(m.Item1)) + ":" + m.Item2)) + "}"))));

    private static readonly Gen<string> GenDynamic = Gen.Frequency(
        (3, GenJson),
        (2, GenJson.Where(j => j[0] is '{' or '[').Select(j => JsonSerializer.Serialize(j))),
        (1, GenJson.Where(j => j[0] is '{' or '[').Select(j => JsonSerializer.Serialize(" \n" + j + " "))),
        (1, GenString));

    private static readonly Gen<string[]> GenRowCells = Gen.Select(
        Gen.Select(
            Nullable(GenString),
            Nullable(GenString),
            Nullable(Gen.Long.SelectMany(l => Gen.OneOf(Num(l), Quote(Num(l))))),
            Nullable(Gen.Int.SelectMany(i => Gen.OneOf(Num(i), Quote(Num(i))))),
            Nullable(Gen.OneOf(
                Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
                Gen.Double.Where(double.IsFinite).Select(d => Quote(d.ToString("R", CultureInfo.InvariantCulture))),
                Gen.OneOf("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "0", "-0", "1e308", "5e-324"))),
            Nullable(Gen.Decimal.Select(d => d.ToString(CultureInfo.InvariantCulture)).SelectMany(t => Gen.OneOf(t, Quote(t)))),
            Nullable(Gen.OneOf("true", "false", "\"true\"", "\"False\"", "0", "1"))),
        Gen.Select(
            Nullable(Gen.Select(Gen.DateTime, Gen.Int[0, 3], (d, form) => Quote(form switch
            {
                0 => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                1 => d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                2 => d.ToString("yyyy-MM-dd'T'HH:mm:ss.ff", CultureInfo.InvariantCulture),
                _ => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture),
            }))),
            Nullable(Gen.Select(Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2100, 1, 1)], Gen.Int[-14 * 60, 14 * 60], (d, minutes) =>
                Quote(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Unspecified), TimeSpan.FromMinutes(minutes)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)))),
            Nullable(Gen.Guid.Select(g => Quote(g.ToString("D")))),
            Nullable(Gen.TimeSpan.Select(t => Quote(t.ToString("c", CultureInfo.InvariantCulture)))),
            Nullable(GenDynamic),
            Nullable(GenDynamic),
            Nullable(GenDynamic)),
        (a, b) => new[] { a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7 });

    private static readonly Gen<string> GenRow = Gen.Select(GenRowCells, Gen.Int, GenJson.Array[0, 2], (cells, seed, extras) =>
    {
        var members = cells.Select((cell, i) => JsonSerializer.Serialize(Columns[i]) + ":" + cell)
            .Concat(extras.Select((extra, i) => $"\"Extra{i}\":{extra}"))
            .ToList();
        var random = new Random(seed);
        return "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
    });

    private static readonly Gen<(bool Legacy, string[] Rows, int Segment, int Chunk)> GenResponse =
        Gen.Select(Gen.Bool, GenRow.Array[0, 12], Gen.Int[1, 64], Gen.Int[1, 400]);

    [Fact]
    public void Random_rows_read_back_equal_to_the_JsonDocument_reference_through_every_input_path()
    {
        GenResponse.Sample(response =>
        {
            string json = ResponseBuilder.Build(response.Legacy, Columns.Select(c => (c, "Object")), response.Rows);
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            List<ReferenceDecoder.Expected> expected = ReferenceDecoder.Decode(utf8);

            Check(expected, HuntingResultReader.ReadAll<AllTypesRow>(utf8));
            Check(expected, HuntingResultReader.ReadAll<AllTypesRow>(utf8.AsMemory(), Cached));
            Check(expected, HuntingResultReader.ReadAll<AllTypesRow>(BasicReadTests.Segmented(utf8, response.Segment)));
            Check(expected, BasicReadTests.Collect(HuntingResultReader.StreamAsync<AllTypesRow>(
                new TrickleStream(utf8, response.Chunk, response.Segment), new HuntingReaderOptions { StreamBufferSize = 256 })));
            var pipe = PipeReader.Create(new TrickleStream(utf8, response.Chunk), new StreamPipeReaderOptions(bufferSize: 64, minimumReadSize: 16));
            Check(expected, BasicReadTests.Collect(HuntingResultReader.StreamAsync<AllTypesRow>(pipe)));
        }, iter: 400, threads: 1);
    }

    private static void Check(List<ReferenceDecoder.Expected> expected, List<AllTypesRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            ReferenceDecoder.AssertSame(expected[i], actual[i], i);
        }
    }

    private static Gen<string> Scalars() => Gen.OneOf(
        GenString,
        Gen.Long.Select(Num),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOf("true", "false", "null"));

    private static Gen<string> Nullable(Gen<string> gen) => Gen.Frequency((1, Gen.Const("null")), (6, gen));

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text + "\"";
}
