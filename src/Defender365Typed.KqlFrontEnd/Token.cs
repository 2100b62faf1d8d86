namespace Defender365Typed.KqlFrontEnd;

/// <summary>The kinds of KQL tokens.</summary>
public enum TokenKind : byte
{
    EndOfFile,
    /// <summary>A name or keyword, including dashed keywords such as <c>project-away</c> and <c>$left</c>.</summary>
    Identifier,
    /// <summary>Any string literal form; <see cref="Token.Value"/> holds the decoded text.</summary>
    StringLiteral,
    LongLiteral,
    RealLiteral,
    /// <summary>A timespan literal such as <c>1d</c>, <c>30m</c> or <c>100ms</c>.</summary>
    TimeSpanLiteral,
    /// <summary>A literal written as <c>type(...)</c>: <c>datetime(…)</c>, <c>timespan(…)</c>, <c>guid(…)</c>, <c>int(…)</c>…</summary>
    TypedLiteral,
    /// <summary>Punctuation and symbolic or negated operators (<c>==</c>, <c>!has</c>, <c>in~</c>, <c>..</c>).</summary>
    Punctuation,
    /// <summary>A character or sequence that is not part of KQL (reported by the lexer).</summary>
    Bad,
}

/// <summary>One token: kind, exact span in the query text, and its text (decoded value for strings).</summary>
public readonly struct Token
{
    public Token(TokenKind kind, int start, int length, string text, string? value = null, bool precededByTrivia = false)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Text = text;
        Value = value;
        PrecededByTrivia = precededByTrivia;
    }

    public TokenKind Kind { get; }

    /// <summary>Offset of the first character in the query text (UTF-16 code units).</summary>
    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    /// <summary>The token's source text (for identifiers the name, for punctuation the symbol).</summary>
    public string Text { get; }

    /// <summary>Decoded string value (string literals), or the type name of a typed literal.</summary>
    public string? Value { get; }

    /// <summary>Whether whitespace or a comment comes right before the token.</summary>
    public bool PrecededByTrivia { get; }

    public bool Is(string punctuationOrKeyword) =>
        (Kind == TokenKind.Punctuation || Kind == TokenKind.Identifier) && Text == punctuationOrKeyword;

    public override string ToString() => Kind + " '" + Text + "' @" + Start;
}
