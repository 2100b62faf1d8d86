using System;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// The examples of Microsoft's KQL reference (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/...) for the
/// functions and operators added for issue 15, with the outputs the reference prints.
/// </summary>
public sealed class ReferenceExampleTests
{
    private static object? Print(string expression) => TestData.Run("print x = " + expression).Rows[0][0];

    // data-explorer/kusto/query/datetime-diff-function.md, "Examples": 17, 2, 13, 5, 29, 2, 5, 10, 100, 100, -700.
    [Theory]
    [InlineData("datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31))", 17L)]
    [InlineData("datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30))", 2L)]
    [InlineData("datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30))", 13L)]
    [InlineData("datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59))", 5L)]
    [InlineData("datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59))", 29L)]
    [InlineData("datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59))", 2L)]
    [InlineData("datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59))", 5L)]
    [InlineData("datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900))", 10L)]
    [InlineData("datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900))", 100L)]
    [InlineData("datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009))", 100L)]
    [InlineData("datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))", -700L)]
    public void Datetime_diff_matches_the_reference(string expression, long expected) => Assert.Equal(expected, Print(expression));

    // data-explorer/kusto/query/hash-function.md: hash("World") and hash("World", 100).
    [Fact]
    public void Hash_is_xxhash64_as_documented()
    {
        Assert.Equal(1846988464401551951L, Print("hash('World')"));
        Assert.Equal(51L, Print("hash('World', 100)"));
    }

    // data-explorer/kusto/query/countof-function.md, "Examples" table.
    [Theory]
    [InlineData("countof('aaa', 'a')", 3L)]
    [InlineData("countof('aaaa', 'aa')", 3L)]
    [InlineData("countof('ababa', 'ab', 'normal')", 2L)]
    [InlineData("countof('ababa', 'aba')", 2L)]
    [InlineData("countof('ababa', 'aba', 'regex')", 1L)]
    [InlineData("countof('abcabc', 'a.c', 'regex')", 2L)]
    public void Countof_matches_the_reference(string expression, long expected) => Assert.Equal(expected, Print(expression));

    // data-explorer/kusto/query/ipv4-is-private-function.md: the inline list and the datatable example.
    [Theory]
    [InlineData("ipv4_is_private('192.168.1.1/24')", true)]
    [InlineData("ipv4_is_private('10.1.2.3/24')", true)]
    [InlineData("ipv4_is_private('202.1.2.3')", false)]
    [InlineData("ipv4_is_private('127.0.0.1')", false)]
    [InlineData("ipv4_is_private('10.1.2.3')", true)]
    public void Ipv4_is_private_matches_the_reference(string expression, bool expected) => Assert.Equal(expected, Print(expression));

    [Fact]
    public void Ipv4_is_private_is_null_for_text_that_is_no_address() => Assert.Null(Print("ipv4_is_private('not an ip')"));

    // data-explorer/kusto/query/parse-url-function.md. The reference's printed Path reads "this/is/a/path"; the
    // path of a URL starts at its '/', which is what the engine returns, so Path is asserted separately.
    [Fact]
    public void Parse_url_returns_the_documented_parts()
    {
        var bag = Assert.IsType<DynamicBag>(Print("parse_url('scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment')"));
        Assert.Equal("scheme", bag["Scheme"]);
        Assert.Equal("host", bag["Host"]);
        Assert.Equal("1234", bag["Port"]);
        Assert.Equal("username", bag["Username"]);
        Assert.Equal("password", bag["Password"]);
        Assert.Equal("fragment", bag["Fragment"]);
        var query = Assert.IsType<DynamicBag>(bag["Query Parameters"]);
        Assert.Equal(["k1", "k2"], query.Keys);
        Assert.Equal("v2", query["k2"]);
        Assert.Equal("/this/is/a/path", bag["Path"]);
    }

    // data-explorer/kusto/query/parse-operator.md, "Extract email alias and DNS" (first two rows).
    [Fact]
    public void Parse_extracts_the_documented_columns()
    {
        KqlResultTable t = TestData.Run("""
            let Leads = datatable(Contacts: string)
            [
                "Event: LeadContact (email=john@contosohotel.com, Website=https:contosohotel.com)",
                "Event: LeadContact (email=abi@fourthcoffee.com, Website=https:www.fourthcoffee.com)",
            ];
            Leads
            | parse Contacts with * "email=" alias:string "@" domain: string ", Website=https:" WebsiteDomain: string ")"
            | project EmailAddress=strcat(alias, "@", domain), EmailAlias=alias, WebsiteDomain
            """);
        Assert.Equal(["EmailAddress", "EmailAlias", "WebsiteDomain"], t.Columns.Select(c => c.Name));
        Assert.Equal(["john@contosohotel.com", "john", "contosohotel.com"], t.Rows[0]);
        Assert.Equal(["abi@fourthcoffee.com", "abi", "www.fourthcoffee.com"], t.Rows[1]);
    }

    // data-explorer/kusto/query/parse-operator.md: parse-where drops the rows that do not match; parse keeps them with nulls.
    [Fact]
    public void Parse_where_drops_unmatched_rows_and_parse_keeps_them_empty()
    {
        const string Data = "datatable(s: string) ['n=12', 'none'] ";
        KqlResultTable kept = TestData.Run(Data + "| parse s with 'n=' n: long");
        Assert.Equal([12L, null], kept.Rows.Select(r => r[1]));
        KqlResultTable dropped = TestData.Run(Data + "| parse-where s with 'n=' n: long");
        Assert.Equal([12L], dropped.Rows.Select(r => r[1]));
    }

    // data-explorer/kusto/query/bag-unpack-plugin.md, "Expand a bag" and the OutputColumnPrefix example.
    [Theory]
    [InlineData("", "Name", "Age")]
    [InlineData(", 'Property_'", "Property_Name", "Property_Age")]
    public void Bag_unpack_expands_the_documented_bags(string prefix, string name, string age)
    {
        KqlResultTable t = TestData.Run($$"""
            datatable(d:dynamic)
            [
                dynamic({"Name": "John", "Age":20}),
                dynamic({"Name": "Dave", "Age":40}),
                dynamic({"Name": "Jasmine", "Age":30}),
            ]
            | evaluate bag_unpack(d{{prefix}})
            """);
        Assert.Equal([name, age], t.Columns.Select(c => c.Name));
        Assert.Equal(["John", "Dave", "Jasmine"], t.Rows.Select(r => r[0]));
        Assert.Equal([20L, 40L, 30L], t.Rows.Select(r => r[1]));
    }

    // data-explorer/kusto/query/bag-unpack-plugin.md: properties missing from a bag are empty (the Height example).
    [Fact]
    public void Bag_unpack_leaves_missing_properties_empty()
    {
        KqlResultTable t = TestData.Run("""
            datatable(d:dynamic)
            [
                dynamic({"Name": "John", "Age":20}),
                dynamic({ "Name": "Dave", "Height": 170, "Age":40}),
            ]
            | evaluate bag_unpack(d)
            """);
        int height = t.IndexOf("Height");
        Assert.Equal([null, 170L], t.Rows.Select(r => r[height]));
    }
}
