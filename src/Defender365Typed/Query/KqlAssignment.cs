using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// One output column of a <c>summarize</c> or a computed <c>project</c>: the result column and the
/// expression that fills it. Made by <c>Assign</c> on a result column, so the types always agree.
/// </summary>
public readonly struct KqlAssignment
{
    internal KqlAssignment(KqlColumnNode column, KqlNode value)
    {
        Column = column;
        Value = value;
    }

    internal KqlColumnNode Column { get; }

    internal KqlNode Value { get; }

    internal bool IsDefault => Column is null;

    internal void Write(ref KqlWriter writer)
    {
        // "by DeviceName" rather than "by DeviceName = DeviceName".
        if (!(Value is KqlColumnNode source && source.Qualifier is null && source.Name == Column.Name))
        {
            Column.Write(ref writer);
            writer.Append(" = ");
        }

        KqlNode.WriteOperand(ref writer, Value, KqlPrecedence.Or);
    }
}
