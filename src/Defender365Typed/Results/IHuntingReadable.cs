using System.ComponentModel;

namespace Defender365Typed.Results;

/// <summary>
/// A row type with a generated reader. The source generator implements it for every <c>[HuntingTable]</c> and
/// <c>[HuntingResult]</c> type whose columns it can fill (through a constructor whose parameters are named after
/// columns, and/or settable or <c>init</c> properties); pass such a type to <see cref="HuntingResultReader"/>.
/// </summary>
/// <typeparam name="TSelf">The row type itself.</typeparam>
public interface IHuntingReadable<TSelf>
    where TSelf : IHuntingReadable<TSelf>
{
    /// <summary>The columns the generated reader fills, in declaration order.</summary>
    static abstract HuntingReaderSchema ReaderSchema { get; }

    /// <summary>
    /// Reads one row; called by <see cref="HuntingResultReader"/> with the reader on the row's <c>{</c>. Returns
    /// <see langword="false"/> when the buffer ends inside the row (streaming then retries with more data).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract bool TryReadRow(ref HuntingRowReader reader, out TSelf row);
}

/// <summary>Receives rows one at a time from <see cref="HuntingResultReader.Visit{TRow, TVisitor}(System.ReadOnlySpan{byte}, ref TVisitor, HuntingReaderOptions?)"/>.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public interface IHuntingRowVisitor<TRow>
{
    /// <summary>Handles the row at <paramref name="rowIndex"/>; return <see langword="false"/> to stop reading.</summary>
    bool Visit(in TRow row, long rowIndex);
}
