namespace Defender365Typed.Syntax;

/// <summary><c>left op right</c>; left-associative, so the right operand needs parentheses at equal precedence.</summary>
internal sealed class KqlBinaryNode(KqlNode left, string op, KqlNode right) : KqlNode
{
    public KqlNode Left { get; } = left;

    public string Operator { get; } = op;

    public KqlNode Right { get; } = right;

    // Derived from the operator rather than stored: one field less on the most common node.
    public override int Precedence => Operator switch
    {
        "or" => KqlPrecedence.Or,
        "and" => KqlPrecedence.And,
        "+" or "-" => KqlPrecedence.Additive,
        "*" or "/" or "%" => KqlPrecedence.Multiplicative,
        _ => KqlPrecedence.Comparison,
    };

    public override void Write(ref KqlWriter writer)
    {
        // Comparisons do not chain in KQL, so an operand of equal strength gets parentheses too.
        int leftMinimum = Precedence == KqlPrecedence.Comparison ? Precedence + 1 : Precedence;
        WriteOperand(ref writer, Left, leftMinimum);
        writer.Append(' ');
        writer.Append(Operator);
        writer.Append(' ');
        WriteOperand(ref writer, Right, Precedence + 1);
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        Left.CollectLets(collector);
        Right.CollectLets(collector);
    }
}
