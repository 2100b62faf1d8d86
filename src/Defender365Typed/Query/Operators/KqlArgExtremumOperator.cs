using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>summarize arg_max(key, *) by a, b</c>: the whole row with the largest (or smallest) key per group.</summary>
internal sealed class KqlArgExtremumOperator(string function, KqlNode key, KqlExpr[] by) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append("summarize ");
        writer.Append(function);
        writer.Append('(');
        KqlNode.WriteOperand(ref writer, key, KqlPrecedence.Or);
        writer.Append(", *)");
        if (by.Length > 0)
        {
            writer.Append(" by ");
            for (int i = 0; i < by.Length; i++)
            {
                if (i > 0)
                {
                    writer.Append(", ");
                }

                by[i].WriteListItem(ref writer);
            }
        }
    }

    public override void CollectLets(KqlLetCollector collector) => key.CollectLets(collector);
}
