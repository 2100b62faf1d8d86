using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary>A table by name: the start of a pipeline.</summary>
internal sealed class KqlTableSource(string tableName) : KqlOperator
{
    private readonly string _text = KqlLiteral.Identifier(tableName);

    public override void Write(ref KqlWriter writer) => writer.Append(_text);
}

/// <summary>A reference to a <c>let</c>-bound query; <c>ToKql()</c> writes the binding once, before the query.</summary>
internal sealed class KqlLetSource(string name, KqlTabular bound) : KqlOperator
{
    private readonly string _text = KqlLiteral.Identifier(name);

    public override void Write(ref KqlWriter writer) => writer.Append(_text);

    public override void CollectLets(KqlLetCollector collector) => collector.Add(name, bound);
}

/// <summary>A call of a tabular function (a tenant's saved function): <c>Name(arguments)</c> at the start of a pipeline.</summary>
internal sealed class KqlFunctionSource(string functionName, KqlNode[] arguments) : KqlOperator
{
    private readonly KqlCallNode _call = new(KqlLiteral.Identifier(functionName), arguments);

    public override void Write(ref KqlWriter writer) => _call.Write(ref writer);

    public override void CollectLets(KqlLetCollector collector) => _call.CollectLets(collector);
}
