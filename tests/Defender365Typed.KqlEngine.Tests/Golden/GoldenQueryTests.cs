using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlEngine.Tests;

namespace Defender365Typed.Tests.Golden;

/// <summary>
/// This project's base of the golden query tests (the test classes are the files of tests/Defender365Typed.Tests/Golden,
/// compiled here unchanged). <see cref="Approve"/> either hands the typed query to <see cref="Capture"/> or, when xUnit
/// runs the golden test itself, evaluates its KQL on the synthetic dataset: every golden query must run on the engine.
/// The rows are checked by GoldenVersusLinqTests, which captures each query here and compares the engine with LINQ.
/// </summary>
public abstract class GoldenQueryTests
{
    private static readonly AsyncLocal<StrongBox<KqlTabular?>?> Sink = new();

    /// <summary>Runs a golden test method and returns the typed query it approves.</summary>
    public static KqlTabular Capture(Action goldenTest)
    {
        ArgumentNullException.ThrowIfNull(goldenTest);
        var box = new StrongBox<KqlTabular?>();
        Sink.Value = box;
        try
        {
            goldenTest();
        }
        finally
        {
            Sink.Value = null;
        }

        return box.Value ?? throw new InvalidOperationException("The golden test approved no query.");
    }

    /// <summary>Captures the query, or runs its KQL on the engine over the synthetic dataset.</summary>
    protected static void Approve(KqlTabular query, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Sink.Value is { } box)
        {
            box.Value = query;
            return;
        }

        KqlResultTable result = KqlEvaluator.Execute(query.ToKql(), TestData.Dataset, TestData.Options);
        Assert.NotNull(result);
        Assert.NotEmpty(result.Columns);
        _ = name;
    }
}
