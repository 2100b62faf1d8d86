namespace Defender365Typed.KqlFrontEnd;

/// <summary>What the front end found wrong with a query.</summary>
public enum KqlDiagnosticKind : byte
{
    SyntaxError,
    UnknownTable,
    UnknownColumn,
    /// <summary>A comparison between values of incompatible types.</summary>
    TypeMismatch,
    /// <summary>A function argument of a type the function does not accept.</summary>
    ArgumentTypeMismatch,
    UnknownFunction,
    WrongArgumentCount,
    /// <summary>A table the schema knows but a tenant's schema file leaves out: the caller cannot query it.</summary>
    TableNotVisible,
}

/// <summary>A diagnostic on a span of the query text (offsets in UTF-16 code units).</summary>
public sealed class KqlDiagnostic
{
    public KqlDiagnostic(KqlDiagnosticKind kind, int start, int length, string message, string? suggestion = null)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Message = message;
        Suggestion = suggestion;
    }

    public KqlDiagnosticKind Kind { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public string Message { get; }

    /// <summary>The replacement text a "did you mean" suggests, when there is one.</summary>
    public string? Suggestion { get; }

    public override string ToString() => Kind + " (" + Start + "," + Length + "): " + Message;
}
