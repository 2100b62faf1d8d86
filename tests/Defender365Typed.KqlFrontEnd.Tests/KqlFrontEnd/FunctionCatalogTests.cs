using System.Linq;
using Defender365Typed.Generators.Tests.QueryAnalysis;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>Function names: known exactly when Microsoft's analyzer knows them (plus legacy and syntax words).</summary>
public sealed class FunctionCatalogTests
{
    [Fact]
    public void The_catalog_knows_exactly_the_Kusto_names_plus_its_own_extras()
    {
        var missing = KustoFunctionNames.All.Where(n => !FunctionCatalog.IsKnownName(n)).ToList();
        Assert.True(missing.Count == 0,
            "FunctionCatalog.Signatures.cs lacks names of Corpus/kusto-functions.txt (regenerate it: node tools/kql-check/signatures.js): " + string.Join(", ", missing));

        // Beyond Microsoft's list: the special forms the binder reads itself and syntax words the parser may read as calls.
        var extras = FunctionCatalog.Names.Where(n => !KustoFunctionNames.Contains(n)).OrderBy(n => n, System.StringComparer.Ordinal);
        Assert.Equal(
            ["datatable", "dynamic", "materialize", "print", "toscalar", "typeof"],
            extras);
    }

    [Theory]
    [InlineData("make_st")]
    [InlineData("array_lengh")]
    [InlineData("series_fooo")]
    [InlineData("geo_nowhere")]
    [InlineData("trim_ws")]
    public void A_name_outside_the_list_is_unknown(string name) => Assert.False(FunctionCatalog.IsKnownName(name));

    [Theory]
    [InlineData("DeviceProcessEvents | summarize make_st(FileName) by DeviceName", "make_st", "make_set")]
    [InlineData("DeviceProcessEvents | extend n = array_lengh(split(FileName, \".\"))", "array_lengh", "array_length")]
    [InlineData("DeviceProcessEvents | extend d = datetime_dif(\"day\", now(), Timestamp)", "datetime_dif", "datetime_diff")]
    [InlineData("DeviceNetworkEvents | where ipv4_is_privae(RemoteIP)", "ipv4_is_privae", "ipv4_is_private")]
    public void A_misspelling_inside_a_function_family_is_reported(string text, string name, string suggestion)
    {
        var d = AnalysisAssert.Single(text, KqlDiagnosticKind.UnknownFunction, name);
        Assert.Equal(suggestion, d.Suggestion);
    }

    [Theory]
    [InlineData("DeviceProcessEvents | summarize make_set(FileName), make_set_if(SHA1, FileSize > 0), make_bag(pack(\"a\", 1)) by DeviceName")]
    [InlineData("print a = series_fir(dynamic([1, 2]), dynamic([1])), b = geo_point_to_s2cell(1.0, 2.0), c = array_sort_asc(dynamic([2, 1]))")]
    [InlineData("print a = makeset(1), b = makelist(1), c = covariance(1, 2), d = punycode_to_string(\"x\")")]
    [InlineData("DeviceProcessEvents | summarize makeset(FileName), makelist(SHA1) by DeviceName")]
    public void Every_Kusto_function_name_and_legacy_alias_is_known(string text) => AnalysisAssert.Clean(text);

    [Theory]
    [InlineData("DeviceFromIP(\"10.0.0.1\", now()) | take 1")]
    [InlineData("AssignedIPAddresses(\"host\", now()) | take 1")]
    [InlineData("DeviceProcessEvents | invoke SeenBy() | take 1")]
    [InlineData("DeviceProcessEvents | invoke FileProfile(SHA1, 1000) | take 1")]
    public void Defender_functions_stay_known(string text) => AnalysisAssert.Clean(text);

    [Fact]
    public void A_name_only_known_function_is_neither_counted_nor_typed() =>
        AnalysisAssert.Clean("print a = series_stats(dynamic([1]), 1, 2, 3, 4), b = toupper(geo_point_to_h3cell(1.0, 2.0, 3))");

    [Fact]
    public void Hidden_functions_are_known_but_not_suggested()
    {
        AnalysisAssert.Clean("print __hash_djb2(\"x\")");
        Assert.DoesNotContain(FunctionCatalog.Names, n => n.StartsWith("__", System.StringComparison.Ordinal));
    }
}
