namespace Defender365Typed.Syntax;

/// <summary>Binding strength of KQL expressions, weakest first; used to add only the parentheses needed.</summary>
internal static class KqlPrecedence
{
    public const int Assignment = 0;
    public const int Or = 1;
    public const int And = 2;
    public const int Comparison = 3;
    public const int Additive = 4;
    public const int Multiplicative = 5;
    public const int Unary = 6;
    public const int Primary = 7;
}
