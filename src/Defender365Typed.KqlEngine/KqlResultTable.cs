using System;
using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>A named, typed column of a <see cref="KqlResultTable"/>.</summary>
/// <param name="Name">The column name, exactly as KQL spells it.</param>
/// <param name="Type">The KQL type (never <see cref="KqlScalarType.Unknown"/>).</param>
/// <remarks>
/// The values a column holds, by type: <c>bool</c> a <see cref="bool"/> or null; <c>int</c> an <see cref="int"/> or
/// null; <c>long</c> a <see cref="long"/> or null; <c>real</c> a <see cref="double"/> or null; <c>decimal</c> a
/// <see cref="decimal"/> or null; <c>string</c> a <see cref="string"/>, never null (KQL strings are empty, not null);
/// <c>datetime</c> a UTC <see cref="System.DateTime"/> or null; <c>timespan</c> a <see cref="System.TimeSpan"/> or
/// null; <c>guid</c> a <see cref="System.Guid"/> or null; <c>dynamic</c> null, a <see cref="DynamicArray"/>, a
/// <see cref="DynamicBag"/>, or a JSON scalar (<see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>). <see cref="KqlScalarType"/> comes from the KQL front end, whose dll ships inside this package.
/// </remarks>
public sealed record KqlResultColumn(string Name, KqlScalarType Type)
{
    private readonly KqlScalarType _type = Checked(Type, nameof(Type));

    /// <summary>The KQL type: one of the ten KQL types, never <see cref="KqlScalarType.Unknown"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is Unknown or not a KQL type.</exception>
    public KqlScalarType Type { get => _type; init => _type = Checked(value, nameof(Type)); }

    /// <summary>The KQL type name (<c>string</c>, <c>datetime</c>...).</summary>
    public string KqlType => KqlScalarTypes.Name(Type);

    /// <summary>The type name the hunting APIs report (<c>String</c>, <c>DateTime</c>, <c>Int64</c>...).</summary>
    public string ApiType => KqlColumnTypes.ApiName(Type);

    private static KqlScalarType Checked(KqlScalarType type, string paramName) => KqlScalarTypes.IsDefined(type)
        ? type
        : throw new ArgumentOutOfRangeException(paramName, type, "A column type must be one of the ten KQL types, not Unknown.");
}

/// <summary>
/// A table of typed rows: an input table of a <see cref="ITableSource"/> or the result of <see cref="KqlEvaluator.Execute"/>.
/// Each row holds one value per column, represented as <see cref="KqlResultColumn"/> documents.
/// </summary>
public sealed class KqlResultTable
{
    /// <summary>Creates a table; each row must have one value per column.</summary>
    public KqlResultTable(string name, IReadOnlyList<KqlResultColumn> columns, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Name = name;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The table name (a source table's name; <c>PrimaryResult</c> for a query result).</summary>
    public string Name { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<KqlResultColumn> Columns { get; }

    /// <summary>The rows, each an array with one value per column.</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>The chart a <c>render</c> operator asked for (<c>timechart</c>, <c>barchart</c>...), or null; the rows do not depend on it.</summary>
    public string? Visualization { get; init; }

    /// <summary>
    /// True when every row has a non-null datetime <c>Timestamp</c> and the rows are in ascending (non-decreasing) order
    /// of it, as <see cref="SyntheticVolume"/> makes them. The engine then reads only the rows between the bounds a
    /// leading <c>where</c> puts on Timestamp (found by binary search) instead of every row; the result is the same. Never
    /// assumed: false unless set, and a table that sets it wrongly gets wrong results.
    /// </summary>
    public bool IsOrderedByTimestamp { get; init; }

    /// <summary>
    /// The rows whose <c>Timestamp</c> lies in [<paramref name="from"/>, <paramref name="to"/>], both ends included, in
    /// their order (a null Timestamp is in no range). On a table <see cref="IsOrderedByTimestamp"/> only the rows in the
    /// range are read and the result is a view of them; otherwise every row is read. Returns this table when no row is left out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The table has no datetime column named Timestamp.</exception>
    public KqlResultTable WhereTimestampBetween(DateTime from, DateTime to)
    {
        int column = IndexOf("Timestamp");
        if (column < 0 || Columns[column].Type != KqlScalarType.DateTime)
        {
            throw new InvalidOperationException($"The table '{Name}' has no datetime column named Timestamp.");
        }

        IReadOnlyList<object?[]> rows;
        if (IsOrderedByTimestamp)
        {
            rows = TimestampOrder.Range(Rows, TimestampOrder.FirstIndex(this, column, from, after: false), TimestampOrder.FirstIndex(this, column, to, after: true));
        }
        else
        {
            var kept = new List<object?[]>();
            foreach (object?[] row in Rows)
            {
                if (row[column] is DateTime t && t >= from && t <= to)
                {
                    kept.Add(row);
                }
            }

            rows = kept;
        }

        return rows.Count == Rows.Count ? this : new KqlResultTable(Name, Columns, rows) { Visualization = Visualization, IsOrderedByTimestamp = IsOrderedByTimestamp };
    }

    /// <summary>The index of the column named <paramref name="name"/> (ordinal), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value of column <paramref name="column"/> in row <paramref name="row"/>.</summary>
    public object? this[int row, string column]
    {
        get
        {
            int i = IndexOf(column);
            if (i < 0)
            {
                throw new ArgumentException($"The table has no column '{column}'.", nameof(column));
            }

            return Rows[row][i];
        }
    }
}

/// <summary>The tables a query can name.</summary>
public interface ITableSource
{
    /// <summary>The names of every table (for <c>union</c> wildcards).</summary>
    IEnumerable<string> TableNames { get; }

    /// <summary>Finds a table by its exact name.</summary>
    bool TryGetTable(string name, out KqlResultTable table);
}

/// <summary>A dictionary of tables by name.</summary>
public sealed class TableSource : ITableSource
{
    private readonly Dictionary<string, KqlResultTable> _tables = new(StringComparer.Ordinal);

    /// <summary>Creates a source holding <paramref name="tables"/>.</summary>
    public TableSource(IEnumerable<KqlResultTable>? tables = null)
    {
        if (tables is not null)
        {
            foreach (KqlResultTable t in tables)
            {
                Add(t);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerable<string> TableNames => _tables.Keys;

    /// <summary>Adds a table or replaces the one of the same name.</summary>
    public TableSource Add(KqlResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _tables[table.Name] = table;
        return this;
    }

    /// <inheritdoc/>
    public bool TryGetTable(string name, out KqlResultTable table) => _tables.TryGetValue(name, out table!);
}
