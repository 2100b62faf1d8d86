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
/// The tables (and schema-file functions) a query can name. Immutable; <see cref="Key"/> identifies its content so
/// analysis results can be cached by (query text, schema key).
/// </summary>
public sealed class KqlSchema
{
    private readonly Dictionary<string, KqlTable> _tables;
    private readonly Dictionary<string, KqlTableFunction> _functions;
    private readonly HashSet<string>? _visible;

    public KqlSchema(IEnumerable<KqlTable> tables)
        : this(tables, Array.Empty<KqlTableFunction>(), null)
    {
    }

    /// <summary>
    /// A schema with tabular functions; when <paramref name="visibleTables"/> is given (a tenant's schema file is present),
    /// the other tables still bind but a query naming one gets <see cref="KqlDiagnosticKind.TableNotVisible"/>.
    /// </summary>
    public KqlSchema(IEnumerable<KqlTable> tables, IEnumerable<KqlTableFunction> functions, IEnumerable<string>? visibleTables)
    {
        _tables = new Dictionary<string, KqlTable>(StringComparer.Ordinal);
        foreach (var t in tables)
        {
            _tables[t.Name] = t;
        }

        _functions = new Dictionary<string, KqlTableFunction>(StringComparer.Ordinal);
        foreach (var f in functions)
        {
            _functions[f.Name] = f;
        }

        _visible = visibleTables == null ? null : new HashSet<string>(visibleTables, StringComparer.Ordinal);
        Key = ComputeKey();
    }

    public static KqlSchema Empty { get; } = new KqlSchema(Array.Empty<KqlTable>());

    /// <summary>Canonical text of the schema: equal keys mean equal schemas.</summary>
    public string Key { get; }

    public IEnumerable<KqlTable> Tables => _tables.Values;

    public IEnumerable<KqlTableFunction> Functions => _functions.Values;

    public int Count => _tables.Count;

    /// <summary>Whether only some tables are visible (a schema file says which); see <see cref="IsVisible"/>.</summary>
    public bool RestrictsVisibility => _visible != null;

    public bool TryGetTable(string name, out KqlTable table) => _tables.TryGetValue(name, out table!);

    public bool TryGetFunction(string name, out KqlTableFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>Whether the caller can query the table: true unless a schema file is present and leaves it out.</summary>
    public bool IsVisible(string table) => _visible == null || _visible.Contains(table);

    private string ComputeKey()
    {
        var sb = new StringBuilder();
        var names = new List<string>(_tables.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            sb.Append(name).Append(IsVisible(name) ? "(" : "!(");
            AppendColumns(sb, _tables[name].Columns);
            sb.Append(')');
        }

        var functions = new List<string>(_functions.Keys);
        functions.Sort(StringComparer.Ordinal);
        foreach (var name in functions)
        {
            var f = _functions[name];
            sb.Append("fn ").Append(name).Append('(');
            foreach (var p in f.Parameters)
            {
                sb.Append(p.Name).Append(':').Append(p.IsTabular ? "table" : ((int)p.Type).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(p.IsOptional ? "?," : ",");
            }

            sb.Append(")->(");
            AppendColumns(sb, f.Output.Columns);
            sb.Append(')');
        }

        return sb.ToString();
    }

    private static void AppendColumns(StringBuilder sb, IReadOnlyList<KqlColumn> columns)
    {
        foreach (var c in columns)
        {
            sb.Append(c.Name).Append(':').Append((int)c.Type).Append(',');
        }
    }
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
