using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Defender365Typed.Cli.Output;

/// <summary>A plain-text table: a header, a rule, one line per row, columns padded to the widest cell.</summary>
internal static class TextTable
{
    public const int MaxCellWidth = 72;

    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        List<string[]> cells = rows.Select(r => headers.Select((_, i) => Clip(i < r.Count ? r[i] : null)).ToArray()).ToList();
        int[] widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(headers.ToArray(), widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] row in cells)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    /// <summary>An incident table (the demo's and <c>incidents list</c>'s layout).</summary>
    public static async System.Threading.Tasks.Task WriteAsync(TextWriter output, IAsyncEnumerable<Defender365Typed.Client.SecurityIncident> incidents)
    {
        var list = new List<Defender365Typed.Client.SecurityIncident>();
        await foreach (Defender365Typed.Client.SecurityIncident i in incidents)
        {
            list.Add(i);
        }

        WriteIncidents(output, list);
    }

    public static void WriteIncidents(TextWriter output, IReadOnlyList<Defender365Typed.Client.SecurityIncident> incidents)
    {
        Write(output, ["Id", "Severity", "Status", "Assigned to", "Created (UTC)", "Name"], incidents.Select(i => new[]
        {
            i.Id, i.Severity.ToString(), i.Status.ToString(), i.AssignedTo ?? "-",
            i.CreatedDateTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), i.DisplayName,
        }));
        output.WriteLine(incidents.Count == 1 ? "1 incident." : $"{incidents.Count} incidents.");
    }

    private static string Line(string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("  ");
            }

            sb.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }

        return sb.ToString().TrimEnd();
    }

    private static string Clip(string? value)
    {
        string text = (value ?? string.Empty).ReplaceLineEndings(" ").Replace('\t', ' ');
        return text.Length <= MaxCellWidth ? text : string.Concat(text.AsSpan(0, MaxCellWidth - 1), "…");
    }
}

/// <summary>RFC 4180 CSV.</summary>
internal static class Csv
{
    public static void WriteRow(TextWriter output, IEnumerable<string?> cells)
    {
        output.Write(string.Join(',', cells.Select(Quote)));
        output.Write("\r\n");
    }

    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
