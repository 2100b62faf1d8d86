using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>where predicate</c>.</summary>
internal sealed class KqlWhereOperator(KqlNode predicate) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append("where ");
        predicate.Write(ref writer);
    }

    public override void CollectLets(KqlLetCollector collector) => predicate.CollectLets(collector);
}
