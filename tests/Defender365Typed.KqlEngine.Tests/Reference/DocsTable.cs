using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// Compares an engine result with an output table as Microsoft's KQL reference prints it (a Markdown table pasted
/// verbatim), so each reference test reads like its documentation page. A cell is compared by the column's type:
/// text and numbers as printed, datetimes and timespans parsed, reals within 1e-9 relative, dynamic values as JSON.
/// </summary>
internal static class DocsTable
{
    public static KqlResultTable Run(string kql) => TestData.Run(kql);

    /// <summary>The single value of <c>print x = expression</c>.</summary>
    public static object? Print(string expression) => TestData.Run("print x = " + expression).Rows[0][0];

    /// <summary>Runs <paramref name="kql"/> and asserts its columns and rows are the reference's printed table.</summary>
    public static void AssertOutput(string kql, string markdown) => AssertEqual(markdown, TestData.Run(kql));

    /// <summary>
    /// As <see cref="AssertOutput"/>, for the reference's examples that print rows in another order than the query
    /// promises (summarize groups, or rows the documentation sorted): each printed row must be one result row.
    /// </summary>
    public static void AssertOutputInAnyOrder(string kql, string markdown) => AssertEqual(markdown, TestData.Run(kql), anyOrder: true);

    public static void AssertEqual(string markdown, KqlResultTable actual, bool anyOrder = false)
    {
        List<string[]> lines = markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Cells)
            .ToList();
        string[] header = lines[0];
        List<string[]> rows = lines.Skip(2).ToList();
        Assert.Equal(header, actual.Columns.Select(c => c.Name));
        Assert.Equal(rows.Count, actual.Rows.Count);
        if (anyOrder)
        {
            var unmatched = actual.Rows.ToList();
            foreach (string[] row in rows)
            {
                int at = unmatched.FindIndex(a => Enumerable.Range(0, header.Length).All(c => CellEquals(actual.Columns[c].Type, row[c], a[c])));
                Assert.True(at >= 0, $"the reference prints the row '{string.Join(" | ", row)}', which the engine did not return");
                unmatched.RemoveAt(at);
            }

            return;
        }

        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < header.Length; c++)
            {
                object? value = actual.Rows[r][c];
                Assert.True(
                    CellEquals(actual.Columns[c].Type, rows[r][c], value),
                    $"row {r + 1}, column '{header[c]}': the reference prints '{rows[r][c]}', the engine gave '{FunctionTests.Text(value)}'");
            }
        }
    }

    /// <summary>The cells of one table line: one leading and one trailing '|' are the frame (empty cells stay); a
    /// <c>&lt;br&gt;</c> is a line break.</summary>
    private static string[] Cells(string line)
    {
        string framed = line.Trim();
        framed = framed.StartsWith('|') ? framed[1..] : framed;
        framed = framed.EndsWith('|') ? framed[..^1] : framed;
        return framed.Split('|').Select(c => c.Trim().Trim('`').Replace("<br>", "\n", StringComparison.Ordinal)).ToArray();
    }

    private static bool CellEquals(KqlScalarType type, string expected, object? actual)
    {
        if (expected.Length == 0)
        {
            return actual is null or "";
        }

        return type switch
        {
            KqlScalarType.DateTime => actual is DateTime d && d == DateTime.Parse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            KqlScalarType.TimeSpan => actual is TimeSpan t && t == TimeSpan.Parse(expected, CultureInfo.InvariantCulture),
            KqlScalarType.Real => actual is double x && Close(x, double.Parse(expected, CultureInfo.InvariantCulture)),
            KqlScalarType.Dynamic => DynamicJson.TryParse(expected, out object? json) ? DynamicEquals(json, actual) : actual is string s && s == expected,
            KqlScalarType.Bool => actual is bool b && b == bool.Parse(expected),
            // A Markdown cell cannot end with a space, so the text's trailing spaces are not compared.
            _ => FunctionTests.Text(actual).TrimEnd(' ') == expected,
        };
    }

    private static bool Close(double x, double y) => x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y));

    /// <summary>JSON equality where the reference's 118 and 118.0 are the same number.</summary>
    private static bool DynamicEquals(object? expected, object? actual) => (expected, actual) switch
    {
        (DynamicArray e, DynamicArray a) => e.Count == a.Count && e.Zip(a).All(p => DynamicEquals(p.First, p.Second)),
        (DynamicBag e, DynamicBag a) => e.Keys.SequenceEqual(a.Keys) && e.Keys.All(k => DynamicEquals(e[k], a[k])),
        (long or int or double, long or int or double) => Close(Convert.ToDouble(expected, CultureInfo.InvariantCulture), Convert.ToDouble(actual, CultureInfo.InvariantCulture)),
        (string e, TimeSpan a) => TimeSpan.Parse(e, CultureInfo.InvariantCulture) == a,
        (string e, DateTime a) => DateTime.Parse(e, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) == a,
        _ => Equals(expected, actual),
    };
}
