using System;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Tabular operators over small hand-made tables.</summary>
public sealed class OperatorTests
{
    private static readonly DateTime Now = TestData.Now;

    private static readonly TableSource Tables = new(
    [
        new KqlResultTable("T",
        [
            new("Name", KqlScalarType.String), new("N", KqlScalarType.Long), new("R", KqlScalarType.Real), new("When", KqlScalarType.DateTime),
            new("Tags", KqlScalarType.Dynamic), new("Port", KqlScalarType.Int),
        ],
        [
            ["alpha", 1L, 1.5, Now.AddHours(-1), new DynamicArray(["a", "b"]), 80],
            ["Beta", 2L, double.NaN, Now.AddDays(-2), DynamicArray.Empty, 443],
            ["gamma", null, 2.5, null, null, null],
            ["alpha", 3L, -1.0, Now.AddMinutes(-30), new DynamicBag([new("k", 1L), new("j", "x")]), 8080],
        ]),
        new KqlResultTable("L", [new("Key", KqlScalarType.String), new("A", KqlScalarType.Long)],
            [["k1", 1L], ["k1", 2L], ["k2", 3L], ["k4", 4L]]),
        new KqlResultTable("R", [new("Key", KqlScalarType.String), new("A", KqlScalarType.Long), new("B", KqlScalarType.String)],
            [["k1", 10L, "x"], ["k2", 20L, "y"], ["k2", 21L, "z"], ["k3", 30L, "w"]]),
    ]);

    private static KqlResultTable Run(string kql) => KqlEvaluator.Execute(kql, Tables, new EngineOptions { Now = Now });

    private static string[] Column(KqlResultTable t, string name) => FunctionTests.Texts(t, name).ToArray();

    private static string[] Names(KqlResultTable t) => t.Columns.Select(c => c.Name).ToArray();

    [Fact]
    public void Where_filters_and_null_never_matches()
    {
        Assert.Equal(["1", "3"], Column(Run("T | where Name == 'alpha'"), "N"));
        Assert.Equal(["alpha", "alpha"], Column(Run("T | where N != 2 and isnotnull(N)"), "Name"));
        Assert.Equal(4, Run("T | filter N > 0 or R > 2.0").Rows.Count);
        Assert.Equal(["alpha", "alpha"], Column(Run("T | where When > ago(1d)"), "Name"));
    }

    [Fact]
    public void Project_renames_computes_and_orders_columns()
    {
        KqlResultTable t = Run("T | project Port, Label = strcat(Name, '-', N), N");
        Assert.Equal(["Port", "Label", "N"], Names(t));
        Assert.Equal(["alpha-1", "Beta-2", "gamma-", "alpha-3"], Column(t, "Label"));
        Assert.Equal(["Column1"], Names(Run("T | project strlen(Name)")));
    }

    [Fact]
    public void Extend_replaces_in_place_and_appends()
    {
        KqlResultTable t = Run("T | extend N = N * 10, Twice = R * 2");
        Assert.Equal(["Name", "N", "R", "When", "Tags", "Port", "Twice"], Names(t));
        Assert.Equal(["10", "20", "null", "30"], Column(t, "N"));
    }

    [Fact]
    public void Project_away_keep_rename_and_reorder()
    {
        Assert.Equal(["Name", "N", "Tags", "Port"], Names(Run("T | project-away R, When")));
        Assert.Equal(["Name", "N", "R"], Names(Run("T | project-away W*, T*, P*")));
        Assert.Equal(["Name", "Port"], Names(Run("T | project-keep Port, Name")));
        Assert.Equal(["Label", "N", "R", "When", "Tags", "Port"], Names(Run("T | project-rename Label = Name")));
        Assert.Equal(["Port", "Name", "N", "R", "When", "Tags"], Names(Run("T | project-reorder Port")));
    }

    [Fact]
    public void Sort_puts_nulls_first_ascending_and_last_descending_and_defaults_to_descending()
    {
        Assert.Equal(["null", "1", "2", "3"], Column(Run("T | order by N asc"), "N"));
        Assert.Equal(["3", "2", "1", "null"], Column(Run("T | order by N desc"), "N"));
        Assert.Equal(["3", "2", "1", "null"], Column(Run("T | sort by N"), "N"));
        Assert.Equal(["1", "2", "3", "null"], Column(Run("T | order by N asc nulls last"), "N"));
        Assert.Equal(["Beta", "alpha", "alpha", "gamma"], Column(Run("T | order by Name asc, N desc"), "Name"));
        Assert.Equal(["null", "3", "1", "2"], Column(Run("T | order by Name desc, N desc"), "N"));
    }

    [Fact]
    public void Top_take_limit_distinct_and_count()
    {
        Assert.Equal(["3", "2"], Column(Run("T | top 2 by N"), "N"));
        Assert.Equal(["null", "1"], Column(Run("T | top 2 by N asc"), "N"));
        Assert.Equal(2, Run("T | take 2").Rows.Count);
        Assert.Equal(3, Run("T | limit 3").Rows.Count);
        Assert.Equal(["alpha", "Beta", "gamma"], Column(Run("T | distinct Name"), "Name"));
        Assert.Equal(["4"], Column(Run("T | count"), "Count"));
        Assert.Equal(4, Run("T | distinct *").Rows.Count);
    }

    [Fact]
    public void Summarize_aggregates_by_keys_and_bins()
    {
        KqlResultTable t = Run(
            "T | summarize Rows = count(), Big = countif(N > 1), Names = dcount(Name), Total = sum(N), Low = min(N), High = max(N), Mean = avg(N), " +
            "Set = make_set(Name), List = make_list(Name, 2), Any = take_any(Port) by Known = isnotnull(N)");
        Assert.Equal(["Known", "Rows", "Big", "Names", "Total", "Low", "High", "Mean", "Set", "List", "Any"], Names(t));
        Assert.Equal(["true", "3", "2", "2", "6", "1", "3", "2", "[alpha, Beta]", "[alpha, Beta]", "80"],
            t.Columns.Select(c => FormatCell(t.Rows[0][t.IndexOf(c.Name)])).ToArray());
        Assert.Equal(["false", "1", "0", "1", "null", "null", "null", "null", "[gamma]", "[gamma]", "null"],
            t.Columns.Select(c => FormatCell(t.Rows[1][t.IndexOf(c.Name)])).ToArray());
        Assert.Equal(["long", "long", "long", "long", "long", "long", "real", "dynamic", "dynamic", "int"], t.Columns.Skip(1).Select(c => c.KqlType).ToArray());

        KqlResultTable binned = Run("T | where isnotnull(When) | summarize count() by bin(When, 1d)");
        Assert.Equal(["When", "count_"], Names(binned));
        Assert.Equal(2, binned.Rows.Count);
    }

    private static string FormatCell(object? v) => v is DynamicArray a ? "[" + string.Join(", ", a) + "]" : FunctionTests.Text(v);

    [Fact]
    public void Summarize_without_keys_on_no_rows_gives_one_row()
    {
        KqlResultTable t = Run("T | where false | summarize Rows = count(), Total = sum(N), Names = dcount(Name)");
        Assert.Equal(["0", "null", "0"], t.Columns.Select(c => FunctionTests.Text(t.Rows[0][t.IndexOf(c.Name)])).ToArray());
        Assert.Empty(Run("T | where false | summarize count() by Name").Rows);
    }

    [Fact]
    public void Summarize_arg_max_and_arg_min_keep_the_whole_row()
    {
        KqlResultTable t = Run("T | summarize arg_max(N, *) by Name");
        Assert.Equal(["Name", "N", "R", "When", "Tags", "Port"], Names(t));
        Assert.Equal(["3", "2", "null"], Column(t, "N"));
        Assert.Equal(["8080", "443", "null"], Column(t, "Port"));
        KqlResultTable min = Run("T | summarize arg_min(N, Port) by Name");
        Assert.Equal(["Name", "N", "Port"], Names(min));
        Assert.Equal(["80", "443", "null"], Column(min, "Port"));
        Assert.Equal(["1.5"], Column(Run("T | summarize arg_min(N, *)"), "R"));
        Assert.Equal(["4"], Column(Run("T | summarize n = count() | extend n = n * 2 | project x = n / 2"), "x"));
    }

    [Theory]
    [InlineData("inner", "Key,A,Key1,A1,B", "k1 1 k1 10 x|k1 2 k1 10 x|k2 3 k2 20 y|k2 3 k2 21 z")]
    [InlineData("innerunique", "Key,A,Key1,A1,B", "k1 1 k1 10 x|k2 3 k2 20 y|k2 3 k2 21 z")]
    [InlineData("leftouter", "Key,A,Key1,A1,B", "k1 1 k1 10 x|k1 2 k1 10 x|k2 3 k2 20 y|k2 3 k2 21 z|k4 4  null ")]
    [InlineData("rightouter", "Key,A,Key1,A1,B", "k1 1 k1 10 x|k1 2 k1 10 x|k2 3 k2 20 y|k2 3 k2 21 z| null k3 30 w")]
    [InlineData("fullouter", "Key,A,Key1,A1,B", "k1 1 k1 10 x|k1 2 k1 10 x|k2 3 k2 20 y|k2 3 k2 21 z|k4 4  null | null k3 30 w")]
    [InlineData("leftsemi", "Key,A", "k1 1|k1 2|k2 3")]
    [InlineData("leftanti", "Key,A", "k4 4")]
    [InlineData("rightsemi", "Key,A,B", "k1 10 x|k2 20 y|k2 21 z")]
    [InlineData("rightanti", "Key,A,B", "k3 30 w")]
    public void Join_kinds(string kind, string columns, string rows)
    {
        KqlResultTable t = Run($"L | join kind={kind} (R) on Key");
        Assert.Equal(columns.Split(','), Names(t));
        Assert.Equal(rows.Split('|'), t.Rows.Select(r => string.Join(" ", r.Select(v => v is null ? "null" : FunctionTests.Text(v)))).ToArray());
    }

    [Fact]
    public void Join_default_kind_is_innerunique_and_left_right_keys_work()
    {
        Assert.Equal(3, Run("L | join R on Key").Rows.Count);
        KqlResultTable t = Run("L | join kind=inner (R | project K = Key, V = A) on $left.Key == $right.K");
        Assert.Equal(["Key", "A", "K", "V"], Names(t));
        Assert.Equal(4, t.Rows.Count);
        Assert.Empty(Run("L | join kind=inner (R) on Key, $left.A == $right.A").Rows);
        Assert.Single(Run("L | join kind=inner (R | extend A = A / 10) on Key, A").Rows);
    }

    [Fact]
    public void Union_aligns_columns_by_name()
    {
        KqlResultTable t = Run("L | union (R | where Key == 'k3'), (T | project Key = Name | take 1)");
        Assert.Equal(["Key", "A", "B"], Names(t));
        Assert.Equal(["k1", "k1", "k2", "k4", "k3", "alpha"], Column(t, "Key"));
        Assert.Equal(["", "", "", "", "w", ""], Column(t, "B"));
        Assert.Equal(8, Run("union L, R").Rows.Count);
        Assert.Equal(["Key", "A"], Names(Run("union kind=inner L, R")));
    }

    [Fact]
    public void Mv_expand_arrays_bags_types_and_limits()
    {
        KqlResultTable t = Run("T | mv-expand Tags");
        // alpha: 2 elements; Beta: empty array gives no row; gamma: null gives one row; alpha(3): a bag gives one row per property.
        Assert.Equal(["alpha", "alpha", "gamma", "alpha", "alpha"], Column(t, "Name"));
        Assert.Equal("dynamic", t.Columns[t.IndexOf("Tags")].KqlType);
        KqlResultTable typed = Run("T | mv-expand Tag = Tags to typeof(string) limit 1 | project Name, Tag");
        Assert.Equal(["a", "", ""], Column(typed, "Tag"));
        Assert.Equal("string", typed.Columns[1].KqlType);
        KqlResultTable indexed = Run("print d = dynamic([10, 20, 30]) | mv-expand with_itemindex = i x = d to typeof(long)");
        Assert.Equal(["0", "1", "2"], Column(indexed, "i"));
        Assert.Equal(["10", "20", "30"], Column(indexed, "x"));
    }

    [Fact]
    public void Let_statements_and_in_subqueries()
    {
        Assert.Equal(["k1", "k1", "k2"], Column(Run("let keys = R | where A < 25 | project Key; L | where Key in (keys)"), "Key"));
        Assert.Equal(["k4"], Column(Run("L | where Key !in (R | project Key)"), "Key"));
        Assert.Equal(["2", "3", "4"], Column(Run("let min = 1; let big = L | where A > min; big | project A"), "A"));
        Assert.Equal(["k1"], Column(Run("let x = L | where A == 1; let y = x | project Key; y"), "Key"));
        Assert.Equal(["alpha", "alpha"], Column(Run("T | where Name in~ ('ALPHA')"), "Name"));
    }

    [Fact]
    public void Dynamic_member_access_on_rows()
    {
        KqlResultTable t = Run("T | extend First = tostring(Tags[0]), K = tolong(Tags['k']), Count = array_length(Tags) | project First, K, Count");
        Assert.Equal(["a", "", "", ""], Column(t, "First"));
        Assert.Equal(["null", "null", "null", "1"], Column(t, "K"));
        Assert.Equal(["2", "0", "null", "null"], Column(t, "Count"));
    }

    [Fact]
    public void Max_rows_caps_the_result()
    {
        KqlResultTable t = KqlEvaluator.Execute("T", Tables, new EngineOptions { Now = Now, MaxRows = 2 });
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal("PrimaryResult", t.Name);
    }

    // A summarize key that reads a member is named after it, as the Defender docs' exposure-graph queries rely on
    // (summarize ... by tostring(IdentityIds.id) | project ... = IdentityIds_id).
    [Fact]
    public void Summarize_keys_reading_a_member_are_named_column_underscore_member()
    {
        const string Ids = """datatable(Ids: dynamic) [dynamic({"id": "a"}), dynamic({"id": "a"}), dynamic({"id": "b"})]""";
        KqlResultTable converted = TestData.Run(Ids + " | summarize n = count() by tostring(Ids.id)");
        Assert.Equal(["Ids_id", "n"], converted.Columns.Select(c => c.Name));
        Assert.Equal(["a", "b"], converted.Rows.Select(r => r[0]));
        Assert.Equal(["Ids_id", "n"], TestData.Run(Ids + " | summarize n = count() by Ids.id").Columns.Select(c => c.Name));
    }
}
