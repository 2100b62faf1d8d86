namespace Defender365Typed;

/// <summary>A column of a table or result shape: its KQL name, the C# property that holds it, and its KQL type.</summary>
/// <param name="Name">The column's KQL name (case-sensitive).</param>
/// <param name="PropertyName">The C# property of the row type.</param>
/// <param name="Type">The column's KQL type.</param>
public sealed record HuntingColumn(string Name, string PropertyName, KqlType Type);
