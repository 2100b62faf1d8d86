using System;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// The key proof of the engine: golden typed queries (tests/Defender365Typed.Tests/Golden, the same builder code) are
/// rendered with <c>ToKql()</c>, evaluated on the synthetic dataset, and compared with a hand-written LINQ query over
/// the same rows. Every result is asserted non-empty so the comparison is not vacuous; where the synthetic tenant has no
/// rows for a query, the test replaces its tables with hand-built rows (<see cref="GoldenLinqTestBase.With"/>) on both
/// sides of each condition and also asserts the row count read off those rows. One test per golden query, of the same
/// name (<see cref="GoldenCoverageTests"/>); the partial files group them like the golden classes.
/// </summary>
public sealed partial class GoldenVersusLinqTests : GoldenLinqTestBase
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
}
