using System;
using Defender365Typed.Results;

namespace Defender365Typed;

/// <summary>
/// A raw KQL query together with the reader of its rows: what the generator declares for a
/// <c>[HuntingQuery("Name")]</c> constant, so <c>client.Hunting.RunAsync(MyDetections.Name)</c> streams typed rows
/// without a hand-written record or a type argument. Holds no reflection: the reader is the generated one.
/// </summary>
/// <typeparam name="TRow">The row type (generated from the query's output columns).</typeparam>
public sealed class RawKqlQuery<TRow>
{
    /// <summary>A query text and the reader of its rows.</summary>
    /// <param name="kql">The KQL text.</param>
    /// <param name="reader">Reads the response into <typeparamref name="TRow"/> rows.</param>
    /// <exception cref="ArgumentException"><paramref name="kql"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="kql"/> or <paramref name="reader"/> is null.</exception>
    public RawKqlQuery([Kql] string kql, IHuntingResultReader<TRow> reader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kql);
        ArgumentNullException.ThrowIfNull(reader);
        Kql = kql;
        Reader = reader;
    }

    /// <summary>The KQL text, as declared.</summary>
    public string Kql { get; }

    /// <summary>The reader of the query's rows.</summary>
    public IHuntingResultReader<TRow> Reader { get; }

    /// <summary>The KQL text.</summary>
    public string ToKql() => Kql;

    /// <inheritdoc />
    public override string ToString() => Kql;
}
