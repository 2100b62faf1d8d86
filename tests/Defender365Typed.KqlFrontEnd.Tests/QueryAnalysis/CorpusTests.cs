using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Tests.KqlFrontEnd;
using Xunit.Abstractions;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// The real-world proof: every query of the third-party corpus goes through the front end with the documented
/// schema. Zero findings are allowed on the queries Microsoft's analyzer (Kusto.Language, labels.json) accepts;
/// on the rest the two are compared; seeded errors measure the catch rate.
/// </summary>
public sealed class CorpusTests
{
    /// <summary>Floor under the measured catch rate (97.5 % of the 3711 seeds Kusto.Language confirms).</summary>
    private const double SeededCatchRateFloor = 0.97;

    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    private sealed record Labelled(string File, string Text, List<string> Codes, List<(int Start, int Length, string Code, string Message)> Errors);

    private static List<Labelled> LoadCorpus()
    {
        var dir = TestSchema.CorpusDirectory;
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "labels.json")));
        var list = new List<Labelled>();
        foreach (var e in labels.RootElement.EnumerateArray())
        {
            var file = e.GetProperty("file").GetString()!;
            var codes = new List<string>();
            var errors = new List<(int, int, string, string)>();
            foreach (var err in e.GetProperty("errors").EnumerateArray())
            {
                var code = err.GetProperty("code").GetString()!;
                codes.Add(code);
                errors.Add((err.GetProperty("start").GetInt32(), err.GetProperty("length").GetInt32(), code, err.GetProperty("message").GetString()!));
            }

            list.Add(new Labelled(file, File.ReadAllText(Path.Combine(dir, file)), codes, errors));
        }

        return list;
    }

    [Fact]
    public void Clean_queries_get_no_finding_and_the_rest_are_compared()
    {
        var corpus = LoadCorpus();
        Assert.Equal(889, corpus.Count);
        var schema = TestSchema.BuiltIn;
        var report = new StringBuilder();
        var falsePositives = new List<string>();
        int clean = 0, dirty = 0, dirtyFlagged = 0, sameSpot = 0;
        var dirtyLines = new List<string>();
        foreach (var q in corpus)
        {
            var result = KqlAnalysis.Analyze(q.Text, schema);
            if (q.Codes.Count == 0)
            {
                clean++;
                foreach (var d in result.Diagnostics)
                {
                    falsePositives.Add(q.File + ": " + d);
                }

                continue;
            }

            dirty++;
            if (result.Diagnostics.Count > 0)
            {
                dirtyFlagged++;
            }

            var overlap = q.Errors.Any(k => result.Diagnostics.Any(d => d.Start < k.Start + Math.Max(k.Length, 1) && k.Start < d.Start + Math.Max(d.Length, 1)));
            if (overlap)
            {
                sameSpot++;
            }

            var first = q.Errors[0];
            var ours = result.Diagnostics.Count == 0 ? "(nothing)" : string.Join(" | ", result.Diagnostics.Take(2).Select(d => d.Kind + "@" + d.Start.ToString(CultureInfo.InvariantCulture) + " " + d.Message));
            dirtyLines.Add(q.File + "\n    Kusto.Language: " + first.Code + "@" + first.Start.ToString(CultureInfo.InvariantCulture) + " " + first.Message + (q.Errors.Count > 1 ? " (+" + (q.Errors.Count - 1).ToString(CultureInfo.InvariantCulture) + ")" : "") + "\n    ours:           " + ours);
        }

        report.AppendLine("KQL front end on the hunting-query corpus (" + corpus.Count.ToString(CultureInfo.InvariantCulture) + " files)");
        report.AppendLine("clean per Kusto.Language: " + clean.ToString(CultureInfo.InvariantCulture) + ", with our findings: " + falsePositives.Count.ToString(CultureInfo.InvariantCulture));
        report.AppendLine("with Kusto.Language errors: " + dirty.ToString(CultureInfo.InvariantCulture) + ", we flag " + dirtyFlagged.ToString(CultureInfo.InvariantCulture) + ", at an error Kusto.Language reports " + sameSpot.ToString(CultureInfo.InvariantCulture));
        report.AppendLine();
        foreach (var line in dirtyLines)
        {
            report.AppendLine(line);
        }

        Write("corpus-report.txt", report.ToString());
        Assert.True(falsePositives.Count == 0, "Findings on clean queries:\n" + string.Join("\n", falsePositives));
    }

    [Fact]
    public void Seeded_errors_are_caught()
    {
        var corpus = LoadCorpus();
        var schema = TestSchema.BuiltIn;
        var confirmed = LoadSeedLabels();
        var byKind = new Dictionary<SeedKind, (int Total, int Caught)>();
        var misses = new List<string>();
        int total = 0, caught = 0, unconfirmed = 0;
        var seedsDir = Environment.GetEnvironmentVariable("KQL_SEEDS_DIR");
        foreach (var q in corpus.Where(q => q.Codes.Count == 0))
        {
            foreach (var seed in SeededErrors.For(q.File, q.Text, schema))
            {
                if (!string.IsNullOrEmpty(seedsDir))
                {
                    var path = Path.Combine(seedsDir, seed.Id.Replace('/', '_').Replace('#', '_') + ".kql");
                    File.WriteAllText(path, seed.Text);
                }

                if (confirmed != null && !confirmed.Contains(seed.Id))
                {
                    // Kusto.Language does not report this seed as an error: not counted.
                    unconfirmed++;
                    continue;
                }

                var result = KqlAnalysis.Analyze(seed.Text, schema);
                var hit = seed.IsCaughtBy(result.Diagnostics);
                total++;
                byKind.TryGetValue(seed.Kind, out var k);
                byKind[seed.Kind] = (k.Total + 1, k.Caught + (hit ? 1 : 0));
                if (hit)
                {
                    caught++;
                }
                else
                {
                    misses.Add(seed.Id + " (" + seed.Description + ")");
                }
            }
        }

        var rate = (double)caught / total;
        var report = new StringBuilder();
        report.AppendLine("Seeded errors in clean corpus queries" + (confirmed != null ? " (only seeds Kusto.Language also reports; " + unconfirmed.ToString(CultureInfo.InvariantCulture) + " it accepts were skipped)" : ""));
        report.AppendLine("caught " + caught.ToString(CultureInfo.InvariantCulture) + " of " + total.ToString(CultureInfo.InvariantCulture) + " = " + rate.ToString("P1", CultureInfo.InvariantCulture));
        foreach (var kv in byKind.OrderBy(kv => kv.Key))
        {
            report.AppendLine("  " + kv.Key + ": " + kv.Value.Caught.ToString(CultureInfo.InvariantCulture) + "/" + kv.Value.Total.ToString(CultureInfo.InvariantCulture));
        }

        report.AppendLine("misses:");
        foreach (var m in misses)
        {
            report.AppendLine("  " + m);
        }

        Write("seeded-report.txt", report.ToString());
        Assert.True(total > 3000, "too few seeds: " + total.ToString(CultureInfo.InvariantCulture));
        Assert.True(rate >= SeededCatchRateFloor, "catch rate " + rate.ToString("P1", CultureInfo.InvariantCulture));
    }

    /// <summary>Seeds Kusto.Language reports as errors (Corpus/seeded-labels.json, made with tools/kql-check), or null when absent.</summary>
    private static HashSet<string>? LoadSeedLabels()
    {
        var path = Path.Combine(TestSchema.CorpusDirectory, "..", "seeded-labels.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in doc.RootElement.GetProperty("confirmed").EnumerateArray())
        {
            set.Add(e.GetString()!);
        }

        return set;
    }

    private void Write(string name, string text)
    {
        _output.WriteLine(text.Length > 20000 ? text.Substring(0, 20000) + "\n..." : text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, name), text);
    }
}
