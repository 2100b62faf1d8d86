using System.Collections.Concurrent;
using System.Collections.Generic;
using Defender365Typed.Generators.QueryAnalysis;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>
/// What the builder's column-set types mean in KQL: a generated <c>Columns</c> class names its row type's columns
/// (property → KQL name), and <c>KqlJoinColumns&lt;L, R&gt;</c> has the left side's names and the right side's renamed
/// after them, exactly as the runtime's renaming scope spells them. One instance per compilation.
/// </summary>
internal sealed class ColumnSets
{
    private const string RuntimeNamespace = "Defender365Typed";

    private readonly INamedTypeSymbol _tableAttribute;
    private readonly INamedTypeSymbol? _resultAttribute;
    private readonly INamedTypeSymbol? _joinColumns;
    private readonly ConcurrentDictionary<ITypeSymbol, IReadOnlyList<KqlColumn>?> _rows = new ConcurrentDictionary<ITypeSymbol, IReadOnlyList<KqlColumn>?>(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ColumnSet?> _sets = new ConcurrentDictionary<ITypeSymbol, ColumnSet?>(SymbolEqualityComparer.Default);

    public ColumnSets(Compilation compilation, INamedTypeSymbol tableAttribute)
    {
        _tableAttribute = tableAttribute;
        _resultAttribute = compilation.GetTypeByMetadataName(KnownNames.HuntingResultAttribute);
        _joinColumns = compilation.GetTypeByMetadataName(RuntimeNamespace + ".KqlJoinColumns`2");
    }

    /// <summary>The KQL table name of a <c>[HuntingTable]</c> type, else null.</summary>
    public string? TableName(ITypeSymbol type)
    {
        foreach (var a in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, _tableAttribute)
                && a.ConstructorArguments.Length == 1
                && a.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The KQL columns of a <c>[HuntingTable]</c> or <c>[HuntingResult]</c> type, else null.</summary>
    public IReadOnlyList<KqlColumn>? RowColumns(ITypeSymbol type) => _rows.GetOrAdd(type, t =>
        t is INamedTypeSymbol named && (HasAttribute(named, _tableAttribute) || (_resultAttribute != null && HasAttribute(named, _resultAttribute)))
            ? SchemaReader.Columns(named)
            : null);

    /// <summary>The meaning of a column-set type, or null when it is not one the builder makes.</summary>
    public ColumnSet? Get(ITypeSymbol type) => _sets.GetOrAdd(type, Create);

    /// <summary>
    /// The KQL name and accessor type of <c>e.Column</c> (or <c>j.Left.Column</c>, <c>j.Right.Column</c>) on the lambda
    /// parameter <paramref name="parameter"/>; false for anything else.
    /// </summary>
    public bool TryResolve(IPropertyReferenceOperation reference, IParameterSymbol parameter, out string name, out KqlScalarType accessorType)
    {
        name = "";
        accessorType = KqlScalarType.Unknown;
        var path = new List<IPropertySymbol>();
        IOperation? current = reference;
        while (current is IPropertyReferenceOperation property)
        {
            path.Add(property.Property);
            current = property.Instance;
        }

        if (current is not IParameterReferenceOperation root || !SymbolEqualityComparer.Default.Equals(root.Parameter, parameter))
        {
            return false;
        }

        path.Reverse();
        ITypeSymbol type = parameter.Type;
        var renamings = new List<IReadOnlyList<string>>();
        for (var i = 0; i < path.Count; i++)
        {
            var set = Get(type);
            if (set == null)
            {
                return false;
            }

            if (set.Left != null && set.Right != null)
            {
                switch (path[i].Name)
                {
                    case "Left":
                        type = set.Left;
                        continue;
                    case "Right":
                        var left = Get(set.Left);
                        if (left == null)
                        {
                            return false;
                        }

                        renamings.Add(left.Names);
                        type = set.Right;
                        continue;
                    default:
                        return false;
                }
            }

            if (i != path.Count - 1 || !set.Accessors.TryGetValue(path[i].Name, out var column))
            {
                return false;
            }

            name = column.Name;
            for (var r = renamings.Count - 1; r >= 0; r--)
            {
                name = RenameAfter(name, renamings[r]);
            }

            accessorType = ScalarTypes.Of(path[i].Type);
            return true;
        }

        return false;
    }

    /// <summary>The runtime's join renaming: the name, or the first of Name1, Name2... that <paramref name="taken"/> does not hold.</summary>
    public static string RenameAfter(string name, IReadOnlyList<string> taken)
    {
        if (!Contains(taken, name))
        {
            return name;
        }

        for (var suffix = 1; ; suffix++)
        {
            var candidate = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!Contains(taken, candidate))
            {
                return candidate;
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var n in names)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(ITypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (var a in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private ColumnSet? Create(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (_joinColumns != null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _joinColumns))
        {
            var left = Get(named.TypeArguments[0]);
            var right = Get(named.TypeArguments[1]);
            if (left == null || right == null)
            {
                return null;
            }

            var names = new List<string>(left.Names);
            foreach (var n in right.Names)
            {
                names.Add(RenameAfter(n, left.Names));
            }

            return new ColumnSet(names, new Dictionary<string, KqlColumn>(), named.TypeArguments[0], named.TypeArguments[1]);
        }

        // A generated column set: the class Columns nested in its [HuntingTable] or [HuntingResult] row type.
        if (named.Name != "Columns" || named.ContainingType is not { } row || RowColumns(row) is not { } columns)
        {
            return null;
        }

        var accessors = new Dictionary<string, KqlColumn>(System.StringComparer.Ordinal);
        var index = 0;
        var columnNames = new List<string>(columns.Count);
        foreach (var property in Parsing.ShapeMembers.ColumnProperties(row))
        {
            if (System.Array.IndexOf(KnownNames.ReservedMemberNames, property.Name) >= 0)
            {
                continue;
            }

            accessors[property.Name] = columns[index];
            columnNames.Add(columns[index].Name);
            index++;
        }

        return new ColumnSet(columnNames, accessors, null, null);
    }
}

/// <summary>A column-set type: its KQL names in order, its accessors (generated sets), or its two sides (join sets).</summary>
internal sealed class ColumnSet
{
    public ColumnSet(IReadOnlyList<string> names, Dictionary<string, KqlColumn> accessors, ITypeSymbol? left, ITypeSymbol? right)
    {
        Names = names;
        Accessors = accessors;
        Left = left;
        Right = right;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Property name → the KQL column it reads (generated sets only).</summary>
    public Dictionary<string, KqlColumn> Accessors { get; }

    public ITypeSymbol? Left { get; }

    public ITypeSymbol? Right { get; }
}
