using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Defender365Typed.Tests.Golden;

/// <summary>Keeps the approved files and the golden tests in step, and the corpus as broad as promised.</summary>
public sealed class GoldenCatalogTests
{
    private const int MinimumQueries = 60;
    private const int MinimumTables = 12;

    [Fact]
    public void Every_approved_file_belongs_to_exactly_one_golden_test()
    {
        var tests = GoldenTestNames();
        var duplicates = tests.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(t => t.Type))})").ToList();
        Assert.True(duplicates.Count == 0, "Golden tests share an approved file name: " + string.Join("; ", duplicates));

        var names = tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var files = ApprovedNames().ToHashSet(StringComparer.Ordinal);
        var orphans = files.Except(names).Order(StringComparer.Ordinal).ToList();
        var missing = names.Except(files).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            orphans.Count == 0 && missing.Count == 0,
            $"Approved files without a golden test (delete them): {string.Join(", ", orphans)}\n" +
            $"Golden tests without an approved file (run the tests, review and approve the .received.kql): {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_golden_queries_cover_enough_queries_and_tables()
    {
        string[] names = ApprovedNames().ToArray();
        Assert.True(names.Length >= MinimumQueries, $"Only {names.Length} golden queries; keep at least {MinimumQueries}.");

        string corpus = string.Join("\n", names.Select(n => File.ReadAllText(ApprovedFile.ApprovedPath(n))));
        var tables = typeof(Hunting).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => p.Name)
            .Where(table => Regex.IsMatch(corpus, $@"(?:^|\(|= ){table}(?=$|\s\||\))", RegexOptions.Multiline | RegexOptions.CultureInvariant))
            .ToList();
        Assert.True(tables.Count >= MinimumTables, $"The golden queries read only {tables.Count} tables ({string.Join(", ", tables)}); keep at least {MinimumTables}.");
    }

    private static IEnumerable<string> ApprovedNames() =>
        Directory.EnumerateFiles(ApprovedFile.QueriesDirectory, "*.kql")
            .Select(Path.GetFileName)
            .Where(file => !file!.EndsWith(".received.kql", StringComparison.Ordinal))
            .Select(file => Path.GetFileNameWithoutExtension(file)!);

    private static List<(string Name, string Type)> GoldenTestNames() =>
        typeof(GoldenQueryTests).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(GoldenQueryTests)) && !type.IsAbstract)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(method => method.GetCustomAttribute<FactAttribute>() is not null)
                .Select(method => (method.Name, type.Name)))
            .ToList();
}
