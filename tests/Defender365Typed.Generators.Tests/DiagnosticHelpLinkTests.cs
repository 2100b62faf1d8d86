using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Defender365Typed.Generators.Tests;

/// <summary>Every diagnostic the generator assembly can report links to its page in docs/diagnostics, and the page exists.</summary>
public sealed class DiagnosticHelpLinkTests
{
    private const string HelpLinkBase = "https://github.com/defender365typed/defender365typed/blob/main/docs/diagnostics/";

    private static string DocsFolder => Path.Combine(RepoPaths.Root, "docs", "diagnostics");

    /// <summary>Static DiagnosticDescriptor fields of the assembly plus what each of its analyzers declares.</summary>
    private static List<DiagnosticDescriptor> Descriptors()
    {
        var found = new List<DiagnosticDescriptor>();
        foreach (Type type in typeof(HuntingGenerator).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.FieldType == typeof(DiagnosticDescriptor))
                {
                    found.Add((DiagnosticDescriptor)field.GetValue(null)!);
                }
            }

            if (!type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            {
                found.AddRange(((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics);
            }
        }

        return found;
    }

    [Fact]
    public void The_generator_assembly_reports_the_declaration_raw_kql_chain_hunting_query_and_schema_file_diagnostics()
    {
        string[] expected = Enumerable.Range(1, 9).Select(i => $"DTQ00{i}")
            .Concat(Enumerable.Range(100, 9).Select(i => $"DTQ{i}"))
            .Concat(Enumerable.Range(110, 7).Select(i => $"DTQ{i}"))
            .Concat(["DTQ130", "DTQ131"]).ToArray();

        Assert.Equal(expected, Descriptors().Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_descriptor_links_to_an_existing_page_that_states_its_severity_and_category()
    {
        var problems = new List<string>();
        foreach (DiagnosticDescriptor d in Descriptors())
        {
            string page = Path.Combine(DocsFolder, d.Id + ".md");
            if (d.HelpLinkUri != HelpLinkBase + d.Id + ".md")
            {
                problems.Add($"{d.Id}: help link '{d.HelpLinkUri}'");
            }
            else if (!File.Exists(page))
            {
                problems.Add($"{d.Id}: no docs/diagnostics/{d.Id}.md");
            }
            else
            {
                string[] lines = File.ReadAllLines(page);
                if (!lines[0].StartsWith($"# {d.Id}: ", StringComparison.Ordinal))
                {
                    problems.Add($"{d.Id}: the page's title is '{lines[0]}'");
                }

                if (!lines.Contains($"**Severity:** {d.DefaultSeverity} · **Category:** {d.Category}"))
                {
                    problems.Add($"{d.Id}: the page does not state severity {d.DefaultSeverity} and category {d.Category}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_page_belongs_to_a_descriptor()
    {
        var ids = Descriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        string[] stale = Directory.EnumerateFiles(DocsFolder, "*.md").Select(Path.GetFileNameWithoutExtension)
            .Where(name => !ids.Contains(name!)).Select(name => name!).ToArray();

        Assert.Empty(stale);
    }
}
