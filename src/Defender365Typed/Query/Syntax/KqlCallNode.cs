using System;

namespace Defender365Typed.Syntax;

/// <summary>A function call <c>name(arg, ...)</c>; the name is always one of the library's constants.</summary>
/// <remarks>One- and two-argument calls (almost all of them) keep their arguments in fields: no array per call.</remarks>
internal sealed class KqlCallNode : KqlNode
{
    private readonly KqlNode? _first;
    private readonly KqlNode? _second;
    private readonly KqlNode[]? _all;

    public KqlCallNode(string function, KqlNode argument)
    {
        Function = function;
        _first = argument;
    }

    public KqlCallNode(string function, KqlNode first, KqlNode second)
    {
        Function = function;
        _first = first;
        _second = second;
    }

    public KqlCallNode(string function, params KqlNode[] arguments)
    {
        Function = function;
        _all = arguments;
    }

    public string Function { get; }

    private int Count => _all?.Length ?? (_second is not null ? 2 : _first is not null ? 1 : 0);

    public override void Write(ref KqlWriter writer)
    {
        writer.Append(Function);
        writer.Append('(');
        int count = Count;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            WriteOperand(ref writer, Argument(i), KqlPrecedence.Or);
        }

        writer.Append(')');
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        int count = Count;
        for (int i = 0; i < count; i++)
        {
            Argument(i).CollectLets(collector);
        }
    }

    private KqlNode Argument(int index) => _all is not null
        ? _all[index]
        : index switch
        {
            0 => _first!,
            1 => _second!,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
}
