using System;
using Defender365Typed.Operators;

namespace Defender365Typed;

/// <summary>A query that ends with <c>order by</c>; <c>ThenBy</c> adds keys to that same operator.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TColumns">The typed column set.</typeparam>
public sealed class KqlOrderedQuery<TRow, TColumns> : KqlQuery<TRow, TColumns>
    where TColumns : class
{
    private readonly KqlSortOperator _sort;

    internal KqlOrderedQuery(KqlTabular previous, KqlSortOperator sort, KqlColumnsInfo<TColumns> columns)
        : base(previous, sort, columns)
    {
        _sort = sort;
    }

    /// <summary>Adds <c>, key asc</c> to the sort.</summary>
    public KqlOrderedQuery<TRow, TColumns> ThenBy<T>(Func<TColumns, T> key)
        where T : struct, IKqlScalar => Then(key, descending: false);

    /// <summary>Adds <c>, key desc</c> to the sort.</summary>
    public KqlOrderedQuery<TRow, TColumns> ThenByDescending<T>(Func<TColumns, T> key)
        where T : struct, IKqlScalar => Then(key, descending: true);

    private KqlOrderedQuery<TRow, TColumns> Then<T>(Func<TColumns, T> key, bool descending)
        where T : struct, IKqlScalar
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(Previous!, _sort.ThenBy(key(Columns).Expression.Node, descending), ColumnsInfo);
    }
}
