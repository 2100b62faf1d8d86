using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>union (q1), (q2)</c>.</summary>
internal sealed class KqlUnionOperator(KqlTabular[] others) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append("union ");
        for (int i = 0; i < others.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            writer.Append('(');
            others[i].WriteInline(ref writer);
            writer.Append(')');
        }
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        foreach (KqlTabular other in others)
        {
            other.CollectLets(collector);
        }
    }
}
