using System;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>The shared synthetic dataset and engine options of the tests.</summary>
internal static class TestData
{
    public static readonly DateTime Now = new(2025, 6, 2, 12, 0, 0, DateTimeKind.Utc);

    public static SyntheticDataset Dataset { get; } = SyntheticDataset.Create(365, Now);

    public static EngineOptions Options { get; } = new() { Now = Now };

    public static KqlResultTable Run(string kql) => KqlEvaluator.Execute(kql, Dataset, Options);
}
