using System;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// make-graph and graph-match as data-explorer/kusto/query/make-graph-operator.md and graph-match-operator.md
/// (MicrosoftDocs/dataexplorer-docs) describe them: their examples with the outputs they print, and the errors of the
/// graph syntax the engine does not support.
/// </summary>
public sealed class GraphMatchReferenceTests
{
    private const string AttackGraph = """
        let nodes = datatable(name:string, type:string, age:long)
        [
        	"Alice", "Person", 23,
        	"Bob", "Person", 31,
        	"Eve", "Person", 17,
        	"Mallory", "Person", 29,
        	"Trent", "System", 99
        ];
        let edges = datatable(source:string, destination:string, edge_type:string)
        [
        	"Alice", "Bob", "communicatesWith",
        	"Alice", "Trent", "trusts",
        	"Bob", "Trent", "hasPermission",
        	"Eve", "Alice", "attacks",
        	"Mallory", "Alice", "attacks",
        	"Mallory", "Bob", "attacks"
        ];
        edges
        | make-graph source --> destination with nodes on name

        """;

    private const string Organization = """
        let employees = datatable(name:string, age:long)
        [
        	"Alice", 32,
        	"Bob", 31,
        	"Eve", 27,
        	"Joe", 29,
        	"Chris", 45,
        	"Alex", 35,
        	"Ben", 23,
        	"Richard", 39,
        ];
        let reports = datatable(employee:string, manager:string)
        [
        	"Bob", "Alice",
        	"Chris", "Alice",
        	"Eve", "Bob",
        	"Ben", "Chris",
        	"Joe", "Alice",
        	"Richard", "Bob"
        ];
        reports
        | make-graph employee --> manager with employees on name

        """;

    private static string Cells(KqlResultTable table) =>
        string.Join(" / ", table.Rows.Select(r => string.Join(", ", r.Select(v => v?.ToString() ?? "null"))));

    // graph-match-operator.md and make-graph-operator.md, "Attack path".
    [Fact]
    public void Attack_path_matches_the_reference()
    {
        KqlResultTable result = TestData.Run(AttackGraph + """
            | graph-match (mallory)-[attacks]->(compromised)-[hasPermission]->(trent)
            	where mallory.name == "Mallory" and trent.name == "Trent" and attacks.edge_type == "attacks" and hasPermission.edge_type == "hasPermission"
            	project Attacker = mallory.name, Compromised = compromised.name, System = trent.name
            """);
        Assert.Equal(["Attacker", "Compromised", "System"], result.Columns.Select(c => c.Name));
        Assert.Equal("Mallory, Bob, Trent", Cells(result));
    }

    // graph-match-operator.md, "All employees in a manager's org": a variable-length edge, read backwards; its
    // properties are arrays along the path (the reference's row order is not defined, so the rows are sorted).
    [Fact]
    public void Variable_length_edges_match_the_reference()
    {
        KqlResultTable result = TestData.Run(Organization + """
            | graph-match (alice)<-[reports*1..5]-(employee)
            	where alice.name == "Alice" and employee.age < 30
            	project employee = employee.name, age = employee.age, reportingPath = reports.manager
            | order by age desc
            """);
        Assert.Equal(["employee", "age", "reportingPath"], result.Columns.Select(c => c.Name));
        Assert.Equal("""Joe, 29, ["Alice"] / Eve, 27, ["Alice","Bob"] / Ben, 23, ["Alice","Chris"]""", Cells(result));
    }

    // The graph notation table: anonymous nodes and edges, and an edge in either direction.
    [Fact]
    public void Anonymous_and_undirected_edges()
    {
        KqlResultTable forward = TestData.Run(AttackGraph + """
            | graph-match (a)-->()-->(c) where a.name == "Eve" project Target = c.name | order by Target asc
            """);
        Assert.Equal("Bob / Trent", Cells(forward));

        KqlResultTable either = TestData.Run(AttackGraph + """
            | graph-match (a)--(b) where a.name == "Trent" project Neighbour = b.name | order by Neighbour asc
            """);
        Assert.Equal("Alice / Bob", Cells(either));
    }

    // make-graph-operator.md: a node only an edge names exists, with empty properties.
    [Fact]
    public void Nodes_only_edges_name_have_empty_properties()
    {
        KqlResultTable result = TestData.Run("""
            datatable(s: string, t: string) ["a", "b"]
            | make-graph s --> t with (datatable(id: string, label: string) ["a", "start"]) on id
            | graph-match (x)-->(y) project x.label, Y = y.label, YId = y.id
            """);
        Assert.Equal(["x_label", "Y", "YId"], result.Columns.Select(c => c.Name));
        Assert.Equal("start, , ", Cells(result));
    }

    [Theory]
    [InlineData("| graph-match (a:Person)-->(b) project a.name", "unsupported operator 'graph-match' with the pattern")]
    [InlineData("| graph-match (a)-->(b), (b)-->(c) project a.name", "unsupported operator 'graph-match' with the pattern")]
    [InlineData("| graph-match cycles=none (a)-->(b) project a.name", "unsupported operator 'graph-match cycles='")]
    [InlineData("| graph-match (a)-->(b)", "needs a pattern and a project clause")]
    [InlineData("| take 1", "unsupported operator 'make-graph' (the engine evaluates make-graph only followed by graph-match)")]
    public void Unsupported_graph_syntax_is_a_typed_error(string tail, string expected)
    {
        var ex = Assert.Throws<KqlEngineException>(() => TestData.Run(AttackGraph + tail));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_edge_column_is_named()
    {
        var ex = Assert.Throws<KqlEngineException>(() => TestData.Run("datatable(s: string, t: string) [] | make-graph s --> target | graph-match (a)-->(b) project a"));
        Assert.Contains("unknown column 'target'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_count_against_the_row_budget()
    {
        const string Dense = """
            range a from 1 to 20 step 1 | extend k = 1
            | join kind=inner (range b from 1 to 20 step 1 | extend k = 1) on k
            | make-graph a --> b
            | graph-match (x)-[e*1..3]->(y) project x.a
            """;
        var ex = Assert.Throws<KqlEngineException>(() => KqlEvaluator.Execute(Dense, TestData.Dataset, new EngineOptions { Now = TestData.Now, MaxWorkingRows = 1_000 }));
        Assert.Contains("EngineOptions.MaxWorkingRows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_length_edges_are_bounded()
    {
        var ex = Assert.Throws<KqlEngineException>(() => TestData.Run(AttackGraph + "| graph-match (a)-[e*1..65]->(b) project a.name"));
        Assert.Contains("more than 64 hops", ex.Message, StringComparison.Ordinal);
    }
}
