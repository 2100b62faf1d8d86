using System;
using Defender365Typed.Operators;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// An immutable tabular query: a source followed by operators. Every operator method returns a new
/// query and leaves this one unchanged, so a query can be shared and extended freely.
/// </summary>
public abstract class KqlTabular
{
    private protected KqlTabular(KqlTabular? previous, KqlOperator @operator)
    {
        Previous = previous;
        Operator = @operator;
    }

    internal KqlTabular? Previous { get; }

    internal KqlOperator Operator { get; }

    /// <summary>
    /// Renders the query as KQL: <c>let</c> statements for bound subqueries first, then the source and
    /// one <c>| operator</c> per line. The output is deterministic.
    /// </summary>
    public string ToKql()
    {
        KqlLetCollector lets = KqlLetCollector.Rent();
        var writer = new KqlWriter(stackalloc char[1024]);
        try
        {
            CollectLets(lets);
            foreach ((string name, KqlTabular query) in lets.Lets)
            {
                writer.Append("let ");
                writer.Append(KqlLiteral.Identifier(name));
                writer.Append(" = ");
                query.WritePipeline(ref writer);
                writer.Append(";\n");
            }

            WritePipeline(ref writer);
            return writer.ToString();
        }
        finally
        {
            writer.Dispose();
            KqlLetCollector.Return(lets);
        }
    }

    /// <summary>The same text as <see cref="ToKql"/>.</summary>
    public override string ToString() => ToKql();

    internal void WritePipeline(ref KqlWriter writer)
    {
        if (Previous is not null)
        {
            Previous.WritePipeline(ref writer);
            writer.Pipe();
        }

        Operator.Write(ref writer);
    }

    /// <summary>Writes the query on one line, for use inside parentheses.</summary>
    internal void WriteInline(ref KqlWriter writer)
    {
        bool wasInline = writer.Inline;
        writer.Inline = true;
        WritePipeline(ref writer);
        writer.Inline = wasInline;
    }

    /// <summary>Collects from the source to the last operator, so independent lets keep the order they are used in.</summary>
    internal void CollectLets(KqlLetCollector collector)
    {
        Previous?.CollectLets(collector);
        Operator.CollectLets(collector);
    }

    private protected static void ThrowIfInvalidName(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
    }
}
