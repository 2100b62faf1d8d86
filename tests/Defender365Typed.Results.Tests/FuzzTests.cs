using System;
using System.Collections.Generic;
using Defender365Typed.Benchmarks.Results;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary>
/// Random mutations and truncations of valid payloads raise only <see cref="HuntingResultFormatException"/>: a fixed number
/// of cases from a fixed seed, so every run checks the same inputs; <c>D365_FUZZ_RUNS</c> asks for more (same seed).
/// </summary>
public class FuzzTests
{
    private const int DefaultRuns = 3000;
    private const int Seed = 20240326;

    private static readonly byte[] Interesting = "{}[]\",:\\ 0-.eEtfn\u00ff"u8.ToArray();

    [Fact]
    public void Mutated_payloads_raise_only_the_library_exception()
    {
        var seeds = new List<byte[]>
        {
            ProcessEventsPayload.Build(20, ResponseShape.Graph),
            ProcessEventsPayload.Build(20, ResponseShape.Legacy),
            ResponseBuilder.Utf8(ResponseBuilder.Build(false, [("S", "String")],
            [
                """{"S":"a\u00e9\"","NS":null,"L":"5","I":1,"R":"NaN","Dec":1.5,"B":true,"Dt":"2024-01-01T00:00:00.1234567Z","Dto":"2024-01-01T00:00:00+02:00","G":"6f9619ff-8b86-d011-b42d-00c04fc964ff","Ts":"00:01:00","Dyn":{"a":[1,{"b":"{\"c\":1}"}]},"DynText":"[1]","Je":"{\"x\":[true]}"}""",
            ])),
        };

        var random = new Random(Seed);
        int runs = Runs(), failures = 0;
        var lenient = new HuntingReaderOptions { MissingColumns = MissingColumnHandling.UseDefault, RequireSchema = false };
        for (int run = 0; run < runs; run++)
        {
            byte[] seed = seeds[run % seeds.Count];
            byte[] mutated = Mutate(seed, random);
            failures += Run<ProcessEventRow>(mutated, lenient) + Run<ProcessKey>(mutated, null) + Run<AllTypesRow>(mutated, lenient);
            if (run % 10 == 0)
            {
                failures += RunStreamed(mutated, lenient);
            }
        }

        Assert.True(failures > runs / 2, $"only {failures} of {runs} mutations were rejected: most should be");
    }

    /// <summary>The number of cases: <see cref="DefaultRuns"/>, or <c>D365_FUZZ_RUNS</c> for a longer run.</summary>
    private static int Runs()
    {
        string? asked = Environment.GetEnvironmentVariable("D365_FUZZ_RUNS");
        if (string.IsNullOrEmpty(asked))
        {
            return DefaultRuns;
        }

        return int.TryParse(asked, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int runs) && runs > 0
            ? runs
            : throw new InvalidOperationException($"D365_FUZZ_RUNS must be a positive whole number of cases, not '{asked}'.");
    }

    private static int Run<T>(byte[] json, HuntingReaderOptions? options)
        where T : IHuntingReadable<T>
    {
        try
        {
            HuntingResultReader.ReadAll<T>(json, options);
            HuntingResultReader.ReadAll<T>(json.AsMemory(), options);
            HuntingResultReader.ReadAll<T>(BasicReadTests.Segmented(json, 13), options);
            return 0;
        }
        catch (HuntingResultFormatException)
        {
            return 1;
        }
    }

    private static int RunStreamed(byte[] json, HuntingReaderOptions options)
    {
        try
        {
            BasicReadTests.Collect(HuntingResultReader.StreamAsync<ProcessEventRow>(new TrickleStream(json, 50), new HuntingReaderOptions
            {
                MissingColumns = options.MissingColumns,
                RequireSchema = options.RequireSchema,
                StreamBufferSize = 256,
            }));
            return 0;
        }
        catch (HuntingResultFormatException)
        {
            return 1;
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 4:
                    return bytes.GetRange(0, at).ToArray(); // truncation
                default:
                    int from = random.Next(bytes.Count);
                    int length = Math.Min(bytes.Count - from, 1 + random.Next(40));
                    bytes.InsertRange(at, bytes.GetRange(from, length));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
