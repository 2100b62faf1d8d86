using System;
using System.IO;

namespace Defender365Typed.Client;

/// <summary>
/// A named query of a batch (<see cref="HuntingClient.RunBatchAsync"/>): its rows go to the file
/// <c>&lt;Name&gt;.ndjson</c> or <c>.csv</c> of the batch's output folder. Typed builder queries and generated
/// <see cref="RawKqlQuery{TRow}"/> constants run by their KQL text; rows are written untyped.
/// </summary>
public sealed class HuntingBatchQuery
{
    /// <summary>A raw KQL query.</summary>
    /// <param name="name">The name: a file name without folders (letters, digits, '-', '_', '.'), unique in the batch regardless of case.</param>
    /// <param name="kql">The KQL text.</param>
    /// <exception cref="ArgumentException">The name is not a plain file name, or the text is empty.</exception>
    public HuntingBatchQuery(string name, [Kql] string kql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(kql);
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"The batch query name '{name}' has '{c}': a name is a file name of letters, digits, '-', '_' and '.'.", nameof(name));
            }
        }

        if (name.StartsWith('.'))
        {
            throw new ArgumentException($"The batch query name '{name}' must not start with '.'.", nameof(name));
        }

        Name = name;
        Kql = kql;
    }

    /// <summary>The name (and the output file's name without its extension).</summary>
    public string Name { get; }

    /// <summary>The KQL text.</summary>
    public string Kql { get; }

    /// <summary>A typed builder query, by its KQL text.</summary>
    /// <exception cref="ArgumentException">The name is not a plain file name.</exception>
    public static HuntingBatchQuery From<TRow, TColumns>(string name, KqlQuery<TRow, TColumns> query)
        where TColumns : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return new HuntingBatchQuery(name, query.ToKql());
    }

    /// <summary>A generated raw-KQL query constant, by its KQL text.</summary>
    /// <exception cref="ArgumentException">The name is not a plain file name.</exception>
    public static HuntingBatchQuery From<TRow>(string name, RawKqlQuery<TRow> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new HuntingBatchQuery(name, query.Kql);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal string OutputPath(string folder, HuntingRowFormat format) => Path.Combine(folder, Name + "." + HuntingRowWriter.Extension(format));
}
