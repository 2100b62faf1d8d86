namespace Defender365Typed.Syntax;

/// <summary>A function call <c>name(arg, ...)</c>; the name is always one of the library's constants.</summary>
internal sealed class KqlCallNode(string function, params KqlNode[] arguments) : KqlNode
{
    public string Function { get; } = function;

    public KqlNode[] Arguments { get; } = arguments;

    public override void Write(ref KqlWriter writer)
    {
        writer.Append(Function);
        writer.Append('(');
        for (int i = 0; i < Arguments.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            WriteOperand(ref writer, Arguments[i], KqlPrecedence.Or);
        }

        writer.Append(')');
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        foreach (KqlNode argument in Arguments)
        {
            argument.CollectLets(collector);
        }
    }
}
