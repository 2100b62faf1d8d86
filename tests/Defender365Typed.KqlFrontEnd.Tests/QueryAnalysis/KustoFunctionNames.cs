using System;
using System.Collections.Generic;
using System.IO;
using Defender365Typed.Generators.Tests.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// The built-in function and aggregate names of Microsoft's analyzer (Kusto.Language, listed in
/// Corpus/kusto-functions.txt by tools/kql-check/label.js): where seeded function misspellings come from, so that
/// seeding does not depend on the function catalog of the analyzer under test.
/// </summary>
internal static class KustoFunctionNames
{
    private static readonly Lazy<HashSet<string>> Names = new Lazy<HashSet<string>>(Load);

    public static int Count => Names.Value.Count;

    public static IEnumerable<string> All => Names.Value;

    public static bool Contains(string name) => Names.Value.Contains(name);

    private static HashSet<string> Load()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(TestSchema.CorpusDirectory, "..", "kusto-functions.txt")))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                names.Add(line);
            }
        }

        return names;
    }
}
