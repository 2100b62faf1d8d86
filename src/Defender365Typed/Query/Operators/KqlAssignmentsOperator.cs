using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary>
/// <c>summarize a = f(x), ... by k, ...</c>, <c>project a = x, ...</c> or <c>extend a = x</c>:
/// a keyword followed by assignments, with an optional <c>by</c> list.
/// </summary>
internal sealed class KqlAssignmentsOperator(string keyword, KqlAssignment[] assignments, KqlAssignment[]? by = null) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append(keyword);
        if (assignments.Length > 0)
        {
            writer.Append(' ');
            WriteList(ref writer, assignments);
        }

        if (by is { Length: > 0 })
        {
            writer.Append(" by ");
            WriteList(ref writer, by);
        }
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        foreach (KqlAssignment assignment in assignments)
        {
            assignment.Value.CollectLets(collector);
        }

        foreach (KqlAssignment assignment in by ?? [])
        {
            assignment.Value.CollectLets(collector);
        }
    }

    private static void WriteList(ref KqlWriter writer, KqlAssignment[] list)
    {
        for (int i = 0; i < list.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            list[i].Write(ref writer);
        }
    }
}
