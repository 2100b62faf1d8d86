using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The IPv4 and geo functions against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/&lt;name&gt;-function.md), outputs as printed there.
/// ipv4_is_private is in ReferenceExampleTests.
/// </summary>
public sealed class NetworkReferenceTests
{
    // ipv4-is-in-range-function.md, "Example".
    [Fact]
    public void Ipv4_is_in_range() => DocsTable.AssertOutput(
        """
        datatable(ip_address:string, ip_range:string)
        [
         '192.168.1.1',    '192.168.1.1',       // Equal IPs
         '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
        ]
        | extend result = ipv4_is_in_range(ip_address, ip_range)
        """,
        """
        |ip_address|ip_range|result|
        |---|---|---|
        |192.168.1.1|192.168.1.1|true|
        |192.168.1.1|192.168.1.255/24|true|
        """);

    // ipv4-is-in-any-range-function.md, "Syntax using list of strings" and "Syntax using dynamic array".
    [Theory]
    [InlineData("ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16')")]
    [InlineData("ipv4_is_in_any_range(\"127.0.0.1\", dynamic([\"127.0.0.1\", \"192.168.1.1\"]))")]
    public void Ipv4_is_in_any_range_lists(string expression) => Assert.Equal(true, DocsTable.Print(expression));

    // ipv4-is-in-any-range-function.md, "Extend table with IPv4 range check".
    [Fact]
    public void Ipv4_is_in_any_range_over_a_let_array() => DocsTable.AssertOutput(
        """
        let LocalNetworks=dynamic([
            "192.168.1.1/16",
            "127.0.0.1/8",
            "10.0.0.1/8"
        ]);
        let IPs=datatable(IP:string) [
            "10.1.2.3",
            "192.168.1.5",
            "123.1.11.21",
            "1.1.1.1"
        ];
        IPs
        | extend IsLocal=ipv4_is_in_any_range(IP, LocalNetworks)
        """,
        """
        |IP|IsLocal|
        |---|---|
        |10.1.2.3|true|
        |192.168.1.5|true|
        |123.1.11.21|false|
        |1.1.1.1|false|
        """);

    // ipv4-is-match-function.md, "Simple example".
    [Fact]
    public void Ipv4_is_match_simple() => Assert.Equal(true, DocsTable.Print("ipv4_is_match('192.168.1.1/24', '192.168.1.255')"));

    private const string PrefixInStrings = """
        datatable(ip1_string:string, ip2_string:string)
        [
         '192.168.1.0',    '192.168.1.0',       // Equal IPs
         '192.168.1.1/24', '192.168.1.255',     // 24 bit IP-prefix is used for comparison
         '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
         '192.168.1.1/30', '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
        ]
        """;

    private const string PrefixArgument = """
        datatable(ip1_string:string, ip2_string:string, prefix:long)
        [
         '192.168.1.1',    '192.168.1.0',   31, // 31 bit IP-prefix is used for comparison
         '192.168.1.1/24', '192.168.1.255', 31, // 24 bit IP-prefix is used for comparison
         '192.168.1.1',    '192.168.1.255', 24, // 24 bit IP-prefix is used for comparison
        ]
        """;

    // ipv4-is-match-function.md, "IPv4 comparison equality - IP-prefix notation specified inside the IPv4 strings".
    [Fact]
    public void Ipv4_is_match_prefix_in_the_strings() => DocsTable.AssertOutput(
        PrefixInStrings + "| extend result = ipv4_is_match(ip1_string, ip2_string)",
        """
        |ip1_string|ip2_string|result|
        |---|---|---|
        |192.168.1.0|192.168.1.0|true|
        |192.168.1.1/24|192.168.1.255|true|
        |192.168.1.1|192.168.1.255/24|true|
        |192.168.1.1/30|192.168.1.255/24|true|
        """);

    // ipv4-is-match-function.md, "... and an additional argument of the ipv4_is_match() function".
    [Fact]
    public void Ipv4_is_match_prefix_argument() => DocsTable.AssertOutput(
        PrefixArgument + "| extend result = ipv4_is_match(ip1_string, ip2_string, prefix)",
        """
        |ip1_string|ip2_string|prefix|result|
        |---|---|---|---|
        |192.168.1.1|192.168.1.0|31|true|
        |192.168.1.1/24|192.168.1.255|31|true|
        |192.168.1.1|192.168.1.255|24|true|
        """);

    // ipv4-compare-function.md, "Compare IPs using the IP-prefix notation specified inside the IPv4 strings".
    [Fact]
    public void Ipv4_compare_prefix_in_the_strings() => DocsTable.AssertOutput(
        PrefixInStrings + "| extend result = ipv4_compare(ip1_string, ip2_string)",
        """
        |ip1_string|ip2_string|result|
        |---|---|---|
        |192.168.1.0|192.168.1.0|0|
        |192.168.1.1/24|192.168.1.255|0|
        |192.168.1.1|192.168.1.255/24|0|
        |192.168.1.1/30|192.168.1.255/24|0|
        """);

    // ipv4-compare-function.md, "... and as additional argument of the ipv4_compare() function".
    [Fact]
    public void Ipv4_compare_prefix_argument() => DocsTable.AssertOutput(
        PrefixArgument + "| extend result = ipv4_compare(ip1_string, ip2_string, prefix)",
        """
        |ip1_string|ip2_string|prefix|result|
        |---|---|---|---|
        |192.168.1.1|192.168.1.0|31|0|
        |192.168.1.1/24|192.168.1.255|31|0|
        |192.168.1.1|192.168.1.255|24|0|
        """);

    // parse-ipv4-function.md, "Example".
    [Fact]
    public void Parse_ipv4() => DocsTable.AssertOutput(
        """
        datatable(ip_string: string)
        [
            '192.168.1.1', '192.168.1.1/24', '255.255.255.255/31'
        ]
        | extend ip_long = parse_ipv4(ip_string)
        """,
        """
        |ip_string|ip_long|
        |---|---|
        |192.168.1.1|3232235777|
        |192.168.1.1/24|3232235776|
        |255.255.255.255/31|4294967294|
        """);

    // format-ipv4-function.md and format-ipv4-mask-function.md (the same example): a text address with a prefix,
    // masked by the smaller of its own and the argument; a prefix outside 0..32 gives "".
    [Fact]
    public void Format_ipv4_and_format_ipv4_mask() => DocsTable.AssertOutput(
        """
        datatable(address:string, mask:long)
        [
         '192.168.1.1', 24,
         '192.168.1.1', 32,
         '192.168.1.1/24', 32,
         '192.168.1.1/24', long(-1),
        ]
        | extend result = format_ipv4(address, mask),
                 result_mask = format_ipv4_mask(address, mask)
        """,
        """
        |address|mask|result|result_mask|
        |---|---|---|---|
        |192.168.1.1|24|192.168.1.0|192.168.1.0/24|
        |192.168.1.1|32|192.168.1.1|192.168.1.1/32|
        |192.168.1.1/24|32|192.168.1.0|192.168.1.0/24|
        |192.168.1.1/24|-1|||
        """);

    // has-ipv4-function.md: "Properly formatted IP address", "Invalid IP address", "Improperly delimited IP".
    [Theory]
    [InlineData("has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1')", true)]
    [InlineData("has_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256')", false)]
    [InlineData("has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1')", false)]
    public void Has_ipv4(string expression, bool expected) => Assert.Equal(expected, DocsTable.Print(expression));

    // has-ipv4-prefix-function.md, "Examples": true; false (invalid prefix); false (invalid address); false (delimiting).
    [Theory]
    [InlineData("has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.')", true)]
    [InlineData("has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')", false)]
    [InlineData("has_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.')", false)]
    [InlineData("has_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.')", false)]
    public void Has_ipv4_prefix(string expression, bool expected) => Assert.Equal(expected, DocsTable.Print(expression));

    // geo-info-from-ip-address-function.md: the documented bag is {"country", "state", "city", "latitude", "longitude"}
    // (strings, then reals). The engine's places come from a small offline table, not MaxMind, so only the shape is
    // the reference's; the values are the engine's own (the same address always gets the same place).
    [Theory]
    [InlineData("20.53.203.50")]
    [InlineData("2a03:2880:f12c:83:face:b00c::25de")]
    public void Geo_info_from_ip_address_has_the_documented_shape(string address)
    {
        var bag = Assert.IsType<DynamicBag>(DocsTable.Print($"geo_info_from_ip_address('{address}')"));
        Assert.Equal(["country", "state", "city", "latitude", "longitude"], bag.Keys);
        Assert.All(bag.Keys.Take(3), k => Assert.False(string.IsNullOrEmpty(Assert.IsType<string>(bag[k]))));
        Assert.InRange(Assert.IsType<double>(bag["latitude"]), -90, 90);
        Assert.InRange(Assert.IsType<double>(bag["longitude"]), -180, 180);
        Assert.Equal(bag, DocsTable.Print($"geo_info_from_ip_address('{address}')"));
    }
}
