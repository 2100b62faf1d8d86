namespace Defender365Typed;

/// <summary>The single row of the <c>count</c> operator.</summary>
/// <param name="Count">The number of rows counted.</param>
[HuntingResult]
public sealed partial record KqlCountResult(long Count);
