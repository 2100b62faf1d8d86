using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>What happened to an item between two schemas.</summary>
public enum HuntingSchemaChangeKind
{
    /// <summary>Only the newer schema has it.</summary>
    Added,

    /// <summary>Only the older schema has it.</summary>
    Removed,

    /// <summary>Both have it, with different types.</summary>
    Retyped,
}

/// <summary>What kind of item a <see cref="HuntingSchemaChange"/> is about.</summary>
public enum HuntingSchemaItemKind
{
    /// <summary>A table (its columns are not listed when the whole table came or went).</summary>
    Table,

    /// <summary>A column of a table.</summary>
    Column,

    /// <summary>A function (its parameters and output columns are not listed when the whole function came or went).</summary>
    Function,

    /// <summary>An input parameter of a function.</summary>
    Parameter,

    /// <summary>A column of the table a function returns.</summary>
    OutputColumn,
}

/// <summary>One difference between two hunting schemas.</summary>
public sealed class HuntingSchemaChange
{
    /// <summary>Creates the change.</summary>
    public HuntingSchemaChange(HuntingSchemaChangeKind kind, HuntingSchemaItemKind item, string owner, string? name, string? oldType, string? newType)
    {
        Kind = kind;
        Item = item;
        Owner = owner ?? throw new ArgumentNullException(nameof(owner));
        Name = name;
        OldType = oldType;
        NewType = newType;
    }

    /// <summary>Added, removed or retyped.</summary>
    public HuntingSchemaChangeKind Kind { get; }

    /// <summary>Table, column, function, parameter or output column.</summary>
    public HuntingSchemaItemKind Item { get; }

    /// <summary>The table or function name (the item itself for a table or function).</summary>
    public string Owner { get; }

    /// <summary>The column or parameter name; null for a table or function.</summary>
    public string? Name { get; }

    /// <summary>The type in the older schema (null when added, or for a table or function).</summary>
    public string? OldType { get; }

    /// <summary>The type in the newer schema (null when removed, or for a table or function).</summary>
    public string? NewType { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kind} {Item} {Owner}{(Name == null ? string.Empty : "." + Name)}{(Kind == HuntingSchemaChangeKind.Retyped ? $" {OldType} -> {NewType}" : string.Empty)}";
}

/// <summary>
/// Compares two hunting schemas (a pulled file and the documented one, or two pulls): tables, columns, functions, function
/// parameters and output columns added, removed or retyped. Names compare ordinally (KQL names are case-sensitive);
/// types compare as KQL types, so <c>boolean</c> and <c>bool</c> are the same type. Descriptions and column order are
/// not compared. A function is identified by its name and kind (built-in or saved).
/// </summary>
public static class HuntingSchemaDiff
{
    /// <summary>The changes from <paramref name="older"/> to <paramref name="newer"/>: tables first, then functions, each by name (ordinal), then by member name.</summary>
    public static IReadOnlyList<HuntingSchemaChange> Compare(HuntingSchemaDocument older, HuntingSchemaDocument newer)
    {
        if (older == null)
        {
            throw new ArgumentNullException(nameof(older));
        }

        if (newer == null)
        {
            throw new ArgumentNullException(nameof(newer));
        }

        var changes = new List<HuntingSchemaChange>();
        var oldTables = ByName(older.Tables, t => t.Name);
        var newTables = ByName(newer.Tables, t => t.Name);
        foreach (var name in Union(oldTables.Keys, newTables.Keys))
        {
            var inOld = oldTables.TryGetValue(name, out var oldTable);
            var inNew = newTables.TryGetValue(name, out var newTable);
            if (!inNew)
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Removed, HuntingSchemaItemKind.Table, name, null, null, null));
            }
            else if (!inOld)
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Added, HuntingSchemaItemKind.Table, name, null, null, null));
            }
            else
            {
                CompareMembers(changes, HuntingSchemaItemKind.Column, name, Typed(oldTable!.Columns), Typed(newTable!.Columns));
            }
        }

        var oldFunctions = ByName(older.Functions, FunctionKey);
        var newFunctions = ByName(newer.Functions, FunctionKey);
        foreach (var key in Union(oldFunctions.Keys, newFunctions.Keys))
        {
            var inOld = oldFunctions.TryGetValue(key, out var oldFunction);
            var inNew = newFunctions.TryGetValue(key, out var newFunction);
            var name = (oldFunction ?? newFunction)!.Name;
            if (!inNew)
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Removed, HuntingSchemaItemKind.Function, name, null, null, null));
            }
            else if (!inOld)
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Added, HuntingSchemaItemKind.Function, name, null, null, null));
            }
            else
            {
                CompareMembers(changes, HuntingSchemaItemKind.Parameter, name, Typed(oldFunction!.Parameters), Typed(newFunction!.Parameters));
                CompareMembers(changes, HuntingSchemaItemKind.OutputColumn, name, Typed(oldFunction.OutputColumns), Typed(newFunction.OutputColumns));
            }
        }

        return changes;
    }

    /// <summary>Whether two type names are the same KQL type (the aliases KQL accepts are equal; tabular schemas compare as text).</summary>
    public static bool SameType(string a, string b)
    {
        var ta = KqlScalarTypes.Parse(a);
        var tb = KqlScalarTypes.Parse(b);
        return ta != KqlScalarType.Unknown || tb != KqlScalarType.Unknown ? ta == tb : string.Equals(a, b, StringComparison.Ordinal);
    }

    private static void CompareMembers(List<HuntingSchemaChange> changes, HuntingSchemaItemKind item, string owner,
        SortedDictionary<string, string> older, SortedDictionary<string, string> newer)
    {
        foreach (var name in Union(older.Keys, newer.Keys))
        {
            var inOld = older.TryGetValue(name, out var oldType);
            var inNew = newer.TryGetValue(name, out var newType);
            if (!inNew)
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Removed, item, owner, name, oldType, null));
            }
            else if (!inOld)
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Added, item, owner, name, null, newType));
            }
            else if (!SameType(oldType!, newType!))
            {
                changes.Add(new HuntingSchemaChange(HuntingSchemaChangeKind.Retyped, item, owner, name, oldType, newType));
            }
        }
    }

    private static string FunctionKey(HuntingSchemaFunction function) => function.Name + "\u0000" + (int)function.Kind;

    /// <summary>Items by key (a later one replaces an earlier one of the same key, as for the binder's tables).</summary>
    private static SortedDictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var map = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            map[key(item)] = item;
        }

        return map;
    }

    private static SortedDictionary<string, string> Typed(IReadOnlyList<HuntingSchemaColumn> columns)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            map[c.Name] = c.Type;
        }

        return map;
    }

    private static SortedDictionary<string, string> Typed(IReadOnlyList<HuntingSchemaParameter> parameters)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            map[p.Name] = p.Type;
        }

        return map;
    }

    private static SortedSet<string> Union(IEnumerable<string> a, IEnumerable<string> b)
    {
        var set = new SortedSet<string>(a, StringComparer.Ordinal);
        set.UnionWith(b);
        return set;
    }
}
