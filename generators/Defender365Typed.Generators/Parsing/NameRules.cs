using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Parsing;

/// <summary>What a table or column name may be: any non-empty text without control characters or surrounding spaces (KQL quotes the rest as ['name']).</summary>
internal static class NameRules
{
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || char.IsWhiteSpace(name![0]) || char.IsWhiteSpace(name[name.Length - 1]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The property of a generated record that holds <paramref name="column"/>: the column name, unless that is a member
    /// the generator adds (<c>Shape</c>, <c>Table</c>, <c>Columns</c>) or the type's own name (C# forbids both): then the
    /// name followed by <c>Column</c>. The name must already be a C# identifier (see <see cref="ToIdentifier"/>).
    /// </summary>
    public static string PropertyName(string column, string typeName) =>
        column == typeName || System.Array.IndexOf(KnownNames.ReservedMemberNames, column) >= 0 ? column + "Column" : column;

    /// <summary>
    /// A C# identifier for a KQL name that may not be one (<c>['Account Name']</c>): every character C# does not allow
    /// becomes '_', and a leading digit gets a '_' before it.
    /// </summary>
    public static string ToIdentifier(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            if (builder.Length == 0 && !SyntaxFacts.IsIdentifierStartCharacter(c))
            {
                builder.Append('_');
            }

            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
