namespace Defender365Typed.Syntax;

/// <summary>Dynamic member or element access: <c>value["key"]</c> or <c>value[0]</c>.</summary>
internal sealed class KqlIndexNode(KqlNode target, KqlNode index) : KqlNode
{
    public override void Write(ref KqlWriter writer)
    {
        WriteOperand(ref writer, target, KqlPrecedence.Primary);
        writer.Append('[');
        index.Write(ref writer);
        writer.Append(']');
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        target.CollectLets(collector);
        index.CollectLets(collector);
    }
}
