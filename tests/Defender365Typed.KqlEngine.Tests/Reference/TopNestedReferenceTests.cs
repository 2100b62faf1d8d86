using System;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// top-nested as data-explorer/kusto/query/top-nested-operator.md (MicrosoftDocs/dataexplorer-docs) describes it: the
/// reference's datatable example with its printed output, and its StormEvents examples' shapes on a small table.
/// </summary>
public sealed class TopNestedReferenceTests
{
    private static string Cells(KqlResultTable table) =>
        string.Join(" / ", table.Rows.Select(r => string.Join(", ", r.Select(v => v is DateTime d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : v?.ToString() ?? "null"))));

    private const string Sales = """
        datatable(State: string, EventType: string, Damage: long)
        [
            "TEXAS", "Hail", 10, "TEXAS", "Hail", 20, "TEXAS", "Flood", 5, "TEXAS", "Wind", 1,
            "KANSAS", "Flood", 40, "KANSAS", "Hail", 2,
            "IOWA", "Wind", 3
        ]
        """;

    // "Latest records per identity with other column data": the output the reference prints (its row order is not
    // defined; the engine's is depth first, so the rows are compared sorted).
    [Fact]
    public void Latest_records_per_identity_match_the_reference()
    {
        KqlResultTable result = TestData.Run("""
            datatable(id: string, timestamp: datetime, otherInformation: string) // Create a source datatable.
            [
                "Barak", datetime(2015-01-01), "1",
                "Barak", datetime(2016-01-01), "2",
                "Barak", datetime(2017-01-20), "3",
                "Donald", datetime(2017-01-20), "4",
                "Donald", datetime(2017-01-18), "5",
                "Donald", datetime(2017-01-19), "6"
            ]
            | top-nested of id by Ignore0=max(1),                     // Partition the data by each unique value of id.
              top-nested 2 of timestamp by Ignore1=max(timestamp),    // Get the 2 most recent events for each state.
              top-nested of otherInformation by Ignore2=max(1)        // Append otherInformation for each event.
            | project-away Ignore0, Ignore1, Ignore2                  // Remove the unnecessary aggregation columns.
            | order by timestamp asc, id asc
            """);
        Assert.Equal(["id", "timestamp", "otherInformation"], result.Columns.Select(c => c.Name));
        Assert.Equal("Barak, 2016-01-01, 2 / Donald, 2017-01-19, 6 / Barak, 2017-01-20, 3 / Donald, 2017-01-20, 4", Cells(result));
    }

    // "Top damaged states, event types ...": two columns per clause (aggregated_X unless named), N per level, ranked
    // by the aggregation descending, rows depth first.
    [Fact]
    public void Each_clause_keeps_its_top_n_within_the_previous_ones_groups()
    {
        KqlResultTable result = TestData.Run(Sales + """
            | top-nested 2 of State by sum(Damage),
              top-nested 1 of EventType by Total = sum(Damage)
            """);
        Assert.Equal(["State", "aggregated_State", "EventType", "Total"], result.Columns.Select(c => c.Name));
        Assert.Equal("KANSAS, 42, Flood, 40 / TEXAS, 36, Hail, 30", Cells(result));
    }

    // "Top five states with property damage with others grouped": one more row aggregating the groups not kept.
    [Fact]
    public void With_others_adds_a_row_for_the_rest()
    {
        KqlResultTable result = TestData.Run(Sales + """
            | top-nested 1 of State with others="OtherStates" by sum(Damage)
            """);
        Assert.Equal("KANSAS, 42 / OtherStates, 39", Cells(result));
    }

    [Fact]
    public void Asc_ranks_the_smallest_first_and_no_n_keeps_every_value()
    {
        KqlResultTable result = TestData.Run(Sales + """
            | top-nested of State by dcount(EventType) asc
            """);
        Assert.Equal("IOWA, 1 / KANSAS, 2 / TEXAS, 3", Cells(result));
    }

    [Fact]
    public void A_by_clause_without_an_aggregation_is_an_error()
    {
        var ex = Assert.Throws<KqlEngineException>(() => TestData.Run(Sales + "| top-nested 2 of State by Damage"));
        Assert.Contains("must be an aggregation", ex.Message, StringComparison.Ordinal);
    }
}
