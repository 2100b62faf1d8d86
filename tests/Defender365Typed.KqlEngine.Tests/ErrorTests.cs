using System;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>What the engine refuses: each a <see cref="KqlEngineException"/> naming the problem and its position.</summary>
public sealed class ErrorTests
{
    private static KqlEngineException Fails(string kql) => Assert.Throws<KqlEngineException>(() => TestData.Run(kql));

    [Theory]
    [InlineData("DeviceInfo | partition by DeviceId (take 1)", "partition")]
    [InlineData("DeviceInfo | fork (take 1)", "fork")]
    [InlineData("DeviceInfo | facet by DeviceName", "facet")]
    [InlineData("DeviceInfo | scan with (step s: true;)", "scan")]
    [InlineData("DeviceInfo | sample 3", "sample")]
    [InlineData("DeviceInfo | top-hitters 3 of DeviceName", "top-hitters")]
    [InlineData("DeviceInfo | make-graph DeviceId --> DeviceName | take 1", "make-graph")]
    [InlineData("DeviceInfo | evaluate autocluster()", "evaluate autocluster")]
    public void Unsupported_operators_are_named(string kql, string op)
    {
        KqlEngineException ex = Fails(kql);
        Assert.StartsWith($"unsupported operator '{op}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(kql.IndexOf(op, StringComparison.Ordinal), ex.Position);
        Assert.Equal(1, ex.Line);
    }

    [Theory]
    [InlineData("DeviceInfo | extend h = parse_xml(DeviceName)", "parse_xml")]
    [InlineData("DeviceInfo | summarize percentiles(OSBuild, 50)", "percentiles")]
    [InlineData("DeviceInfo | where ipv6_is_match(PublicIP, '::1')", "ipv6_is_match")]
    [InlineData("print x = rand()", "rand")]
    [InlineData("DeviceInfo\n| project x = prev(Timestamp)", "prev")]
    public void Unsupported_functions_are_named(string kql, string function)
    {
        KqlEngineException ex = Fails(kql);
        Assert.StartsWith($"unsupported function '{function}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(kql.IndexOf(function, StringComparison.Ordinal), ex.Position);
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MySavedQuery(DeviceInfo)", "MySavedQuery")]
    [InlineData("TenantEnrichment(\"10.0.0.1\")", "TenantEnrichment")]
    public void Stored_tabular_functions_are_named(string kql, string function)
    {
        KqlEngineException ex = Fails(kql);
        Assert.StartsWith($"unsupported function '{function}' (a stored function", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Position);
    }

    [Fact]
    public void A_user_defined_function_that_returns_a_table_cannot_be_a_scalar()
    {
        KqlEngineException ex = Fails("let f = (n:long) { DeviceInfo | take n }; print y = f(1)");
        Assert.StartsWith("'f' returns a table, not a scalar.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_columns_and_tables_suggest_names()
    {
        KqlEngineException column = Fails("DeviceInfo | where DeviceNme == 'x'");
        Assert.Contains("unknown column 'DeviceNme'", column.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'DeviceName'", column.Message, StringComparison.Ordinal);
        KqlEngineException table = Fails("DeviceInfos | take 1");
        Assert.Contains("unknown table 'DeviceInfos'", table.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'DeviceInfo'", table.Message, StringComparison.Ordinal);
        Assert.Equal(0, table.Position);
    }

    [Theory]
    [InlineData("DeviceInfo | where", "Syntax error")]
    [InlineData("DeviceInfo | frobnicate", "Syntax error")]
    [InlineData("DeviceInfo | where DeviceName == 'x' and", "Syntax error")]
    [InlineData("let x = 1;", "no tabular expression")]
    [InlineData("DeviceInfo | where DeviceName", "must be a bool")]
    [InlineData("DeviceInfo | where Timestamp > 'yesterday'", "Cannot compare a datetime with a string")]
    [InlineData("DeviceInfo | extend x = Timestamp + 1", "Cannot apply '+'")]
    [InlineData("DeviceInfo | take 'ten'", "must be a constant")]
    [InlineData("DeviceInfo | where DeviceName matches regex '('", "Invalid regular expression")]
    [InlineData("DeviceInfo | summarize count() | where DeviceName == ''", "unknown column 'DeviceName'")]
    [InlineData("DeviceInfo | summarize x = DeviceName", "must be inside an aggregate")]
    [InlineData("DeviceInfo | extend c = count()", "can only be used in summarize")]
    [InlineData("DeviceInfo | join kind=inner (DeviceInfo) on Nope", "unknown column 'Nope'")]
    [InlineData("print x = datetime(not a date)", "Invalid datetime literal")]
    public void Bad_queries_have_clear_messages(string kql, string message) =>
        Assert.Contains(message, Fails(kql).Message, StringComparison.Ordinal);
}
