using Defender365Typed.Syntax;

namespace Defender365Typed.Operators;

/// <summary><c>project A, B, C</c> by column names, from a result shape.</summary>
internal sealed class KqlNamesOperator(string keyword, string[] escapedNames) : KqlOperator
{
    public override void Write(ref KqlWriter writer)
    {
        writer.Append(keyword);
        writer.Append(' ');
        for (int i = 0; i < escapedNames.Length; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            writer.Append(escapedNames[i]);
        }
    }
}
