using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.Operators;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// A typed query whose rows are <typeparamref name="TRow"/> and whose columns, offered to every
/// lambda, are <typeparamref name="TColumns"/>. Start from a table (<c>Hunting.DeviceProcessEvents</c>
/// or <c>MyTable.Table</c>) and chain operators; render with <see cref="KqlTabular.ToKql"/>.
/// </summary>
/// <typeparam name="TRow">The row type the query produces.</typeparam>
/// <typeparam name="TColumns">The typed column set (generated <c>Columns</c> class).</typeparam>
public class KqlQuery<TRow, TColumns> : KqlTabular
    where TColumns : class
{
    internal KqlQuery(KqlTabular? previous, KqlOperator @operator, KqlColumnsInfo<TColumns> columns)
        : base(previous, @operator)
    {
        ColumnsInfo = columns;
    }

    /// <summary>The typed columns of this query's rows.</summary>
    public TColumns Columns => ColumnsInfo.Default;

    internal KqlColumnsInfo<TColumns> ColumnsInfo { get; }

    /// <summary><c>where predicate</c>: keeps the rows for which <paramref name="predicate"/> holds.</summary>
    public KqlQuery<TRow, TColumns> Where(Func<TColumns, KqlBool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Next(new KqlWhereOperator(predicate(Columns).Node));
    }

    /// <summary><c>project a, b, c = expr</c>: keeps the listed columns. The static column set is unchanged; project to a <c>[HuntingResult]</c> shape to narrow it.</summary>
    public KqlQuery<TRow, TColumns> Project(Func<TColumns, KqlExpr[]> columns) => Next(ColumnList("project", columns));

    /// <summary><c>project-away a, b</c>: removes the listed columns.</summary>
    public KqlQuery<TRow, TColumns> ProjectAway(Func<TColumns, KqlExpr[]> columns) => Next(ColumnList("project-away", columns, allowAliases: false));

    /// <summary><c>distinct a, b</c>: the distinct combinations of the listed columns.</summary>
    public KqlQuery<TRow, TColumns> Distinct(Func<TColumns, KqlExpr[]> columns) => Next(ColumnList("distinct", columns));

    /// <summary><c>project A, B, C</c> with the columns of <paramref name="shape"/>: rows of that result type from here on.</summary>
    public KqlQuery<TResult, TResultColumns> Project<TResult, TResultColumns>(HuntingShape<TResult, TResultColumns> shape)
        where TResultColumns : class
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new(this, new KqlNamesOperator("project", shape.EscapedNames), shape.ColumnsInfo);
    }

    /// <summary><c>project Name = expr, ...</c>: fills every column of <paramref name="shape"/> with an expression over this query's columns.</summary>
    /// <exception cref="ArgumentException">A column of the shape is not assigned, or assigned twice.</exception>
    public KqlQuery<TResult, TResultColumns> Project<TResult, TResultColumns>(
        HuntingShape<TResult, TResultColumns> shape,
        Func<TColumns, TResultColumns, KqlAssignment[]> columns)
        where TResultColumns : class
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(columns);
        KqlAssignment[] assignments = columns(Columns, shape.DefaultColumns);
        KqlShapeCheck.RequireEveryColumnOnce(shape.ColumnNames, assignments, null, "project");
        return new(this, new KqlAssignmentsOperator("project", assignments), shape.ColumnsInfo);
    }

    /// <summary><c>project-rename NewName = Old</c>; <paramref name="renamed"/> refers to the column under its new name.</summary>
    public KqlQuery<TRow, TColumns> ProjectRename<T>(string newName, Func<TColumns, T> column, out T renamed)
        where T : struct, IKqlScalar<T>
    {
        ThrowIfInvalidName(newName, nameof(newName));
        ArgumentNullException.ThrowIfNull(column);
        KqlNode old = column(Columns).Expression.Node;
        if (old is not KqlColumnNode)
        {
            throw new ArgumentException("project-rename renames a column; the lambda must return a column, not a computed value.", nameof(column));
        }

        renamed = KqlColumnScope.Default.Column<T>(newName);
        return Next(new KqlNamedValueOperator("project-rename", newName, old));
    }

    /// <summary><c>extend Name = expr</c>; <paramref name="column"/> refers to the new column in later operators.</summary>
    public KqlQuery<TRow, TColumns> Extend<T>(string name, Func<TColumns, T> value, out T column)
        where T : struct, IKqlScalar<T>
    {
        ThrowIfInvalidName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(value);
        KqlNode node = value(Columns).Expression.Node;
        column = KqlColumnScope.Default.Column<T>(name);
        return Next(new KqlNamedValueOperator("extend", name, node));
    }

    /// <summary>
    /// <c>summarize Name = agg(...), ... by Key = expr, ...</c> into the result type of <paramref name="shape"/>:
    /// every column of the shape is filled exactly once, by an aggregate or a <c>by</c> key.
    /// </summary>
    /// <exception cref="ArgumentException">A column of the shape is not assigned, or assigned twice.</exception>
    public KqlQuery<TResult, TResultColumns> Summarize<TResult, TResultColumns>(
        HuntingShape<TResult, TResultColumns> shape,
        Func<TColumns, TResultColumns, KqlAssignment[]> aggregates,
        Func<TColumns, TResultColumns, KqlAssignment[]>? by = null)
        where TResultColumns : class
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(aggregates);
        KqlAssignment[] values = aggregates(Columns, shape.DefaultColumns);
        KqlAssignment[]? keys = by?.Invoke(Columns, shape.DefaultColumns);
        KqlShapeCheck.RequireEveryColumnOnce(shape.ColumnNames, values, keys, "summarize");
        return new(this, new KqlAssignmentsOperator("summarize", values, keys), shape.ColumnsInfo);
    }

    /// <summary><c>summarize arg_max(key, *) by ...</c>: per group, the whole row with the largest <paramref name="key"/>.</summary>
    public KqlQuery<TRow, TColumns> SummarizeArgMax<T>(Func<TColumns, T> key, Func<TColumns, KqlExpr[]>? by = null)
        where T : struct, IKqlScalar => ArgExtremum("arg_max", key, by);

    /// <summary><c>summarize arg_min(key, *) by ...</c>: per group, the whole row with the smallest <paramref name="key"/>.</summary>
    public KqlQuery<TRow, TColumns> SummarizeArgMin<T>(Func<TColumns, T> key, Func<TColumns, KqlExpr[]>? by = null)
        where T : struct, IKqlScalar => ArgExtremum("arg_min", key, by);

    /// <summary><c>count</c>: one row with the number of rows.</summary>
    public KqlQuery<KqlCountResult, KqlCountResult.Columns> Count() =>
        new(this, new KqlKeywordOperator("count"), KqlCountResult.Shape.ColumnsInfo);

    /// <summary><c>order by key asc</c>.</summary>
    public KqlOrderedQuery<TRow, TColumns> OrderBy<T>(Func<TColumns, T> key)
        where T : struct, IKqlScalar => Sort(key, descending: false);

    /// <summary><c>order by key desc</c>.</summary>
    public KqlOrderedQuery<TRow, TColumns> OrderByDescending<T>(Func<TColumns, T> key)
        where T : struct, IKqlScalar => Sort(key, descending: true);

    /// <summary><c>top count by key desc</c> (or <c>asc</c>).</summary>
    public KqlQuery<TRow, TColumns> Top<T>(long count, Func<TColumns, T> key, bool descending = true)
        where T : struct, IKqlScalar
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(key);
        return Next(new KqlTopOperator(count, key(Columns).Expression.Node, descending));
    }

    /// <summary><c>take count</c>: at most <paramref name="count"/> rows, in no particular order.</summary>
    public KqlQuery<TRow, TColumns> Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Next(new KqlKeywordOperator("take", count));
    }

    /// <summary><c>limit count</c>: the same as <see cref="Take"/>.</summary>
    public KqlQuery<TRow, TColumns> Limit(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Next(new KqlKeywordOperator("limit", count));
    }

    /// <summary>
    /// <c>join kind=... (right) on ...</c>: the output has both sides' columns; right-hand columns whose
    /// names clash with the left's are renamed as KQL does (<c>DeviceId1</c>).
    /// </summary>
    /// <param name="kind">The join flavour.</param>
    /// <param name="right">The right-hand query.</param>
    /// <param name="on">Equalities between a left and a right column, joined with <c>&amp;</c>.</param>
    public KqlQuery<KqlJoined<TRow, TRightRow>, KqlJoinColumns<TColumns, TRightColumns>> Join<TRightRow, TRightColumns>(
        KqlJoinKind kind,
        KqlQuery<TRightRow, TRightColumns> right,
        Func<TColumns, TRightColumns, KqlBool> on)
        where TRightColumns : class
    {
        KqlJoinOperator join = JoinOperator(KindName(kind), right, on);
        KqlColumnsInfo<TColumns> left = ColumnsInfo;
        KqlColumnsInfo<TRightColumns> rightInfo = right.ColumnsInfo;
        var names = new List<string>(left.Names);
        KqlColumnScope renaming = KqlColumnScope.Default.RenamingAfter(left.Names);
        foreach (string name in rightInfo.Names)
        {
            names.Add(RenamedName(renaming, name));
        }

        KqlJoinColumns<TColumns, TRightColumns> Create(KqlColumnScope scope) =>
            new(left.Create(scope), rightInfo.Create(scope.RenamingAfter(left.Names)));

        return new(this, join, new KqlColumnsInfo<KqlJoinColumns<TColumns, TRightColumns>>(Create, names, Create(KqlColumnScope.Default)));
    }

    /// <summary><c>join kind=leftsemi</c>: the left rows that have a match.</summary>
    public KqlQuery<TRow, TColumns> LeftSemiJoin<TRightRow, TRightColumns>(KqlQuery<TRightRow, TRightColumns> right, Func<TColumns, TRightColumns, KqlBool> on)
        where TRightColumns : class => Next(JoinOperator("leftsemi", right, on));

    /// <summary><c>join kind=leftanti</c>: the left rows that have no match.</summary>
    public KqlQuery<TRow, TColumns> LeftAntiJoin<TRightRow, TRightColumns>(KqlQuery<TRightRow, TRightColumns> right, Func<TColumns, TRightColumns, KqlBool> on)
        where TRightColumns : class => Next(JoinOperator("leftanti", right, on));

    /// <summary><c>join kind=rightsemi</c>: the right rows that have a match.</summary>
    public KqlQuery<TRightRow, TRightColumns> RightSemiJoin<TRightRow, TRightColumns>(KqlQuery<TRightRow, TRightColumns> right, Func<TColumns, TRightColumns, KqlBool> on)
        where TRightColumns : class
    {
        ArgumentNullException.ThrowIfNull(right);
        return new(this, JoinOperator("rightsemi", right, on), right.ColumnsInfo);
    }

    /// <summary><c>join kind=rightanti</c>: the right rows that have no match.</summary>
    public KqlQuery<TRightRow, TRightColumns> RightAntiJoin<TRightRow, TRightColumns>(KqlQuery<TRightRow, TRightColumns> right, Func<TColumns, TRightColumns, KqlBool> on)
        where TRightColumns : class
    {
        ArgumentNullException.ThrowIfNull(right);
        return new(this, JoinOperator("rightanti", right, on), right.ColumnsInfo);
    }

    /// <summary><c>union (q1), (q2)</c>: these rows followed by the others' (same row type).</summary>
    public KqlQuery<TRow, TColumns> Union(params KqlQuery<TRow, TColumns>[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (others.Length == 0)
        {
            throw new ArgumentException("union needs at least one other query.", nameof(others));
        }

        return Next(new KqlUnionOperator(others));
    }

    /// <summary><c>mv-expand column [limit N]</c>: one row per element of a dynamic array or bag.</summary>
    /// <remarks>Expands a column in place; to expand a computed value (<c>e.Bag["Items"]</c>), use the named overload.</remarks>
    public KqlQuery<TRow, TColumns> MvExpand(Func<TColumns, KqlDynamic> column, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        KqlNode value = column(Columns).Node;
        if (value is not KqlColumnNode)
        {
            throw new ArgumentException(
                "mv-expand without a name expands a column in place; for a computed value use MvExpand<T>(name, ...) so the expanded column has a name.",
                nameof(column));
        }

        return Next(new KqlMvExpandOperator(null, value, null, CheckLimit(limit)));
    }

    /// <summary><c>mv-expand Name = column to typeof(T)</c>: one row per element, typed; <paramref name="element"/> refers to it later.</summary>
    public KqlQuery<TRow, TColumns> MvExpand<T>(string name, Func<TColumns, KqlDynamic> column, out T element, int? limit = null)
        where T : struct, IKqlScalar<T>
    {
        ThrowIfInvalidName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(column);
        element = KqlColumnScope.Default.Column<T>(name);
        return Next(new KqlMvExpandOperator(name, column(Columns).Node, T.KqlTypeName, CheckLimit(limit)));
    }

    /// <summary>
    /// Binds this query to a <c>let</c> name: queries that use the returned one are rendered with
    /// <c>let name = ...;</c> first and refer to it by name.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, or names a Defender hunting table (the let would hide the table from the whole query).</exception>
    public KqlQuery<TRow, TColumns> AsLet(string name)
    {
        ThrowIfInvalidName(name, nameof(name));
        if (Hunting.TableNames.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"'{name}' is the name of a Defender hunting table: a let of that name would hide the table from the whole query. Choose another name.",
                nameof(name));
        }

        return new(null, new KqlLetSource(name, this), ColumnsInfo);
    }

    /// <summary>The values of one column, for <c>in (subquery)</c>: <c>(query | project column)</c>.</summary>
    public KqlSet<T> Select<T>(Func<TColumns, T> column)
        where T : struct, IKqlScalar
    {
        ArgumentNullException.ThrowIfNull(column);
        KqlQuery<TRow, TColumns> projected = Next(new KqlColumnListOperator("project", [column(Columns).Expression]));
        return new KqlSet<T>(new KqlSubqueryNode(projected));
    }

    private protected KqlQuery<TRow, TColumns> Next(KqlOperator @operator) => new(this, @operator, ColumnsInfo);

    private KqlOrderedQuery<TRow, TColumns> Sort<T>(Func<TColumns, T> key, bool descending)
        where T : struct, IKqlScalar
    {
        ArgumentNullException.ThrowIfNull(key);
        var sort = new KqlSortOperator(key(Columns).Expression.Node, descending);
        return new KqlOrderedQuery<TRow, TColumns>(this, sort, ColumnsInfo);
    }

    private KqlQuery<TRow, TColumns> ArgExtremum<T>(string function, Func<TColumns, T> key, Func<TColumns, KqlExpr[]>? by)
        where T : struct, IKqlScalar
    {
        ArgumentNullException.ThrowIfNull(key);
        KqlExpr[] keys = by?.Invoke(Columns) ?? [];
        return Next(new KqlArgExtremumOperator(function, key(Columns).Expression.Node, keys));
    }

    private KqlColumnListOperator ColumnList(string keyword, Func<TColumns, KqlExpr[]> columns, bool allowAliases = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        KqlExpr[] items = columns(Columns) ?? throw new ArgumentException("The column list is null.", nameof(columns));
        if (items.Length == 0)
        {
            throw new ArgumentException($"'{keyword}' needs at least one column.", nameof(columns));
        }

        foreach (KqlExpr item in items)
        {
            if (item.Node is null)
            {
                throw new ArgumentException($"The column list of '{keyword}' contains a default-initialized value.", nameof(columns));
            }

            if (!allowAliases && (item.Alias is not null || item.Node is not KqlColumnNode))
            {
                throw new ArgumentException($"'{keyword}' takes plain columns, not named or computed values.", nameof(columns));
            }
        }

        return new KqlColumnListOperator(keyword, items);
    }

    private KqlJoinOperator JoinOperator<TRightRow, TRightColumns>(string kind, KqlQuery<TRightRow, TRightColumns> right, Func<TColumns, TRightColumns, KqlBool> on)
        where TRightColumns : class
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(on);
        KqlBool condition = on(ColumnsInfo.Create(KqlColumnScope.Left), right.ColumnsInfo.Create(KqlColumnScope.Right));
        return new KqlJoinOperator(kind, right, condition.Node);
    }

    private static string RenamedName(KqlColumnScope renaming, string name) =>
        ((KqlColumnNode)renaming.Column<KqlString>(name).Node).Name;

    private static string KindName(KqlJoinKind kind) => kind switch
    {
        KqlJoinKind.Inner => "inner",
        KqlJoinKind.InnerUnique => "innerunique",
        KqlJoinKind.LeftOuter => "leftouter",
        KqlJoinKind.RightOuter => "rightouter",
        KqlJoinKind.FullOuter => "fullouter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown join kind; use leftsemi/leftanti/rightsemi/rightanti through their own methods."),
    };

    private static int? CheckLimit(int? limit)
    {
        if (limit is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(limit));
        }

        return limit;
    }
}
