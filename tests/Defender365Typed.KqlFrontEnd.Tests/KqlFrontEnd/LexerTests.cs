using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

public sealed class LexerTests
{
    private static List<Token> Lex(string text, out List<KqlDiagnostic> diagnostics)
    {
        diagnostics = new List<KqlDiagnostic>();
        return Lexer.Tokenize(text, diagnostics);
    }

    private static Token Single(string text)
    {
        var tokens = Lex(text, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(TokenKind.EndOfFile, tokens[1].Kind);
        Assert.Equal(0, tokens[0].Start);
        Assert.Equal(text.Length, tokens[0].Length);
        return tokens[0];
    }

    [Theory]
    [InlineData("\"a\\\"b\\\\c\"", "a\"b\\c")]
    [InlineData("'it''s'", "it")]
    [InlineData("'a\\'b'", "a'b")]
    [InlineData("@\"C:\\Windows\\\"\"x\"\"\"", "C:\\Windows\\\"x\"")]
    [InlineData("@'C:\\a''b'", "C:\\a'b")]
    [InlineData("h\"secret\"", "secret")]
    [InlineData("H'secret'", "secret")]
    [InlineData("h@\"C:\\s\"", "C:\\s")]
    [InlineData("```multi\nline \"q\" 'x'```", "multi\nline \"q\" 'x'")]
    [InlineData("~~~fenced~~~", "fenced")]
    public void String_literal_forms_decode(string text, string value)
    {
        if (text == "'it''s'")
        {
            // KQL has no doubled-quote escape in regular strings: 'it' and 's' are two adjacent literals.
            var tokens = Lex(text, out var d);
            Assert.Empty(d);
            Assert.Equal(TokenKind.StringLiteral, tokens[0].Kind);
            Assert.Equal(value, tokens[0].Value);
            return;
        }

        var token = Single(text);
        Assert.Equal(TokenKind.StringLiteral, token.Kind);
        Assert.Equal(value, token.Value);
    }

    [Theory]
    [InlineData("1d")]
    [InlineData("30m")]
    [InlineData("10s")]
    [InlineData("100ms")]
    [InlineData("1tick")]
    [InlineData("1.5h")]
    [InlineData("2days")]
    [InlineData("5min")]
    [InlineData("3microseconds")]
    public void Timespan_literals(string text) => Assert.Equal(TokenKind.TimeSpanLiteral, Single(text).Kind);

    [Theory]
    [InlineData("42", false)]
    [InlineData("0x1F", false)]
    [InlineData("1.5", true)]
    [InlineData("1e-3", true)]
    [InlineData("2.5E10", true)]
    public void Numbers(string text, bool real) => Assert.Equal(real ? TokenKind.RealLiteral : TokenKind.LongLiteral, Single(text).Kind);

    [Theory]
    [InlineData("datetime(2024-01-02 03:04:05)", "datetime")]
    [InlineData("datetime(2024-01-02T03:04:05.123Z)", "datetime")]
    [InlineData("datetime(null)", "datetime")]
    [InlineData("timespan(1.02:03:04)", "timespan")]
    [InlineData("time(1d)", "timespan")]
    [InlineData("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)", "guid")]
    [InlineData("int(null)", "int")]
    [InlineData("long(12)", "long")]
    [InlineData("real(nan)", "real")]
    [InlineData("bool(true)", "bool")]
    [InlineData("decimal(1.5)", "decimal")]
    public void Typed_literals_are_single_tokens(string text, string type)
    {
        var token = Single(text);
        Assert.Equal(TokenKind.TypedLiteral, token.Kind);
        Assert.Equal(type, token.Value);
    }

    [Theory]
    [InlineData("project-away")]
    [InlineData("project-keep")]
    [InlineData("project-rename")]
    [InlineData("project-reorder")]
    [InlineData("mv-expand")]
    [InlineData("mv-apply")]
    [InlineData("make-series")]
    [InlineData("parse-where")]
    [InlineData("top-nested")]
    [InlineData("$left")]
    [InlineData("has_any")]
    [InlineData("5Minutebin")]
    public void Keywords_and_names(string text) => Assert.Equal(TokenKind.Identifier, Single(text).Kind);

    [Theory]
    [InlineData("==")]
    [InlineData("!=")]
    [InlineData("=~")]
    [InlineData("!~")]
    [InlineData("<=")]
    [InlineData(">=")]
    [InlineData("..")]
    [InlineData("!in")]
    [InlineData("!in~")]
    [InlineData("in~")]
    [InlineData("!has")]
    [InlineData("!contains_cs")]
    [InlineData("!startswith")]
    [InlineData("!between")]
    public void Operators(string text) => Assert.Equal(TokenKind.Punctuation, Single(text).Kind);

    [Fact]
    public void Subtraction_is_not_a_dashed_keyword()
    {
        var tokens = Lex("a-b", out _);
        Assert.Equal(new[] { "a", "-", "b", "" }, tokens.Select(t => t.Text));
    }

    [Fact]
    public void Comments_and_zero_width_spaces_are_trivia_with_exact_spans()
    {
        var text = "T // comment\n\u200B| where x";
        var tokens = Lex(text, out var d);
        Assert.Empty(d);
        Assert.Equal(new[] { "T", "|", "where", "x", "" }, tokens.Select(t => t.Text));
        Assert.Equal(text.IndexOf('|'), tokens[1].Start);
        Assert.True(tokens[1].PrecededByTrivia);
    }

    [Fact]
    public void Unterminated_string_is_a_syntax_error_at_the_literal()
    {
        Lex("T | where a == \"abc\n| take 1", out var d);
        var error = Assert.Single(d);
        Assert.Equal(KqlDiagnosticKind.SyntaxError, error.Kind);
        Assert.Equal(15, error.Start);
        Assert.Equal(4, error.Length);
    }

    [Fact]
    public void Bad_character_is_reported()
    {
        Lex("T | where a # 1", out var d);
        var error = Assert.Single(d);
        Assert.Equal(12, error.Start);
        Assert.Equal(1, error.Length);
    }
}
