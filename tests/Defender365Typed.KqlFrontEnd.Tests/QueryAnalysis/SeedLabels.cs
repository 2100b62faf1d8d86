using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Defender365Typed.Generators.Tests.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>One Error diagnostic of Kusto.Language on a seeded query.</summary>
internal sealed record KustoError(string Code, int Start, int Length, string Message);

/// <summary>What Kusto.Language reports on one seeded query, and the SHA-256 of the text it was run on.</summary>
internal sealed record SeedLabel(string Id, string Sha256, IReadOnlyList<KustoError> Errors);

/// <summary>
/// Corpus/seeded-labels.json (made by tools/kql-check/label.js) and the seeds.json the labeller reads. A label
/// belongs to a seed only when the seed's text hashes to the label's <c>sha256</c>: a change in seeding makes
/// labels stale instead of matching them by id.
/// </summary>
internal static class SeedLabels
{
    public static string PathInRepository => Path.Combine(TestSchema.CorpusDirectory, "..", "seeded-labels.json");

    public static Dictionary<string, SeedLabel> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var labels = new Dictionary<string, SeedLabel>(StringComparer.Ordinal);
        foreach (var e in doc.RootElement.GetProperty("seeds").EnumerateArray())
        {
            var errors = e.GetProperty("errors").EnumerateArray()
                .Select(x => new KustoError(x.GetProperty("code").GetString()!, x.GetProperty("start").GetInt32(), x.GetProperty("length").GetInt32(), x.GetProperty("message").GetString()!))
                .ToList();
            var label = new SeedLabel(e.GetProperty("id").GetString()!, e.GetProperty("sha256").GetString()!, errors);
            labels.Add(label.Id, label);
        }

        return labels;
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 text (what label.js computes).</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Seeds without a label for their exact text, and labels no seed has; both empty when the labels are current.</summary>
    public static (List<string> Stale, List<string> Orphaned) Mismatches(IReadOnlyList<Seed> seeds, IReadOnlyDictionary<string, SeedLabel> labels)
    {
        var stale = seeds.Where(s => !labels.TryGetValue(s.Id, out var l) || l.Sha256 != Sha256(s.Text)).Select(s => s.Id).ToList();
        var ids = new HashSet<string>(seeds.Select(s => s.Id), StringComparer.Ordinal);
        var orphaned = labels.Keys.Where(id => !ids.Contains(id)).OrderBy(id => id, StringComparer.Ordinal).ToList();
        return (stale, orphaned);
    }

    /// <summary>Writes the seeds as label.js reads them: one edit of a corpus file each, and the hash of the result.</summary>
    public static void WriteSeeds(string path, IEnumerable<Seed> seeds)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("seeds");
        foreach (var s in seeds)
        {
            json.WriteStartObject();
            json.WriteString("id", s.Id);
            json.WriteString("file", s.File);
            json.WriteNumber("at", s.EditAt);
            json.WriteNumber("remove", s.EditRemove);
            json.WriteString("insert", s.EditInsert);
            json.WriteString("sha256", Sha256(s.Text));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
