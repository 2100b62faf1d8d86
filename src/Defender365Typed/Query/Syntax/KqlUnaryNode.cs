namespace Defender365Typed.Syntax;

/// <summary>Arithmetic negation <c>-value</c>.</summary>
internal sealed class KqlUnaryNode(string op, KqlNode operand) : KqlNode
{
    public override int Precedence => KqlPrecedence.Unary;

    public override void Write(ref KqlWriter writer)
    {
        writer.Append(op);
        // Parenthesize anything but a plain atom so "-" never merges with a literal's own sign.
        if (operand is KqlColumnNode)
        {
            operand.Write(ref writer);
        }
        else
        {
            writer.Append('(');
            operand.Write(ref writer);
            writer.Append(')');
        }
    }

    public override void CollectLets(KqlLetCollector collector) => operand.CollectLets(collector);
}
