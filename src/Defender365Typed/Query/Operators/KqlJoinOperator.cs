using System;
using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>join kind=... (right) on Key, $left.A == $right.B</c>.</summary>
internal sealed class KqlJoinOperator : KqlOperator
{
    private readonly string _kind;
    private readonly KqlTabular _right;
    private readonly (KqlColumnNode Left, KqlColumnNode Right)[] _keys;

    public KqlJoinOperator(string kind, KqlTabular right, KqlNode condition)
    {
        _kind = kind;
        _right = right;
        _keys = ExtractKeys(condition);
    }

    public override void Write(ref KqlWriter writer)
    {
        writer.Append("join kind=");
        writer.Append(_kind);
        writer.Append(" (");
        _right.WriteInline(ref writer);
        writer.Append(") on ");
        for (int i = 0; i < _keys.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            (KqlColumnNode left, KqlColumnNode right) = _keys[i];
            if (left.Name == right.Name)
            {
                writer.Append(KqlLiteral.Identifier(left.Name));
            }
            else
            {
                left.Write(ref writer);
                writer.Append(" == ");
                right.Write(ref writer);
            }
        }
    }

    public override void CollectLets(KqlLetCollector collector) => _right.CollectLets(collector);

    /// <summary>KQL joins only on equalities of a left and a right column, joined with <c>and</c>.</summary>
    private static (KqlColumnNode, KqlColumnNode)[] ExtractKeys(KqlNode condition)
    {
        var keys = new System.Collections.Generic.List<(KqlColumnNode, KqlColumnNode)>();
        Collect(condition, keys);
        return keys.ToArray();

        static void Collect(KqlNode node, System.Collections.Generic.List<(KqlColumnNode, KqlColumnNode)> keys)
        {
            if (node is KqlBinaryNode { Operator: "and" } conjunction)
            {
                Collect(conjunction.Left, keys);
                Collect(conjunction.Right, keys);
                return;
            }

            if (node is KqlBinaryNode { Operator: "==", Left: KqlColumnNode a, Right: KqlColumnNode b })
            {
                if (a.Qualifier == "$left" && b.Qualifier == "$right")
                {
                    keys.Add((a, b));
                    return;
                }

                if (a.Qualifier == "$right" && b.Qualifier == "$left")
                {
                    keys.Add((b, a));
                    return;
                }
            }

            throw new ArgumentException(
                "A join condition must compare a left column with a right column using ==, " +
                "several such comparisons joined with & (for example (l, r) => l.DeviceId == r.DeviceId).");
        }
    }
}
