using System.Collections.Generic;
using System.Collections.Immutable;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>
/// The columns of a typed query after some operator, as KQL has them (the front end's <see cref="RowShape"/>: ordered
/// names and types, open when an item's KQL-chosen name is not known), and for each name an operator touched, what it
/// did (<c>ProjectAway removed it</c>), so a diagnostic can say why a column is gone or has another type.
/// </summary>
internal sealed class ChainColumns
{
    private readonly ImmutableDictionary<string, string> _history;

    private ChainColumns(RowShape shape, ImmutableDictionary<string, string> history, string origin)
    {
        Shape = shape;
        _history = history;
        Origin = origin;
    }

    public RowShape Shape { get; }

    /// <summary>What the chain starts from (the table's name), for a column it never had.</summary>
    public string Origin { get; }

    public static ChainColumns Start(string origin, IReadOnlyList<KqlColumn> columns) =>
        new ChainColumns(new RowShape(columns, isOpen: false), ImmutableDictionary.Create<string, string>(System.StringComparer.Ordinal), origin);

    public KqlColumn? Find(string name) => Shape.Find(name);

    /// <summary>Why <paramref name="name"/> is missing; a plain statement when no operator touched it.</summary>
    public string WhyMissing(string name) => History(name) ?? Origin + " does not have it";

    /// <summary>What the last operator that touched <paramref name="name"/> did to it, or null when none did.</summary>
    public string? History(string name) => _history.TryGetValue(name, out var why) ? why : null;

    /// <summary>Every recorded event: column name and what the operator did to it.</summary>
    public IEnumerable<KeyValuePair<string, string>> Events => _history;

    /// <summary>The next state: <paramref name="shape"/>, with <paramref name="events"/> recorded over the earlier ones.</summary>
    public ChainColumns Next(RowShape shape, IEnumerable<KeyValuePair<string, string>> events, string? origin = null) =>
        new ChainColumns(shape, _history.SetItems(events), origin ?? Origin);

    /// <summary>The next state after an operator that keeps only <paramref name="shape"/>: every dropped column is recorded as <paramref name="dropped"/>.</summary>
    public ChainColumns Narrowed(RowShape shape, string dropped)
    {
        var events = new List<KeyValuePair<string, string>>();
        foreach (var column in Shape.Columns)
        {
            if (shape.Find(column.Name) == null)
            {
                events.Add(new KeyValuePair<string, string>(column.Name, dropped));
            }
        }

        return Next(shape, events);
    }
}
