using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Series functions over make-series arrays. <c>series_decompose_anomalies</c> returns the tuple (ad_flag, ad_score,
/// baseline) that <c>extend (A, B, C) = ...</c> spreads over three columns. Its model is simpler than the service's:
/// the baseline is the trend only (<c>avg</c>, the default, or <c>linefit</c>; seasonality is not modelled) and the
/// residuals go through Tukey's fence test with k = threshold (1.5 by default), as the KQL reference describes.
/// </summary>
internal sealed partial class Evaluator
{
    private static Scalar? CompileSeriesFunction(FunctionCall c)
    {
        switch (c.Name)
        {
            case "series_decompose_anomalies":
                c.Count(1, 7);
                return c.Of(KqlScalarType.Dynamic, v =>
                {
                    if (v[0] is not DynamicArray series)
                    {
                        return null;
                    }

                    double k = v.Length > 1 ? Values.ToReal(v[1]) ?? 1.5 : 1.5;
                    string trend = v.Length > 3 ? Values.ToText(v[3]) : "avg";
                    return DecomposeAnomalies(series.Select(x => Values.ToReal(x) ?? 0).ToArray(), k, trend);
                });
            case "series_stats_dynamic":
                c.Count(1, 2);
                return c.Of(KqlScalarType.Dynamic, v => v[0] is DynamicArray a ? SeriesStats(a, ignoreNonFinite: v.Length > 1 && v[1] is true) : null);
            default:
                return null;
        }
    }

    /// <summary>
    /// series_stats_dynamic: min, min_idx, max, max_idx, avg, stdev, variance (sample), sum and len, in the reference's
    /// order. A null or non-finite element makes the result null unless <paramref name="ignoreNonFinite"/>, which
    /// leaves such elements out (the indexes stay positions in the input).
    /// </summary>
    private static DynamicBag? SeriesStats(DynamicArray series, bool ignoreNonFinite)
    {
        var values = new List<(double Value, long Index)>(series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            if (Values.ToReal(series[i]) is { } x && double.IsFinite(x))
            {
                values.Add((x, i));
            }
            else if (!ignoreNonFinite)
            {
                return null;
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        (double min, long minIdx) = values.MinBy(e => e.Value);
        (double max, long maxIdx) = values.MaxBy(e => e.Value);
        double sum = values.Sum(e => e.Value), avg = sum / values.Count;
        double variance = values.Count > 1 ? values.Sum(e => (e.Value - avg) * (e.Value - avg)) / (values.Count - 1) : 0;
        return new DynamicBag(
        [
            new("min", min), new("min_idx", minIdx), new("max", max), new("max_idx", maxIdx), new("avg", avg),
            new("stdev", Math.Sqrt(variance)), new("variance", variance), new("sum", sum), new("len", (long)values.Count),
        ]);
    }

    internal static DynamicArray DecomposeAnomalies(double[] y, double k, string trend)
    {
        int n = y.Length;
        double[] baseline = new double[n];
        if (n > 0 && trend == "linefit")
        {
            double meanX = (n - 1) / 2.0, meanY = y.Average();
            double sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++)
            {
                sxx += (i - meanX) * (i - meanX);
                sxy += (i - meanX) * (y[i] - meanY);
            }

            double slope = sxx == 0 ? 0 : sxy / sxx;
            for (int i = 0; i < n; i++)
            {
                baseline[i] = meanY + (slope * (i - meanX));
            }
        }
        else if (n > 0 && trend != "none")
        {
            Array.Fill(baseline, y.Average());
        }

        double[] residuals = y.Select((v, i) => v - baseline[i]).ToArray();
        double q1 = Quantile(residuals, 0.25), q3 = Quantile(residuals, 0.75);
        double iqr = Math.Max(q3 - q1, 1e-9);
        var flags = new List<object?>(n);
        var scores = new List<object?>(n);
        foreach (double r in residuals)
        {
            double score = r > q3 ? (r - q3) / iqr : r < q1 ? (r - q1) / iqr : 0;
            score = Math.Clamp(score, -1e6, 1e6);
            scores.Add(score);
            flags.Add(score > k ? 1L : score < -k ? -1L : 0L);
        }

        return new DynamicArray([new DynamicArray(flags), new DynamicArray(scores), new DynamicArray(baseline.Select(b => (object?)b))]);
    }

    /// <summary>Linear-interpolated quantile of the values (0 for none).</summary>
    private static double Quantile(double[] values, double q)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        double[] sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
