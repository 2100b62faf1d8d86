using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// The command line's tables (incidents, hunting rows, schema listings), rendered by Spectre.Console: a header, a
/// rule, one line per row, columns two spaces apart. Cell text is never parsed as markup.
/// </summary>
internal static class ResultTable
{
    /// <summary>Longer cells end in an ellipsis; line breaks and tabs in a cell become spaces.</summary>
    public const int MaxCellWidth = 72;

    public static void Write(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        Style header = console.Profile.Capabilities.Ansi ? new Style(decoration: Decoration.Bold) : Style.Plain;
        var table = new Table { Border = HeaderRuleBorder.Instance };
        for (int i = 0; i < headers.Count; i++)
        {
            table.AddColumn(new TableColumn(new Text(headers[i], header)).PadLeft(0).PadRight(i == headers.Count - 1 ? 0 : 2));
        }

        foreach (IReadOnlyList<string?> row in rows)
        {
            table.AddRow(headers.Select((_, i) => (IRenderable)new Text(Clip(i < row.Count ? row[i] : null))));
        }

        console.Write(table);
    }

    /// <summary>An incident table and its count (the demo's and <c>incidents list</c>'s layout).</summary>
    public static void WriteIncidents(IAnsiConsole console, IReadOnlyList<SecurityIncident> incidents)
    {
        Write(console, ["Id", "Severity", "Status", "Assigned to", "Created (UTC)", "Name"], incidents.Select(i => new[]
        {
            i.Id, i.Severity.ToString(), i.Status.ToString(), i.AssignedTo ?? "-",
            i.CreatedDateTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), i.DisplayName,
        }));
        console.WriteLine(incidents.Count == 1 ? "1 incident." : $"{incidents.Count} incidents.");
    }

    private static string Clip(string? value)
    {
        string text = (value ?? string.Empty).ReplaceLineEndings(" ").Replace('\t', ' ');
        return text.Length <= MaxCellWidth ? text : string.Concat(text.AsSpan(0, MaxCellWidth - 1), "…");
    }

    /// <summary>No frame and no column separators (padding makes the gaps), only a rule under the header.</summary>
    private sealed class HeaderRuleBorder : TableBorder
    {
        public static readonly HeaderRuleBorder Instance = new();

        public override string GetPart(TableBorderPart part) => part == TableBorderPart.HeaderBottom ? "-" : string.Empty;
    }
}
