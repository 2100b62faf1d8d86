namespace Defender365Typed.Syntax;

/// <summary>A column reference, optionally qualified (<c>$left.</c>/<c>$right.</c> inside join conditions).</summary>
internal sealed class KqlColumnNode : KqlNode
{
    public KqlColumnNode(string name, string? qualifier = null)
    {
        Name = name;
        Qualifier = qualifier;
        Text = KqlLiteral.Identifier(name);
    }

    /// <summary>The column's name as KQL knows it (unescaped).</summary>
    public string Name { get; }

    /// <summary><c>$left</c>, <c>$right</c> or <see langword="null"/>.</summary>
    public string? Qualifier { get; }

    private string Text { get; }

    public override void Write(ref KqlWriter writer)
    {
        if (Qualifier is not null)
        {
            writer.Append(Qualifier);
            writer.Append('.');
        }

        writer.Append(Text);
    }
}
