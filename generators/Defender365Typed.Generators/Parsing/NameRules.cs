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
}
