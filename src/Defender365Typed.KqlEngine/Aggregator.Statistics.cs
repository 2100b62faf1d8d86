using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.KqlEngine;

/// <summary>The statistics aggregates (stdev, variance, percentile).</summary>
internal sealed partial class Aggregator
{
    /// <summary>The sample variance (n - 1), as KQL's variance and stdev; 0 for one value, null for none.</summary>
    private static double? SampleVariance(List<object?>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        double[] x = values.Select(v => (double)v!).ToArray();
        if (x.Length == 1)
        {
            return 0;
        }

        double mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    private static object? Percentile(List<object?>? values, double percent)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        List<object?> sorted = values.OrderBy(v => v, Comparer<object?>.Create((a, b) => Values.CompareForSort(a, b, true))).ToList();
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
