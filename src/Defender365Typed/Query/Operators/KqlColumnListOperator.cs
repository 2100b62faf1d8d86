using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>project</c>, <c>project-away</c>, <c>distinct</c> or <c>project-keep</c> with a column list.</summary>
internal sealed class KqlColumnListOperator(string keyword, KqlExpr[] items) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append(keyword);
        writer.Append(' ');
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            items[i].WriteListItem(ref writer);
        }
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        foreach (KqlExpr item in items)
        {
            item.Node.CollectLets(collector);
        }
    }
}
