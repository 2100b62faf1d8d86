namespace Defender365Typed;

/// <summary>A typed KQL scalar expression: a column, a literal or a computed value.</summary>
public interface IKqlScalar
{
    /// <summary>The expression without its static type, for column lists.</summary>
    KqlExpr Expression { get; }
}
