using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Defender365Typed.Generators.Tests.KqlFrontEnd;
using Xunit.Abstractions;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>One corpus query and the Error diagnostics Microsoft's analyzer reports on it (labels.json).</summary>
internal sealed record LabelledQuery(string File, string Text, IReadOnlyList<KustoError> Errors)
{
    public bool IsClean => Errors.Count == 0;
}

/// <summary>The hunting-query corpus with its Kusto.Language labels (tools/kql-check/label.js), and report output.</summary>
internal static class LabelledCorpus
{
    public static List<LabelledQuery> Load()
    {
        var dir = TestSchema.CorpusDirectory;
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "labels.json")));
        var list = new List<LabelledQuery>();
        foreach (var e in labels.RootElement.EnumerateArray())
        {
            var file = e.GetProperty("file").GetString()!;
            var errors = e.GetProperty("errors").EnumerateArray()
                .Select(x => new KustoError(x.GetProperty("code").GetString()!, x.GetProperty("start").GetInt32(), x.GetProperty("length").GetInt32(), x.GetProperty("message").GetString()!))
                .ToList();
            list.Add(new LabelledQuery(file, File.ReadAllText(Path.Combine(dir, file)), errors));
        }

        return list;
    }

    /// <summary>Prints a report to the test output and writes it beside the test assembly.</summary>
    public static void WriteReport(ITestOutputHelper output, string name, string text)
    {
        output.WriteLine(text.Length > 20000 ? text.Substring(0, 20000) + "\n..." : text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, name), text);
    }
}
