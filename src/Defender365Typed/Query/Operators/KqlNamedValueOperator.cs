using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>extend Name = expr</c> or <c>project-rename New = Old</c>.</summary>
internal sealed class KqlNamedValueOperator(string keyword, string name, KqlNode value) : KqlOperator
{
    private readonly string _name = KqlLiteral.Identifier(name);

    public override void Write(ref KqlWriter writer)
    {
        writer.Append(keyword);
        writer.Append(' ');
        writer.Append(_name);
        writer.Append(" = ");
        KqlNode.WriteOperand(ref writer, value, KqlPrecedence.Or);
    }

    public override void CollectLets(KqlLetCollector collector) => value.CollectLets(collector);
}
