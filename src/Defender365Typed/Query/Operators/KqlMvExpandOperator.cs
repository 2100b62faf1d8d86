using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>mv-expand [Name =] column [to typeof(type)] [limit N]</c>.</summary>
internal sealed class KqlMvExpandOperator(string? name, KqlNode value, string? typeName, int? limit) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append("mv-expand ");
        if (name is not null)
        {
            writer.Append(KqlLiteral.Identifier(name));
            writer.Append(" = ");
        }

        KqlNode.WriteOperand(ref writer, value, KqlPrecedence.Or);
        if (typeName is not null)
        {
            writer.Append(" to typeof(");
            writer.Append(typeName);
            writer.Append(')');
        }

        if (limit is { } n)
        {
            writer.Append(" limit ");
            writer.Append(n);
        }
    }

    public override void CollectLets(KqlLetCollector collector) => value.CollectLets(collector);
}
