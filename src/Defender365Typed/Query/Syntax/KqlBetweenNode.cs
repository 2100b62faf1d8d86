namespace Defender365Typed.Syntax;

/// <summary><c>value between (low .. high)</c> or <c>!between</c>.</summary>
internal sealed class KqlBetweenNode(KqlNode value, KqlNode low, KqlNode high, bool negated) : KqlNode
{
    public override int Precedence => KqlPrecedence.Comparison;

    public override void Write(ref KqlWriter writer)
    {
        WriteOperand(ref writer, value, KqlPrecedence.Comparison + 1);
        writer.Append(negated ? " !between (" : " between (");
        WriteOperand(ref writer, low, KqlPrecedence.Additive);
        writer.Append(" .. ");
        WriteOperand(ref writer, high, KqlPrecedence.Additive);
        writer.Append(')');
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        value.CollectLets(collector);
        low.CollectLets(collector);
        high.CollectLets(collector);
    }
}
