using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Tests.KqlFrontEnd;
using Xunit.Abstractions;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// Recall on errors put into the corpus queries Microsoft's analyzer accepts (SeededErrors). A seed counts only
/// when Kusto.Language, run on that exact text (seeded-labels.json, matched by SHA-256), reports an error at the
/// seeded span; each kind must then be caught by our analyzer at the same span.
/// </summary>
public sealed class SeededErrorTests
{
    /// <summary>Floor for every kind with at least <see cref="MinimumSeedsPerAssertedKind"/> confirmed seeds.</summary>
    private const double KindFloor = 0.95;

    /// <summary>Below this many confirmed seeds a kind's rate is printed, not asserted.</summary>
    private const int MinimumSeedsPerAssertedKind = 50;

    /// <summary>Floor under the rate over all kinds: 7635 of 7727 (98.8 %, measured 2026-12-04 with the type and call kinds), rounded down.</summary>
    private const double OverallFloor = 0.988;

    private readonly ITestOutputHelper _output;

    public SeededErrorTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Seeded_errors_are_caught_per_kind()
    {
        var schema = TestSchema.BuiltIn;
        var seeds = LabelledCorpus.Load().Where(q => q.IsClean).SelectMany(q => SeededErrors.For(q.File, q.Text, schema)).ToList();
        var seedsFile = Path.Combine(AppContext.BaseDirectory, "seeds.json");
        SeedLabels.WriteSeeds(seedsFile, seeds);

        var labels = SeedLabels.Load(SeedLabels.PathInRepository);
        var (stale, orphaned) = SeedLabels.Mismatches(seeds, labels);
        Assert.True(stale.Count == 0 && orphaned.Count == 0,
            $"seeded-labels.json does not match the seeds: {stale.Count} seeds without a label for their text (first: {stale.FirstOrDefault()}), " +
            $"{orphaned.Count} labels of no seed (first: {orphaned.FirstOrDefault()}). Regenerate: node tools/kql-check/label.js --seeds {seedsFile}");

        var rows = Enum.GetValues<SeedKind>().ToDictionary(k => k, _ => new KindRow());
        var misses = new List<string>();
        foreach (var seed in seeds)
        {
            var row = rows[seed.Kind];
            row.Seeds++;
            if (!labels[seed.Id].Errors.Any(e => seed.Overlaps(e.Start, e.Length)))
            {
                continue; // Kusto.Language does not report an error there: not an error, not counted.
            }

            row.Confirmed++;
            if (seed.IsCaughtBy(KqlAnalysis.Analyze(seed.Text, schema).Diagnostics))
            {
                row.Caught++;
            }
            else
            {
                misses.Add(seed.Id + " (" + seed.Description + ")");
            }
        }

        var all = new KindRow { Seeds = rows.Values.Sum(r => r.Seeds), Confirmed = rows.Values.Sum(r => r.Confirmed), Caught = rows.Values.Sum(r => r.Caught) };
        var report = new StringBuilder()
            .AppendLine("Seeded errors in the corpus queries Kusto.Language accepts; confirmed = Kusto.Language reports an error at the seed")
            .AppendLine(CultureInfo.InvariantCulture, $"function misspellings drawn from {KustoFunctionNames.Count} Kusto.Language function names (Corpus/kusto-functions.txt)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{"kind",-24} {"seeds",6} {"confirmed",9} {"caught",6} {"rate",7}  floor");
        foreach (var (kind, row) in rows)
        {
            var floor = row.Confirmed < MinimumSeedsPerAssertedKind ? $"not asserted (< {MinimumSeedsPerAssertedKind} seeds)"
                : KindFloor.ToString("P0", CultureInfo.InvariantCulture);
            report.AppendLine(CultureInfo.InvariantCulture, $"{kind,-24} {row.Seeds,6} {row.Confirmed,9} {row.Caught,6} {row.RateText,7}  {floor}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"{"all",-24} {all.Seeds,6} {all.Confirmed,9} {all.Caught,6} {all.RateText,7}  {OverallFloor.ToString("P1", CultureInfo.InvariantCulture)}")
            .AppendLine()
            .AppendLine("misses:");
        misses.ForEach(m => report.AppendLine("  " + m));
        LabelledCorpus.WriteReport(_output, "seeded-report.txt", report.ToString());

        Assert.True(all.Confirmed > 7000, $"too few confirmed seeds: {all.Confirmed}");
        var below = rows.Where(kv => kv.Value.Confirmed >= MinimumSeedsPerAssertedKind && kv.Value.Rate < KindFloor)
            .Select(kv => kv.Key + " " + kv.Value.RateText + " < " + KindFloor.ToString("P0", CultureInfo.InvariantCulture)).ToList();
        Assert.True(below.Count == 0, "kinds below their floor: " + string.Join(", ", below));
        Assert.True(all.Rate >= OverallFloor, "overall catch rate " + all.RateText);
    }

    [Fact]
    public void A_label_belongs_to_the_exact_seeded_text()
    {
        const string Query = "DeviceProcessEvents | project FileName";
        var seed = new Seed("q.kql", SeedKind.MisspelledColumn, Query, 30, 8, "FileNme", 30, 7, KqlDiagnosticKind.UnknownColumn, "FileName -> FileNme");
        var current = new SeedLabel(seed.Id, SeedLabels.Sha256("DeviceProcessEvents | project FileNme"), []);
        var before = new SeedLabel(seed.Id, SeedLabels.Sha256("DeviceProcessEvents | project FileNam"), []);
        var other = new SeedLabel("other.kql#MisspelledTable", current.Sha256, []);

        Assert.Equal("DeviceProcessEvents | project FileNme", seed.Text);
        // The hash label.js computes: lowercase hex SHA-256 of the UTF-8 text.
        Assert.Equal("4e38077049a9eaaf9680635c2f1b8dbd02633c63c4006217c401fa35c030cbe4", current.Sha256);
        Assert.Equal("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", SeedLabels.Sha256("\u00e9"));
        var ok = SeedLabels.Mismatches([seed], new Dictionary<string, SeedLabel> { [seed.Id] = current });
        Assert.Empty(ok.Stale);
        Assert.Empty(ok.Orphaned);
        var changed = SeedLabels.Mismatches([seed], new Dictionary<string, SeedLabel> { [seed.Id] = before, [other.Id] = other });
        Assert.Equal([seed.Id], changed.Stale);
        Assert.Equal([other.Id], changed.Orphaned);
    }

    private sealed class KindRow
    {
        public int Seeds { get; set; }

        public int Confirmed { get; set; }

        public int Caught { get; set; }

        public double Rate => Confirmed == 0 ? 0 : (double)Caught / Confirmed;

        public string RateText => Confirmed == 0 ? "-" : Rate.ToString("P1", CultureInfo.InvariantCulture);
    }
}
