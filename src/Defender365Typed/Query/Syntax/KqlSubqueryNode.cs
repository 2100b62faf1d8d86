namespace Defender365Typed.Syntax;

/// <summary>A tabular subquery used as a scalar set: <c>(T | project Column)</c>.</summary>
internal sealed class KqlSubqueryNode(KqlTabular query) : KqlNode
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append('(');
        query.WriteInline(ref writer);
        writer.Append(')');
    }

    public override void CollectLets(KqlLetCollector collector) => query.CollectLets(collector);
}
