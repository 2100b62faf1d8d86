using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Stored (saved) functions with a body (<see cref="EngineOptions.StoredFunctions"/>): called like a table, parameters bound.</summary>
public sealed class StoredFunctionTests
{
    private static readonly KqlResultColumn[] Columns =
    [
        new("Timestamp", KqlScalarType.DateTime),
        new("AccountName", KqlScalarType.String),
        new("ActionType", KqlScalarType.String),
    ];

    private static readonly TableSource Logons = new([JsonTableLoader.Parse(
        """
        [
          { "Timestamp": "2025-06-01T10:00:00Z", "AccountName": "alice", "ActionType": "LogonFailed" },
          { "Timestamp": "2025-06-01T10:01:00Z", "AccountName": "alice", "ActionType": "LogonFailed" },
          { "Timestamp": "2025-06-01T10:02:00Z", "AccountName": "alice", "ActionType": "LogonSuccess" },
          { "Timestamp": "2025-06-01T10:03:00Z", "AccountName": "bob", "ActionType": "LogonFailed" }
        ]
        """, "Logons", Columns)]);

    private static readonly KqlStoredFunction SuspiciousLogons = new(
        [new HuntingSchemaParameter("account", "string"), new HuntingSchemaParameter("minFailures", "long", "2")],
        "Logons | where AccountName == account and ActionType == 'LogonFailed' | summarize Failures = count() by AccountName | where Failures >= minFailures");

    private static KqlResultTable Run(string kql) => KqlEvaluator.Execute(kql, Logons, new EngineOptions
    {
        Now = TestData.Now,
        StoredFunctions = new Dictionary<string, KqlStoredFunction> { ["SuspiciousLogons"] = SuspiciousLogons },
    });

    [Fact]
    public void A_call_binds_its_arguments_and_the_default_and_pipes_on()
    {
        KqlResultTable alice = Run("SuspiciousLogons('alice') | project AccountName, Failures");
        Assert.Equal(new[] { "AccountName", "Failures" }, alice.Columns.Select(c => c.Name));
        Assert.Equal(KqlScalarType.Long, alice.Columns[1].Type);
        Assert.Equal(["alice", 2L], Assert.Single(alice.Rows));

        Assert.Empty(Run("SuspiciousLogons('bob')").Rows);             // one failure < the default 2
        Assert.Single(Run("SuspiciousLogons('bob', 1)").Rows);          // an int argument for a long parameter
        Assert.Empty(Run("SuspiciousLogons('alice', 3)").Rows);
    }

    [Fact]
    public void A_let_of_the_same_name_in_the_query_wins()
    {
        KqlResultTable r = Run("let SuspiciousLogons = (a: string) { Logons | where AccountName == a | take 1 }; SuspiciousLogons('bob')");

        Assert.Equal("LogonFailed", r[0, "ActionType"]);
    }

    [Theory]
    [InlineData("SuspiciousLogons()", "needs a value for its parameter 'account' (string)")]
    [InlineData("SuspiciousLogons('a', 1, 2)", "takes 2 argument(s), not 3")]
    [InlineData("SuspiciousLogons(42)", "takes string for 'account', not this value")]
    [InlineData("Logons | invoke SuspiciousLogons('a')", "takes no piped input")]
    public void Bad_calls_name_the_function_and_what_is_wrong(string kql, string message)
    {
        KqlEngineException ex = Assert.Throws<KqlEngineException>(() => Run(kql));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_inside_the_body_is_reported_at_the_call_naming_the_function()
    {
        var broken = new KqlStoredFunction([], "Logons | where NoSuchColumn == 1");
        KqlEngineException ex = Assert.Throws<KqlEngineException>(() => KqlEvaluator.Execute("Broken() | take 1", Logons, new EngineOptions
        {
            StoredFunctions = new Dictionary<string, KqlStoredFunction> { ["Broken"] = broken },
        }));

        Assert.StartsWith("In the stored function 'Broken': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchColumn", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Position);
    }

    [Fact]
    public void A_stored_function_calling_itself_stops_at_a_depth_limit()
    {
        var loop = new KqlStoredFunction([], "Loop()");
        KqlEngineException ex = Assert.Throws<KqlEngineException>(() => KqlEvaluator.Execute("Loop()", Logons, new EngineOptions
        {
            StoredFunctions = new Dictionary<string, KqlStoredFunction> { ["Loop"] = loop },
        }));

        Assert.Contains("more than 8 deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_parameter_is_refused_when_the_function_is_declared()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new KqlStoredFunction([new HuntingSchemaParameter("T", "(*)")], "T"));

        Assert.Contains("'T' has type '(*)'", ex.Message, StringComparison.Ordinal);
    }
}
