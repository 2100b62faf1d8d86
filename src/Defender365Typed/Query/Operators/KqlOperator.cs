using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary>One stage of a tabular pipeline: a source (table, let name) or a <c>| operator</c>.</summary>
internal abstract class KqlOperator
{
    public abstract void Write(ref KqlWriter writer);

    public virtual void CollectLets(KqlLetCollector collector)
    {
    }
}
