namespace Defender365Typed.Syntax;

/// <summary>A parenthesized list <c>(a, b, c)</c>, the right side of <c>in</c> and <c>has_any</c>.</summary>
internal sealed class KqlListNode(KqlNode[] items) : KqlNode
{
    public KqlNode[] Items { get; } = items;

    public override void Write(ref KqlWriter writer)
    {
        writer.Append('(');
        for (int i = 0; i < Items.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            WriteOperand(ref writer, Items[i], KqlPrecedence.Or);
        }

        writer.Append(')');
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        foreach (KqlNode item in Items)
        {
            item.CollectLets(collector);
        }
    }
}
