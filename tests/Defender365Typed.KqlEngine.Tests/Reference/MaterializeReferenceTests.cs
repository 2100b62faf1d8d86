using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// materialize() against data-explorer/kusto/query/materialize-function.md. The page's examples run over StormEvents
/// (not here) or rand() (not supported), so the tests take the page's first example over a small table shaped like
/// StormEvents, with outputs worked out by hand, and check the page's pushdown advice as what it claims: the rewritten
/// query gives the same result as the original.
/// </summary>
public sealed class MaterializeReferenceTests
{
    private const string Storms = """
        let StormEvents = datatable(State: string, EventType: string) [
            "HAWAII WATERS", "Waterspout",
            "HAWAII WATERS", "Waterspout",
            "TEXAS", "Hail",
            "TEXAS", "Hail",
            "TEXAS", "Hail",
            "TEXAS", "Flood",
            "KANSAS", "Hail",
            "KANSAS", "Tornado",
            "KANSAS", "Tornado",
            "KANSAS", "Tornado",
            "KANSAS", "Tornado",
        ];
        """;

    private const string Table = """
        let Table = datatable(Timestamp: datetime, Text: string, Resource1: string, Resource2: string) [
            datetime(2025-06-02 06:00), "String1 seen", "r1-a", "r2-a",
            datetime(2025-06-02 07:00), "String1 and somestring", "r1-b", "r2-b",
            datetime(2025-06-02 08:00), "String2 seen", "r1-c", "r2-c",
            datetime(2025-06-02 09:00), "String2 seen", "r1-a", "r2-d",
            datetime(2025-06-01 08:00), "String1 old", "r1-z", "r2-z",
            datetime(2025-06-02 10:00), "nothing", "r1-q", "r2-q",
        ];
        """;

    // "Examples of query performance improvement", the first query: per state and event type, the share of the state's events.
    [Fact]
    public void A_materialized_summary_joined_with_itself_gives_each_types_share() => DocsTable.AssertOutput(
        Storms + """
        let _detailed_data = materialize(StormEvents | summarize Events=count() by State, EventType);
        _detailed_data
        | summarize TotalStateEvents=sum(Events) by State
        | join (_detailed_data) on State
        | extend EventPercentage = Events*100.0 / TotalStateEvents
        | project State, EventType, EventPercentage, Events
        | top 10 by EventPercentage
        """,
        """
        |State|EventType|EventPercentage|Events|
        |---|---|---|---|
        |HAWAII WATERS|Waterspout|100|2|
        |KANSAS|Tornado|80|4|
        |TEXAS|Hail|75|3|
        |TEXAS|Flood|25|1|
        |KANSAS|Hail|20|1|
        """);

    // "Examples of using materialize()": pushing the common filter and a projection into the materialized expression
    // keeps the result (the first pair), and so does adding the legs' combined filter to it (the second pair).
    [Theory]
    [InlineData(
        """
        let materializedData = materialize(Table
        | where Timestamp > ago(1d));
        union (materializedData
        | where Text !has "somestring"
        | summarize dcount(Resource1)), (materializedData
        | where Text !has "somestring"
        | summarize dcount(Resource2))
        """,
        """
        let materializedData = materialize(Table
        | where Timestamp > ago(1d)
        | where Text !has "somestring"
        | project Timestamp, Resource1, Resource2, Text);
        union (materializedData
        | summarize dcount(Resource1)), (materializedData
        | summarize dcount(Resource2))
        """)]
    [InlineData(
        """
        let materializedData = materialize(Table
        | where Timestamp > ago(1d));
        union (materializedData
        | where Text has "String1"
        | summarize dcount(Resource1)), (materializedData
        | where Text has "String2"
        | summarize dcount(Resource2))
        """,
        """
        let materializedData = materialize(Table
        | where Timestamp > ago(1d)
        | where Text has "String1" or Text has "String2"
        | project Timestamp, Resource1, Resource2, Text);
        union (materializedData
        | where Text has "String1"
        | summarize dcount(Resource1)), (materializedData
        | where Text has "String2"
        | summarize dcount(Resource2))
        """)]
    public void The_pages_rewrites_keep_the_result(string original, string rewritten)
    {
        KqlResultTable before = DocsTable.Run(Table + original);
        KqlResultTable after = DocsTable.Run(Table + rewritten);

        Assert.Equal(before.Columns.Select(c => (c.Name, c.Type)), after.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(Cells(before), Cells(after));
        Assert.NotEmpty(before.Rows);
    }

    // The first pair's result, worked out: in the last day, without "String1 and somestring", 3 distinct Resource1
    // values and 4 distinct Resource2 values (union legs come in no promised order).
    [Fact]
    public void The_first_pairs_legs_count_the_last_days_resources() => DocsTable.AssertOutputInAnyOrder(
        Table + """
        let materializedData = materialize(Table
        | where Timestamp > ago(1d)
        | where Text !has "somestring"
        | project Timestamp, Resource1, Resource2, Text);
        union (materializedData
        | summarize Resources = dcount(Resource1)), (materializedData
        | summarize Resources = dcount(Resource2))
        """,
        """
        |Resources|
        |---|
        |3|
        |4|
        """);

    // Sorted: union legs come in no promised order.
    private static string[] Cells(KqlResultTable table) =>
        table.Rows.Select(row => string.Join("|", row.Select(v => v?.ToString() ?? "null"))).Order(System.StringComparer.Ordinal).ToArray();
}
