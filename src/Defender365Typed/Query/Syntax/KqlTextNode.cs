namespace Defender365Typed.Syntax;

/// <summary>Pre-rendered, already safe text: an escaped literal, <c>*</c>, or a constant such as <c>now()</c>.</summary>
internal sealed class KqlTextNode(string text) : KqlNode
{
    public static readonly KqlTextNode Star = new("*");

    public string Text { get; } = text;

    public override void Write(ref KqlWriter writer) => writer.Append(Text);
}
