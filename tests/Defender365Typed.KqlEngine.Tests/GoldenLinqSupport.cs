using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>One row of a dataset table, read by column name for the hand-written LINQ.</summary>
internal sealed class Row(KqlResultTable table, object?[] values)
{
    public object? this[string column]
    {
        get
        {
            int i = table.IndexOf(column);
            return i >= 0 ? values[i] : throw new ArgumentException($"{table.Name} has no column {column}.", nameof(column));
        }
    }

    public object?[] Values => values;

    public KqlResultTable Table => table;

    public string S(string column) => (string)this[column]!;

    public long? L(string column) => this[column] switch
    {
        int i => i,
        long l => l,
        _ => null,
    };

    public int? I(string column) => (int?)this[column];

    public bool? B(string column) => (bool?)this[column];

    public double? R(string column) => (double?)this[column];

    public Guid? G(string column) => (Guid?)this[column];

    public DateTime? D(string column) => (DateTime?)this[column];

    public DateTime T => D("Timestamp")!.Value;
}

/// <summary>Shared pieces of the golden-query-versus-LINQ tests: rows, KQL semantics written independently, comparison.</summary>
public abstract class GoldenLinqTestBase
{
    internal static DateTime Now => TestData.Now;

    internal static IEnumerable<Row> Rows(string table) => Rows(TestData.Dataset, table);

    internal static IEnumerable<Row> Rows(SyntheticDataset data, string table)
    {
        KqlResultTable t = data.Tables[table];
        return t.Rows.Select(r => new Row(t, r));
    }

    /// <summary>
    /// The synthetic dataset with some tables replaced by hand-built rows (JSON row objects; columns left out are null, or
    /// empty for strings). Used where the synthetic tenant has no rows for a golden query's tables, so that the query
    /// returns rows and the rows a filter must drop are there too.
    /// </summary>
    internal static SyntheticDataset With(params (string Table, string Json)[] tables) => tables.Aggregate(
        TestData.Dataset,
        (data, t) => data.With(JsonTableLoader.Parse(t.Json, t.Table, HuntingSchema.Columns(t.Table), t.Table + ".json")));

    internal static DateTime Ago(TimeSpan span) => Now - span;

    /// <summary>Rows built in code (anonymous objects named like the columns) as the JSON that <see cref="With"/> reads.</summary>
    internal static string Json(IEnumerable<object> rows) => System.Text.Json.JsonSerializer.Serialize(rows);

    /// <summary>KQL <c>has</c>, written with a regular expression (the engine uses a scan): the term must not continue
    /// with a letter or digit on a side where it begins or ends with one.</summary>
    internal static bool Has(string text, string term, bool caseSensitive = false)
    {
        string left = term.Length > 0 && char.IsLetterOrDigit(term[0]) ? @"(?<![\p{L}\p{Nd}])" : "";
        string right = term.Length > 0 && char.IsLetterOrDigit(term[^1]) ? @"(?![\p{L}\p{Nd}])" : "";
        return Regex.IsMatch(text, left + Regex.Escape(term) + right, caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
    }

    internal static bool HasPrefix(string text, string term)
    {
        string left = char.IsLetterOrDigit(term[0]) ? @"(?<![\p{L}\p{Nd}])" : "";
        return Regex.IsMatch(text, left + Regex.Escape(term), RegexOptions.IgnoreCase);
    }

    internal static bool HasSuffix(string text, string term)
    {
        string right = char.IsLetterOrDigit(term[^1]) ? @"(?![\p{L}\p{Nd}])" : "";
        return Regex.IsMatch(text, Regex.Escape(term) + right, RegexOptions.IgnoreCase);
    }

    internal static bool InCi(string text, params string[] values) => values.Any(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));

    internal static bool Ci(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    internal static bool StartsCi(string text, string part) => text.StartsWith(part, StringComparison.OrdinalIgnoreCase);

    internal static bool EndsCi(string text, string part) => text.EndsWith(part, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the golden test's typed query (its <c>ToKql()</c>) on the engine over the synthetic dataset.</summary>
    internal static KqlResultTable RunGolden(Action goldenTest) => RunGolden(goldenTest, TestData.Dataset);

    /// <summary>Runs the golden test's typed query on the engine over <paramref name="data"/>.</summary>
    internal static KqlResultTable RunGolden(Action goldenTest, SyntheticDataset data)
    {
        KqlTabular query = GoldenQueryTests.Capture(goldenTest);
        return KqlEvaluator.Execute(query.ToKql(), data, TestData.Options);
    }

    /// <summary>KQL <c>or</c> over nullable bools: true wins, then null (unknown), then false.</summary>
    internal static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    /// <summary>
    /// Compares the engine's rows with the LINQ rows (as multisets unless <paramref name="ordered"/>). Hand-built inputs
    /// also pass <paramref name="count"/>, the number of rows worked out by reading them, so that a LINQ mistake which
    /// drops or keeps every row cannot agree with the same engine mistake.
    /// </summary>
    internal static void AssertSameRows(
        KqlResultTable actual, IEnumerable<object?[]> expected, bool ordered = false, string[]? columns = null, int? count = null)
    {
        if (columns is not null)
        {
            Assert.Equal(columns, actual.Columns.Select(c => c.Name).ToArray());
        }

        List<string> want = expected.Select(Format).ToList();
        List<string> got = actual.Rows.Select(Format).ToList();
        if (!ordered)
        {
            want.Sort(StringComparer.Ordinal);
            got.Sort(StringComparer.Ordinal);
        }

        Assert.Equal(want, got);
        if (count is not null)
        {
            Assert.Equal(count.Value, got.Count);
        }

        Assert.NotEmpty(got);
    }

    private static string Format(object?[] row) => string.Join(" | ", row.Select(FormatValue));

    private static string FormatValue(object? v) => v switch
    {
        null => "null",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<object?> list => "[" + string.Join(",", list.Select(FormatValue)) + "]",
        _ => v.ToString() ?? "",
    };
}
