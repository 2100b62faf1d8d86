using System;
using System.Collections.Generic;
using Defender365Typed.Operators;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// The shape of a row type: its columns and how to make its typed column set. The generator emits
/// one as the static <c>Shape</c> property of every <c>[HuntingTable]</c> and <c>[HuntingResult]</c> type.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TColumns">The generated column set of the row type.</typeparam>
public sealed class HuntingShape<TRow, TColumns>
    where TColumns : class
{
    private readonly Func<KqlColumnScope, TColumns> _createColumns;
    private readonly string[] _escapedNames;
    private KqlQuery<TRow, TColumns>? _table;

    /// <summary>Describes a row type; called by generated code.</summary>
    /// <param name="tableName">The table's name for <c>[HuntingTable]</c> types, else <see langword="null"/>.</param>
    /// <param name="columns">The columns in declaration order.</param>
    /// <param name="createColumns">Makes the typed column set for a scope.</param>
    public HuntingShape(string? tableName, IReadOnlyList<HuntingColumn> columns, Func<KqlColumnScope, TColumns> createColumns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(createColumns);
        TableName = tableName;
        Columns = columns;
        _createColumns = createColumns;
        _escapedNames = new string[columns.Count];
        var names = new string[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            names[i] = columns[i].Name;
            _escapedNames[i] = KqlLiteral.Identifier(columns[i].Name);
        }

        ColumnNames = names;
        DefaultColumns = createColumns(KqlColumnScope.Default);
        ColumnsInfo = new KqlColumnsInfo<TColumns>(createColumns, names, DefaultColumns);
    }

    /// <summary>The table's KQL name, or <see langword="null"/> for a result shape.</summary>
    public string? TableName { get; }

    /// <summary>The columns, in declaration order.</summary>
    public IReadOnlyList<HuntingColumn> Columns { get; }

    /// <summary>The KQL names of the columns, in declaration order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The typed column set with plain column names.</summary>
    public TColumns DefaultColumns { get; }

    /// <summary>A query over the whole table: the start of every typed query on it.</summary>
    /// <exception cref="InvalidOperationException">The shape is a result shape, not a table.</exception>
    public KqlQuery<TRow, TColumns> Table => _table ??= TableName is null
        ? throw new InvalidOperationException($"'{typeof(TRow).Name}' is a [HuntingResult] shape, not a table; only [HuntingTable] types can start a query.")
        : new KqlQuery<TRow, TColumns>(null, new KqlTableSource(TableName), ColumnsInfo);

    /// <summary>
    /// A query that starts with a call of the tabular function <paramref name="functionName"/> (a tenant's saved function,
    /// declared in a hunting schema file) whose rows have this shape: <c>functionName(arguments)</c>. Called by generated code.
    /// </summary>
    /// <param name="functionName">The function's KQL name.</param>
    /// <param name="arguments">The arguments, in parameter order; typed values (and C# values through them) convert implicitly.</param>
    /// <exception cref="ArgumentException">The name is empty, or an argument is a default <see cref="KqlExpr"/>.</exception>
    public KqlQuery<TRow, TColumns> Call(string functionName, params KqlExpr[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentNullException.ThrowIfNull(arguments);
        var nodes = new KqlNode[arguments.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = arguments[i].Node ?? throw new ArgumentException($"Argument {i + 1} of '{functionName}' is a default KqlExpr, not a value.", nameof(arguments));
        }

        return new KqlQuery<TRow, TColumns>(null, new KqlFunctionSource(functionName, nodes), ColumnsInfo);
    }

    internal string[] EscapedNames => _escapedNames;

    internal KqlColumnsInfo<TColumns> ColumnsInfo { get; }

    /// <summary>Makes the typed column set for <paramref name="scope"/>.</summary>
    public TColumns CreateColumns(KqlColumnScope scope) => _createColumns(scope);
}
