using System;
using System.Collections.Generic;
using System.Text;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>A named, typed column.</summary>
public sealed class KqlColumn : IEquatable<KqlColumn>
{
    public KqlColumn(string name, KqlScalarType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public KqlScalarType Type { get; }

    public bool Equals(KqlColumn? other) => other is not null && other.Name == Name && other.Type == Type;

    public override bool Equals(object? obj) => Equals(obj as KqlColumn);

    public override int GetHashCode() => (Name.GetHashCode() * 31) + (int)Type;

    public override string ToString() => Name + ":" + KqlScalarTypes.Name(Type);
}

/// <summary>A table the schema declares.</summary>
public sealed class KqlTable
{
    public KqlTable(string name, IReadOnlyList<KqlColumn> columns)
    {
        Name = name;
        Columns = columns;
        Shape = new RowShape(columns, isOpen: false, origin: name);
    }

    public string Name { get; }

    public IReadOnlyList<KqlColumn> Columns { get; }

    /// <summary>The table's rows as a closed shape (shared, never mutated).</summary>
    public RowShape Shape { get; }
}

/// <summary>
/// The tables a query can name. Immutable; <see cref="Key"/> identifies its content so analysis results can be
/// cached by (query text, schema key).
/// </summary>
public sealed class KqlSchema
{
    private readonly Dictionary<string, KqlTable> _tables;

    public KqlSchema(IEnumerable<KqlTable> tables)
    {
        _tables = new Dictionary<string, KqlTable>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var t in tables)
        {
            _tables[t.Name] = t;
        }

        var names = new List<string>(_tables.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            sb.Append(name).Append('(');
            foreach (var c in _tables[name].Columns)
            {
                sb.Append(c.Name).Append(':').Append((int)c.Type).Append(',');
            }

            sb.Append(')');
        }

        Key = sb.ToString();
    }

    public static KqlSchema Empty { get; } = new KqlSchema(Array.Empty<KqlTable>());

    /// <summary>Canonical text of the schema: equal keys mean equal schemas.</summary>
    public string Key { get; }

    public IEnumerable<KqlTable> Tables => _tables.Values;

    public int Count => _tables.Count;

    public bool TryGetTable(string name, out KqlTable table) => _tables.TryGetValue(name, out table!);
}

/// <summary>
/// The columns a tabular expression produces at some point of a pipeline. An <see cref="IsOpen"/> shape
/// may hold more columns than listed (something the binder does not model happened upstream): names it
/// does not list are never reported.
/// </summary>
public sealed class RowShape
{
    public static readonly RowShape Open = new RowShape(Array.Empty<KqlColumn>(), isOpen: true);

    private readonly IReadOnlyList<KqlColumn> _columns;
    private Dictionary<string, KqlColumn>? _byName;

    public RowShape(IReadOnlyList<KqlColumn> columns, bool isOpen, string? origin = null)
    {
        _columns = columns;
        IsOpen = isOpen;
        Origin = origin;
    }

    /// <summary>The table these rows come from, while operators keep its columns (for messages).</summary>
    public string? Origin { get; }

    public IReadOnlyList<KqlColumn> Columns => _columns;

    public bool IsOpen { get; }

    public KqlColumn? Find(string name)
    {
        if (_columns.Count > 12)
        {
            if (_byName == null)
            {
                var map = new Dictionary<string, KqlColumn>(StringComparer.Ordinal);
                foreach (var c in _columns)
                {
                    map[c.Name] = c;
                }

                _byName = map;
            }

            return _byName.TryGetValue(name, out var found) ? found : null;
        }

        foreach (var c in _columns)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }

    public RowShape AsOpen() => IsOpen ? this : new RowShape(_columns, isOpen: true, Origin);

    public override string ToString() => "(" + string.Join(", ", _columns) + (IsOpen ? ", ..." : "") + ")";
}

/// <summary>Builds a <see cref="RowShape"/> column by column, replacing same-named columns.</summary>
public sealed class RowShapeBuilder
{
    private readonly List<KqlColumn> _columns;

    public RowShapeBuilder(bool isOpen = false)
    {
        _columns = new List<KqlColumn>();
        IsOpen = isOpen;
    }

    public RowShapeBuilder(RowShape start)
    {
        _columns = new List<KqlColumn>(start.Columns);
        IsOpen = start.IsOpen;
        Origin = start.Origin;
    }

    public string? Origin { get; set; }

    public bool IsOpen { get; set; }

    public List<KqlColumn> Columns => _columns;

    public int IndexOf(string name)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds the column, or replaces the type of an existing one (extend semantics).</summary>
    public void Set(string name, KqlScalarType type)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _columns[i] = new KqlColumn(name, type);
        }
        else
        {
            _columns.Add(new KqlColumn(name, type));
        }
    }

    /// <summary>Adds the column unless one with that name exists.</summary>
    public void AddIfMissing(string name, KqlScalarType type)
    {
        if (IndexOf(name) < 0)
        {
            _columns.Add(new KqlColumn(name, type));
        }
    }

    /// <summary>Adds the column, renaming it Name1, Name2... when the name is taken (join semantics).</summary>
    public void AddUnique(string name, KqlScalarType type)
    {
        var candidate = name;
        var n = 1;
        while (IndexOf(candidate) >= 0)
        {
            candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            n++;
        }

        _columns.Add(new KqlColumn(candidate, type));
    }

    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _columns.RemoveAt(i);
        return true;
    }

    public RowShape ToShape() => new RowShape(_columns.ToArray(), IsOpen, Origin);
}
