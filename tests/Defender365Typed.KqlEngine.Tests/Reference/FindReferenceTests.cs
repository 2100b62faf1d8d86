using System;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The "Examples of find output results" of data-explorer/kusto/query/find-operator.md (MicrosoftDocs/dataexplorer-docs):
/// EventsTable1 and EventsTable2 as the reference lists them, and the outputs it prints.
/// </summary>
public sealed class FindReferenceTests
{
    private const string Session = "acbd207d-51aa-4df7-bfa7-be70eb68f04e";

    private static readonly TableSource Tables = new(
    [
        Events("EventsTable1", "Version",
            [Session, "Information", "Some Text1", "v1.0.0"],
            [Session, "Error", "Some Text2", "v1.0.0"],
            ["28b8e46e-3c31-43cf-83cb-48921c3986fc", "Error", "Some Text3", "v1.0.1"],
            ["8f057b11-3281-45c3-a856-05ebb18a3c59", "Information", "Some Text4", "v1.1.0"]),
        Events("EventsTable2", "EventName",
            ["f7d5f95f-f580-4ea6-830b-5776c8d64fdd", "Information", "Some Other Text1", "Event1"],
            [Session, "Information", "Some Other Text2", "Event2"],
            [Session, "Error", "Some Other Text3", "Event3"],
            ["15eaeab5-8576-4b58-8fc6-478f75d8fee4", "Error", "Some Other Text4", "Event4"]),
    ]);

    private static KqlResultTable Events(string name, string last, params object?[][] rows) =>
        new(name, [.. new[] { "Session_Id", "Level", "EventText", last }.Select(c => new KqlResultColumn(c, KqlScalarType.String))], rows);

    private static KqlResultTable Run(string kql) => KqlEvaluator.Execute(kql, Tables, TestData.Options);

    private static string Names(KqlResultTable table) => string.Join(", ", table.Columns.Select(c => c.Name));

    private static string Cells(KqlResultTable table) =>
        string.Join(" / ", table.Rows.Select(r => string.Join(", ", r.Select(v => v?.ToString() ?? "null"))));

    // "Search in common columns, project common and uncommon columns, and pack the rest".
    [Fact]
    public void Project_with_pack_all_bags_the_columns_not_projected()
    {
        KqlResultTable result = Run($"""
            find in (EventsTable1, EventsTable2)
                 where Session_Id == '{Session}' and Level == 'Error'
                 project EventText, Version, EventName, pack_all()
            """);
        Assert.Equal("source_, EventText, Version, EventName, pack_", Names(result));
        Assert.Equal(
            $$"""EventsTable1, Some Text2, v1.0.0, , {"Session_Id":"{{Session}}","Level":"Error"} / EventsTable2, Some Other Text3, , Event3, {"Session_Id":"{{Session}}","Level":"Error"}""",
            Cells(result));
    }

    // "Search in common and uncommon columns": a table without EventName is filtered by Version alone.
    [Fact]
    public void A_column_a_table_lacks_does_not_match_there()
    {
        KqlResultTable result = Run("find Version == 'v1.0.0' or EventName == 'Event1' project Session_Id, EventText, Version, EventName");
        Assert.Equal("source_, Session_Id, EventText, Version, EventName", Names(result));
        Assert.Equal(
            $"EventsTable1, {Session}, Some Text1, v1.0.0,  / EventsTable1, {Session}, Some Text2, v1.0.0,  / EventsTable2, f7d5f95f-f580-4ea6-830b-5776c8d64fdd, Some Other Text1, , Event1",
            Cells(result));
    }

    // "Use abbreviated notation to search across all tables": project-smart keeps the predicate's and the common
    // columns and packs the rest.
    [Fact]
    public void Project_smart_keeps_common_columns_and_packs_the_rest()
    {
        KqlResultTable result = Run($"find Session_Id == '{Session}'");
        Assert.Equal("source_, Session_Id, Level, EventText, pack_", Names(result));
        Assert.Equal(
            $$"""EventsTable1, {{Session}}, Information, Some Text1, {"Version":"v1.0.0"} / EventsTable1, {{Session}}, Error, Some Text2, {"Version":"v1.0.0"} / EventsTable2, {{Session}}, Information, Some Other Text2, {"EventName":"Event2"} / EventsTable2, {{Session}}, Error, Some Other Text3, {"EventName":"Event3"}""",
            Cells(result));
    }

    // "Return the results from each row as a property bag".
    [Fact]
    public void Project_pack_all_alone_bags_every_column()
    {
        KqlResultTable result = Run($"find Session_Id == '{Session}' project pack_all()");
        Assert.Equal("source_, pack_", Names(result));
        Assert.Equal(4, result.Rows.Count);
        Assert.Equal($$"""{"Session_Id":"{{Session}}","Level":"Error","EventText":"Some Other Text3","EventName":"Event3"}""", result.Rows[3][1]!.ToString());
    }

    // "Term lookup ...": find "term" and find in (T*) where * has "term"; withsource renames source_.
    [Fact]
    public void Terms_wildcard_tables_and_withsource()
    {
        Assert.Equal("EventsTable2, Some Other Text1", Cells(Run("find \"Text1\" | project source_, EventText")).Split(" / ")[1]);
        KqlResultTable result = Run("find withsource=Table in (Events*) where * has \"Text3\" project EventText");
        Assert.Equal("Table, EventText", Names(result));
        Assert.Equal("EventsTable1, Some Text3 / EventsTable2, Some Other Text3", Cells(result));
    }

    [Fact]
    public void A_projected_column_no_table_has_is_an_error_naming_it()
    {
        var ex = Assert.Throws<KqlEngineException>(() => Run("find Level == 'Error' project Nope"));
        Assert.Contains("unknown column 'Nope'", ex.Message, StringComparison.Ordinal);
    }
}
