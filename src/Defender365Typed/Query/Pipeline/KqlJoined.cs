namespace Defender365Typed;

/// <summary>The columns of a join's output: the left side's as they are, the right side's renamed where they clash (<c>DeviceId1</c>).</summary>
/// <typeparam name="TLeft">The left column set.</typeparam>
/// <typeparam name="TRight">The right column set.</typeparam>
public sealed class KqlJoinColumns<TLeft, TRight>
    where TLeft : class
    where TRight : class
{
    internal KqlJoinColumns(TLeft left, TRight right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left side's columns.</summary>
    public TLeft Left { get; }

    /// <summary>The right side's columns, named as the join outputs them.</summary>
    public TRight Right { get; }
}

/// <summary>
/// Marks a query whose rows are a join's output. Project it to a <c>[HuntingResult]</c> shape to read its rows.
/// </summary>
/// <typeparam name="TLeftRow">The left row type.</typeparam>
/// <typeparam name="TRightRow">The right row type.</typeparam>
#pragma warning disable CA1812 // Never instantiated: a type-level marker.
public sealed class KqlJoined<TLeftRow, TRightRow>
#pragma warning restore CA1812
{
    private KqlJoined()
    {
    }
}
