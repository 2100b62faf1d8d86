using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// Tabular operators, let statements and aggregates against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/...), outputs as printed there. Examples over the
/// reference's sample databases (StormEvents, ContosoSales) cannot run here; where the page defines the semantics
/// by an equivalence (search's predicate table) the test checks that equivalence over a small datatable instead.
/// </summary>
public sealed class TabularReferenceTests
{
    // toscalar-function.md, "Set range for evaluation".
    [Fact]
    public void Toscalar_sets_a_range() => DocsTable.AssertOutput(
        """
        let Start = toscalar(print x=1);
        let End = toscalar(range x from 1 to 9 step 1 | count);
        let Step = toscalar(2);
        range z from Start to End step Step | extend start=Start, end=End, step=Step
        """,
        """
        |z|start|end|step|
        |---|---|---|---|
        |1|1|9|2|
        |3|1|9|2|
        |5|1|9|2|
        |7|1|9|2|
        |9|1|9|2|
        """);

    // toscalar-function.md, the join that replaces a per-row toscalar.
    [Fact]
    public void Toscalar_limitation_mitigated_by_a_join() => DocsTable.AssertOutputInAnyOrder(
        """
        let _dataset1 = datatable(x: long)[1, 2, 3, 4, 5];
        let _dataset2 = datatable(x: long, y: long) [1, 2, 3, 4, 5, 6];
        _dataset1
        | join (_dataset2) on x
        | project x, y
        """,
        """
        |x|y|
        |---|---|
        |1|2|
        |3|4|
        |5|6|
        """);

    // lookup-operator.md, "Examples": the keys appear once, the dimension's Alias is added.
    [Fact]
    public void Lookup_extends_the_fact_table() => DocsTable.AssertOutput(
        """
        let FactTable=datatable(Row:string,Personal:string,Family:string) [
          "1", "Bill",   "Gates",
          "2", "Bill",   "Clinton",
          "3", "Bill",   "Clinton",
          "4", "Steve",  "Ballmer",
          "5", "Tim",    "Cook"
        ];
        let DimTable=datatable(Personal:string,Family:string,Alias:string) [
          "Bill",  "Gates",   "billg",
          "Bill",  "Clinton", "billc",
          "Steve", "Ballmer", "steveb",
          "Tim",   "Cook",    "timc"
        ];
        FactTable
        | lookup kind=leftouter DimTable on Personal, Family
        """,
        """
        Row     | Personal  | Family   | Alias
        --------|-----------|----------|--------
        1       | Bill      | Gates    | billg
        2       | Bill      | Clinton  | billc
        3       | Bill      | Clinton  | billc
        4       | Steve     | Ballmer  | steveb
        5       | Tim       | Cook     | timc
        """);

    // let-statement.md, "Define scalar values": a name with a space, bound with ['...'].
    [Fact]
    public void Let_binds_a_bracketed_name() => DocsTable.AssertOutput(
        "let ['some number'] = 20;\nrange y from 0 to ['some number'] step 5",
        "|y|\n|---|\n|0|\n|5|\n|10|\n|15|\n|20|");

    // let-statement.md, "Create a user defined function with scalar calculation".
    [Fact]
    public void Let_scalar_function_multiplies() => DocsTable.AssertOutput(
        """
        let MultiplyByN = (val:long, n:long) { val * n };
        range x from 1 to 5 step 1
        | extend result = MultiplyByN(x, 5)
        """,
        "|x|result|\n|---|---|\n|1|5|\n|2|10|\n|3|15|\n|4|20|\n|5|25|");

    // let-statement.md, "Create a user defined function that trims input".
    [Fact]
    public void Let_scalar_function_trims() => DocsTable.AssertOutput(
        """
        let TrimOnes = (s:string) { trim("1", s) };
        range x from 10 to 15 step 1
        | extend result = TrimOnes(tostring(x))
        """,
        "|x|result|\n|---|---|\n|10|0|\n|11||\n|12|2|\n|13|3|\n|14|4|\n|15|5|");

    // let-statement.md, "Use multiple let statements": a tabular function calling another. The reference prints the
    // count under the header "result"; the count operator's column is Count (count-operator.md), so only the value is
    // the reference's.
    [Fact]
    public void Let_tabular_function_calls_another()
    {
        KqlResultTable t = DocsTable.Run("""
            let foo1 = (_start:long, _end:long, _step:long) { range x from _start to _end step _step};
            let foo2 = (_step:long) { foo1(1, 100, _step)};
            foo2(2) | count
            """);
        Assert.Equal(50L, Assert.Single(t.Rows)[0]);
    }

    // let-statement.md, "Create a view or virtual table": a search of every table includes the views.
    [Fact]
    public void Let_views_take_part_in_search() => DocsTable.AssertOutput(
        """
        let Range10 = view () { range MyColumn from 1 to 10 step 1 };
        let Range20 = view () { range MyColumn from 1 to 20 step 1 };
        search MyColumn == 5
        """,
        "|$table|MyColumn|\n|---|---|\n|Range10|5|\n|Range20|5|");

    // let-statement.md, "Tabular argument with schema" and "Tabular argument with wildcard", over a two-row datatable
    // in place of StormEvents.
    [Fact]
    public void Let_function_with_a_tabular_argument()
    {
        const string States = "datatable(State:string, Other:long)['ATLANTIC SOUTH', 1, 'FLORIDA', 2]";
        DocsTable.AssertOutput(
            "let StateState=(T: (State: string)) { T | extend s_s=strcat(State, State) };\n" + States + "\n| invoke StateState()\n| project State, s_s",
            "| State | s_s |\n|---|---|\n| ATLANTIC SOUTH | ATLANTIC SOUTHATLANTIC SOUTH |\n| FLORIDA | FLORIDAFLORIDA |");
        DocsTable.AssertOutput("let CountRecordsInTable=(T: (*)) { T | count };\n" + States + " | invoke CountRecordsInTable()", "|Count|\n|--|\n|2|");
    }

    // search-operator.md, "Search predicate syntax examples": each search is the where the table gives for it.
    [Theory]
    [InlineData("search \"err\"", "where * has \"err\"", new[] { 1L, 3L })]
    [InlineData("search col:\"err\"", "where col has \"err\"", new[] { 1L, 3L })]
    [InlineData("search col==\"terr\"", "where col == \"terr\"", new[] { 4L })]
    [InlineData("search \"err*\"", "where * hasprefix \"err\"", new[] { 1L, 2L, 3L })]
    [InlineData("search \"*err\"", "where * hassuffix \"err\"", new[] { 1L, 3L, 4L })]
    [InlineData("search \"*err*\"", "where * contains \"err\"", new[] { 1L, 2L, 3L, 4L })]
    [InlineData("search \"Lab*PC\"", "where * matches regex @\"\\bLab.*PC\\b\"", new[] { 5L })]
    [InlineData("search *", "where 0==0", new[] { 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L })]
    [InlineData("search col matches regex \"^t\"", "where col matches regex \"^t\"", new[] { 3L, 4L })]
    [InlineData("search kind=case_sensitive \"Err\"", "where * has_cs \"Err\"", new[] { 3L })]
    [InlineData("search \"abc\" and (\"def\" or \"hij\")", "where * has \"abc\" and (* has \"def\" or * has \"hij\")", new[] { 7L })]
    [InlineData("search \"err\" or (A>6 and A<8)", "where * has \"err\" or (A>6 and A<8)", new[] { 1L, 3L, 7L })]
    public void Search_predicates_mean_what_the_reference_says(string search, string equivalentWhere, long[] rows)
    {
        const string T = """
            datatable(col:string, A:long)
            ["an err here", 1, "error found", 2, "the Err", 3, "terr", 4, "Lab-xy-PC now", 5, "LabPCs", 6, "abc def", 7, "abc", 8]
            """;
        Assert.Equal(rows, DocsTable.Run(T + "\n| " + search).Rows.Select(r => (long)r[1]!));

        // The reference's "Meaning (equivalent where)": '*' is every column, here the one string column, col.
        Assert.Equal(rows, DocsTable.Run(T + "\n| " + equivalentWhere.Replace("* ", "col ", StringComparison.Ordinal)).Rows.Select(r => (long)r[1]!));
    }

    // search-operator.md, "Search a specific table": search in (T) adds $table.
    [Fact]
    public void Search_in_a_table_adds_table_names()
    {
        KqlResultTable t = DocsTable.Run("""
            let Products = datatable(ProductName:string, ColorName:string)["Contoso 4G MP3 Player E400 Green", "Green", "NT Wireless M402 Red", "Red"];
            search in (Products) "Green"
            """);
        Assert.Equal(["$table", "ProductName", "ColorName"], t.Columns.Select(c => c.Name));
        Assert.Equal(["Products", "Contoso 4G MP3 Player E400 Green", "Green"], Assert.Single(t.Rows));
    }

    // invoke-operator.md, "Example": a tabular function over the invoke's input, with toscalar(percentiles(...)) inside.
    [Fact]
    public void Invoke_a_lambda_with_the_piped_table() => DocsTable.AssertOutput(
        """
        // clipped_average(): calculates percentiles limits, and then makes another
        //                    pass over the data to calculate average with values inside the percentiles
        let clipped_average = (T:(x: long), lowPercentile:double, upPercentile:double)
        {
           let high = toscalar(T | summarize percentiles(x, upPercentile));
           let low = toscalar(T | summarize percentiles(x, lowPercentile));
           T
           | where x > low and x < high
           | summarize avg(x)
        };
        range x from 1 to 100 step 1
        | invoke clipped_average(5, 99)
        """,
        "|avg_x|\n|---|\n|52|");

    // percentiles-aggregation-function.md, "Calculate multiple percentiles": one column per percentage, named
    // percentile_<expr>_<p>; over 1..100 the nearest-rank P-th percentile (the page's definition) is P itself.
    [Fact]
    public void Percentiles_gives_one_column_per_percentage() => DocsTable.AssertOutput(
        "range DamageProperty from 1 to 100 step 1 | summarize percentiles(DamageProperty, 5, 50, 95)",
        """
        | percentile_DamageProperty_5 | percentile_DamageProperty_50 | percentile_DamageProperty_95 |
        |--|--|--|
        | 5 | 50 | 95 |
        """);

    // countif-aggregation-function.md, "Count based on string length" (the unnamed column is countif_).
    [Fact]
    public void Countif() => DocsTable.AssertOutput(
        """
        let T = datatable(name:string, day_of_birth:long)
        [
           "John", 9,
           "Paul", 18,
           "George", 25,
           "Ringo", 7
        ];
        T
        | summarize countif(strlen(name) > 4)
        """,
        "|countif_|\n|----|\n|2|");

    // arg-max-aggregation-function.md, the null handling example: a group whose maximized values are all null keeps a
    // row with its other columns.
    [Fact]
    public void Arg_max_with_nulls() => DocsTable.AssertOutputInAnyOrder(
        """
        datatable(Fruit: string, Color: string, Version: int) [
            "Apple", "Red", 1,
            "Apple", "Green", int(null),
            "Banana", "Yellow", int(null),
            "Banana", "Green", int(null),
            "Pear", "Brown", 1,
            "Pear", "Green", 2,
        ]
        | summarize arg_max(Version, *) by Fruit
        """,
        """
        | Fruit | Version | Color |
        |--|--|--|
        | Apple | 1 | Red |
        | Banana |  | Yellow |
        | Pear | 2 | Green |
        """);

    // make-set-if-aggregation-function.md, "Example" (names longer than four letters), and the legacy makeset/makelist.
    [Fact]
    public void Make_set_if() => DocsTable.AssertOutput(
        """
        let T = datatable(name:string, day_of_birth:long)
        [
           "John", 9,
           "Paul", 18,
           "George", 25,
           "Ringo", 7
        ];
        T
        | summarize make_set_if(name, strlen(name) > 4)
        """,
        "|set_name|\n|----|\n|[\"George\", \"Ringo\"]|");

    // make-set-aggregation-function.md and make-list-aggregation-function.md: makeset() and makelist() are their
    // deprecated aliases, named set_X and list_X like them.
    [Fact]
    public void Makeset_and_makelist_are_the_legacy_aliases() => DocsTable.AssertOutput(
        "datatable(name:string)['John', 'Paul', 'John'] | summarize makeset(name), makelist(name)",
        "|set_name|list_name|\n|---|---|\n|[\"John\",\"Paul\"]|[\"John\",\"Paul\",\"John\"]|");

    // render-operator.md: render only asks for a chart; the engine returns the data unchanged and the chart kind in
    // KqlResultTable.Visualization (series-fir-function.md's first example ends with | render timechart).
    [Fact]
    public void Render_keeps_the_data_and_names_the_chart()
    {
        const string Query = "range x from 1 to 3 step 1 | extend y = x * 2";
        KqlResultTable plain = DocsTable.Run(Query);
        KqlResultTable rendered = DocsTable.Run(Query + " | render timechart");
        Assert.Equal(plain.Columns, rendered.Columns);
        Assert.Equal(plain.Rows, rendered.Rows);
        Assert.Null(plain.Visualization);
        Assert.Equal("timechart", rendered.Visualization);
    }

    // externaldata-operator.md, "Example": the reference's h@"..." URL, read from a local file mapped to it (the
    // engine never downloads), then filtered as the example does.
    [Fact]
    public void Externaldata_reads_the_documented_url_from_a_mapped_file()
    {
        const string Url = "https://storageaccount.blob.core.windows.net/storagecontainer/data.csv";
        string file = Path.Combine(Path.GetTempPath(), "refex-externaldata-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(file, "2024-01-01T00:00:00Z,boot\n2024-01-02T00:00:00Z,shutdown\n");
        try
        {
            var options = new EngineOptions { Now = TestData.Now, ExternalDataFiles = new Dictionary<string, string> { [Url] = file } };
            KqlResultTable t = KqlEvaluator.Execute(
                $"""
                externaldata (Date:datetime, Event:string)
                [h@"{Url}"]
                | where strlen(Event) > 4
                """,
                TestData.Dataset,
                options);
            Assert.Equal(["Date", "Event"], t.Columns.Select(c => c.Name));
            Assert.Equal([new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), "shutdown"], Assert.Single(t.Rows));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
