using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>order by a desc, b asc</c>; <c>ThenBy</c> makes a copy with one more key.</summary>
internal sealed class KqlSortOperator : KqlOperator
{
    // A single key (the usual case) is kept without arrays.
    private readonly KqlNode _key;
    private readonly bool _descending;
    private readonly KqlSortOperator? _previousKeys;

    public KqlSortOperator(KqlNode key, bool descending, KqlSortOperator? previousKeys = null)
    {
        _key = key;
        _descending = descending;
        _previousKeys = previousKeys;
    }

    public KqlSortOperator ThenBy(KqlNode key, bool descending) => new(key, descending, this);

    public override void Write(ref KqlWriter writer)
    {
        writer.Append("order by ");
        WriteKeys(ref writer);
    }

    public override void CollectLets(KqlLetCollector collector)
    {
        _previousKeys?.CollectLets(collector);
        _key.CollectLets(collector);
    }

    private void WriteKeys(ref KqlWriter writer)
    {
        if (_previousKeys is not null)
        {
            _previousKeys.WriteKeys(ref writer);
            writer.Append(", ");
        }

        KqlNode.WriteOperand(ref writer, _key, KqlPrecedence.Or);
        writer.Append(_descending ? " desc" : " asc");
    }
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
