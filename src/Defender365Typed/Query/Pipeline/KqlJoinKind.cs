namespace Defender365Typed;

/// <summary>The join flavours whose output has the columns of both sides.</summary>
public enum KqlJoinKind
{
    /// <summary><c>kind=inner</c>: every matching pair.</summary>
    Inner,

    /// <summary><c>kind=innerunique</c> (KQL's default): left rows deduplicated on the key first.</summary>
    InnerUnique,

    /// <summary><c>kind=leftouter</c>: every left row, with right columns empty where nothing matches.</summary>
    LeftOuter,

    /// <summary><c>kind=rightouter</c>.</summary>
    RightOuter,

    /// <summary><c>kind=fullouter</c>.</summary>
    FullOuter,
}
