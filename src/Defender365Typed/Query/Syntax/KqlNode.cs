namespace Defender365Typed.Syntax;

/// <summary>
/// A node of a KQL scalar expression. Nodes are immutable and internal: users compose them only
/// through typed values and operators, so every piece of text they produce is either a keyword,
/// an escaped identifier or an escaped literal.
/// </summary>
internal abstract class KqlNode
{
    public virtual int Precedence => KqlPrecedence.Primary;

    public abstract void Write(ref KqlWriter writer);

    /// <summary>Finds <c>let</c>-bound queries referenced inside the expression (subqueries).</summary>
    public virtual void CollectLets(KqlLetCollector collector)
    {
    }

    /// <summary>Writes <paramref name="node"/>, in parentheses when it binds weaker than <paramref name="minimum"/>.</summary>
    public static void WriteOperand(ref KqlWriter writer, KqlNode node, int minimum)
    {
        if (node.Precedence < minimum)
        {
            writer.Append('(');
            node.Write(ref writer);
            writer.Append(')');
        }
        else
        {
            node.Write(ref writer);
        }
    }
}
