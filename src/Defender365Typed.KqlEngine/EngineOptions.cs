using System;

namespace Defender365Typed.KqlEngine;

/// <summary>Options of one <see cref="KqlEvaluator.Execute"/> call.</summary>
public sealed class EngineOptions
{
    /// <summary>The value of <c>now()</c> (and the reference of <c>ago()</c>); UTC. Defaults to the current time.</summary>
    public DateTime Now { get; init; } = DateTime.UtcNow;

    /// <summary>Time limit of one regular expression match (<c>matches regex</c>, <c>extract</c>).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows returned at most (the service caps results at 100,000 rows); extra rows are dropped.</summary>
    public int MaxRows { get; init; } = 100_000;
}
