using System.Linq;
using Defender365Typed.Generators.Tests.QueryAnalysis;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

public sealed class FunctionCatalogTests
{
    [Fact]
    public void The_catalog_knows_exactly_the_Kusto_names_plus_its_own_extras()
    {
        var missing = KustoFunctionNames.All.Where(n => !FunctionCatalog.IsKnownName(n)).ToList();
        Assert.True(missing.Count == 0,
            "FunctionCatalog.KustoNames lacks names of Corpus/kusto-functions.txt (refresh it as its comment says): " + string.Join(", ", missing));

        // Names the catalog knows beyond Microsoft's list: legacy spellings with a modelled signature and syntax words.
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
}
