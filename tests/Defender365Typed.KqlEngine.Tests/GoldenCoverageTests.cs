using System;
using System.Linq;
using System.Reflection;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>Every golden query has its rows compared with an independent expectation, not only run.</summary>
public sealed class GoldenCoverageTests
{
    private static readonly Type[] GoldenClasses =
    [
        typeof(AggregationTests), typeof(DynamicTests), typeof(JoinTests), typeof(LetAndUnionTests),
        typeof(OrderingTests), typeof(ProjectionTests), typeof(ScalarFilterTests), typeof(StringFilterTests),
    ];

    [Fact]
    public void Every_golden_query_has_a_row_comparison_of_the_same_name()
    {
        string[] golden = GoldenClasses
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] compared = typeof(GoldenVersusLinqTests).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null })
            .Select(m => m.Name)
            .ToArray();

        Assert.Equal(85, golden.Length);
        Assert.Empty(golden.Except(compared, StringComparer.Ordinal));
    }
}
