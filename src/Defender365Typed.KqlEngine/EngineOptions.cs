using System;
using System.Collections.Generic;

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

    /// <summary>
    /// Time budget of one evaluation (10 s by default). The engine checks it between operators and every few thousand
    /// rows inside them; past it the query fails with a <see cref="KqlEngineException"/> naming this option.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Row budget: the most rows any table built while evaluating may hold (2,000,000 by default), which bounds memory
    /// (a join or mv-expand that multiplies rows stops here with a <see cref="KqlEngineException"/> naming this option).
    /// </summary>
    public int MaxWorkingRows { get; init; } = 2_000_000;

    /// <summary>Local files for <c>externaldata</c> URLs: the exact URL text maps to a file path. Checked first.</summary>
    public IReadOnlyDictionary<string, string>? ExternalDataFiles { get; init; }

    /// <summary>
    /// A folder for <c>externaldata</c>: a URL maps to the file of this folder named like the URL's last path segment
    /// (<c>https://host/lists/ips.txt</c> → <c>ips.txt</c>). The engine never downloads; an unmapped URL is an error naming it.
    /// </summary>
    public string? ExternalDataFolder { get; init; }

    /// <summary>
    /// Stored (saved) functions by name, evaluated when a query calls them (<c>SuspiciousLogons("alice") | ...</c>): each
    /// body runs on its own with the arguments bound to its parameters. A <c>let</c> of the same name in the query wins.
    /// </summary>
    public IReadOnlyDictionary<string, KqlStoredFunction>? StoredFunctions { get; init; }

    /// <summary>A copy of these options with <see cref="StoredFunctions"/> replaced.</summary>
    public EngineOptions WithStoredFunctions(IReadOnlyDictionary<string, KqlStoredFunction>? storedFunctions) => Copy(storedFunctions, MaxRows);

    /// <summary>A copy of these options with <see cref="MaxRows"/> replaced (a host's own row cap).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    public EngineOptions WithMaxRows(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        return Copy(StoredFunctions, maxRows);
    }

    private EngineOptions Copy(IReadOnlyDictionary<string, KqlStoredFunction>? storedFunctions, int maxRows) => new()
    {
        Now = Now,
        RegexTimeout = RegexTimeout,
        MaxRows = maxRows,
        Timeout = Timeout,
        MaxWorkingRows = MaxWorkingRows,
        ExternalDataFiles = ExternalDataFiles,
        ExternalDataFolder = ExternalDataFolder,
        StoredFunctions = storedFunctions,
    };
}
