using System;
using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>order by a desc, b asc</c>; <c>ThenBy</c> makes a copy with one more key.</summary>
internal sealed class KqlSortOperator(KqlNode[] keys, bool[] descending) : KqlOperator
{
    public KqlSortOperator ThenBy(KqlNode key, bool isDescending)
    {
        KqlNode[] nextKeys = [.. keys, key];
        bool[] nextDescending = [.. descending, isDescending];
        return new KqlSortOperator(nextKeys, nextDescending);
    }

    public override void Write(ref KqlWriter writer)
    {
        writer.Append("order by ");
        for (int i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            KqlNode.WriteOperand(ref writer, keys[i], KqlPrecedence.Or);
            writer.Append(descending[i] ? " desc" : " asc");
        }
    }

    public override void CollectLets(KqlLetCollector collector) => Array.ForEach(keys, key => key.CollectLets(collector));
}

/// <summary><c>top N by key [desc|asc]</c>.</summary>
internal sealed class KqlTopOperator(long count, KqlNode key, bool descending) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append("top ");
        writer.Append(count);
        writer.Append(" by ");
        KqlNode.WriteOperand(ref writer, key, KqlPrecedence.Or);
        writer.Append(descending ? " desc" : " asc");
    }

    public override void CollectLets(KqlLetCollector collector) => key.CollectLets(collector);
}

/// <summary><c>take N</c>, <c>limit N</c> or a bare keyword such as <c>count</c>.</summary>
internal sealed class KqlKeywordOperator(string keyword, long? count = null) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append(keyword);
        if (count is { } n)
        {
            writer.Append(' ');
            writer.Append(n);
        }
    }
}
