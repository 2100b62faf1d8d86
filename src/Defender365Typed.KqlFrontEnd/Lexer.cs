using System;
using System.Collections.Generic;
using System.Text;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// Turns KQL text into tokens with exact spans. Never throws: characters it cannot read become
/// <see cref="TokenKind.Bad"/> tokens and a syntax diagnostic.
/// </summary>
public sealed class Lexer
{
    private static readonly HashSet<string> DashedKeywords = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "project-away", "project-keep", "project-rename", "project-reorder", "project-smart",
        "mv-expand", "mv-apply", "make-series", "parse-where", "parse-kv", "top-nested", "top-hitters",
        "make-graph", "graph-match", "graph-merge", "graph-to-table", "graph-shortest-paths", "graph-mark-components",
        "sample-distinct", "execute-and-cache", "assert-schema", "macro-expand", "partition-by",
    };

    private static readonly HashSet<string> NegatableWords = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs", "contains", "contains_cs",
        "startswith", "startswith_cs", "endswith", "endswith_cs", "in", "between", "has_all", "has_any",
        "matches",
    };

    /// <summary>
    /// Spellings of the types that form literals when followed by parentheses: <c>datetime(2024-01-01)</c>. The
    /// canonical name of each comes from <see cref="KqlScalarTypes"/> (string and dynamic literals are read elsewhere).
    /// </summary>
    private static readonly HashSet<string> TypedLiteralNames = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "datetime", "date", "timespan", "time", "guid", "uuid", "uniqueid", "int", "int32", "long", "int64",
        "real", "double", "decimal", "bool", "boolean",
    };

    private static readonly HashSet<string> TimeSpanUnits = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "d", "day", "days", "h", "hr", "hrs", "hour", "hours", "m", "min", "minute", "minutes",
        "s", "sec", "second", "seconds", "ms", "milli", "millis", "millisecond", "milliseconds",
        "micro", "micros", "microsecond", "microseconds", "tick", "ticks", "nanosecond", "nanoseconds",
    };

    private readonly string _text;
    private readonly List<KqlDiagnostic> _diagnostics;
    private int _pos;

    private Lexer(string text, List<KqlDiagnostic> diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads every token of <paramref name="text"/>; the last token is always EndOfFile.</summary>
    public static List<Token> Tokenize(string text, List<KqlDiagnostic> diagnostics)
    {
        var lexer = new Lexer(text, diagnostics);
        var tokens = new List<Token>(text.Length / 4 + 4);
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile)
            {
                return tokens;
            }
        }
    }

    private char Peek(int offset = 0)
    {
        var i = _pos + offset;
        return i < _text.Length ? _text[i] : '\0';
    }

    private bool SkipTrivia()
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                break;
            }
        }

        return _pos > start;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || c == '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private Token Next()
    {
        var trivia = SkipTrivia();
        var start = _pos;
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.EndOfFile, _text.Length, 0, "", null, trivia);
        }

        var c = _text[_pos];

        // h"..." obfuscated strings (also h@"...", H'...').
        if ((c == 'h' || c == 'H') && (Peek(1) == '"' || Peek(1) == '\'' || (Peek(1) == '@' && (Peek(2) == '"' || Peek(2) == '\''))))
        {
            _pos++;
            return ReadString(start, trivia);
        }

        if (IsIdentifierStart(c))
        {
            return ReadIdentifier(start, trivia);
        }

        if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
        {
            return ReadNumber(start, trivia);
        }

        if (c == '"' || c == '\'' || (c == '@' && (Peek(1) == '"' || Peek(1) == '\'')) || (c == '`' && Peek(1) == '`' && Peek(2) == '`') || (c == '~' && Peek(1) == '~' && Peek(2) == '~'))
        {
            return ReadString(start, trivia);
        }

        return ReadPunctuation(start, trivia);
    }

    private Token ReadIdentifier(int start, bool trivia)
    {
        _pos++;
        while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
        {
            _pos++;
        }

        // Dashed keywords: project-away, mv-expand, make-series...
        if (Peek() == '-' && _pos + 1 < _text.Length && char.IsLetter(_text[_pos + 1]))
        {
            var save = _pos;
            var p = _pos + 1;
            while (p < _text.Length && (IsIdentifierPart(_text[p]) || (_text[p] == '-' && p + 1 < _text.Length && char.IsLetter(_text[p + 1]))))
            {
                p++;
            }

            // Take the longest dashed keyword that is a prefix at a word boundary.
            for (var end = p; end > save; end--)
            {
                if (end < _text.Length && IsIdentifierPart(_text[end]))
                {
                    continue;
                }

                var candidate = _text.Substring(start, end - start);
                if (DashedKeywords.Contains(candidate))
                {
                    _pos = end;
                    return new Token(TokenKind.Identifier, start, end - start, candidate, null, trivia);
                }
            }
        }

        var name = _text.Substring(start, _pos - start);

        // in~ as one operator.
        if (name == "in" && Peek() == '~')
        {
            _pos++;
            return new Token(TokenKind.Punctuation, start, 3, "in~", null, trivia);
        }

        if (TypedLiteralNames.Contains(name))
        {
            var typeName = KqlScalarTypes.Name(KqlScalarTypes.Parse(name));
            var p = _pos;
            while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t'))
            {
                p++;
            }

            if (p < _text.Length && _text[p] == '(')
            {
                return ReadTypedLiteral(start, p, typeName, trivia);
            }
        }

        return new Token(TokenKind.Identifier, start, _pos - start, name, null, trivia);
    }

    private Token ReadTypedLiteral(int start, int openParen, string typeName, bool trivia)
    {
        var p = openParen + 1;
        var depth = 1;
        while (p < _text.Length)
        {
            var ch = _text[p];
            if (ch == '"' || ch == '\'')
            {
                var q = ch;
                p++;
                while (p < _text.Length && _text[p] != q && _text[p] != '\n')
                {
                    p++;
                }
            }
            else if (ch == '(')
            {
                depth++;
            }
            else if (ch == ')')
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (ch == '\n' || ch == '|' || ch == ';')
            {
                break;
            }

            p++;
        }

        if (p >= _text.Length || _text[p] != ')')
        {
            _diagnostics.Add(new KqlDiagnostic(KqlDiagnosticKind.SyntaxError, start, p - start, "The " + typeName + " literal is missing its closing ')'."));
            _pos = p;
            return new Token(TokenKind.TypedLiteral, start, p - start, _text.Substring(start, p - start), typeName, trivia);
        }

        _pos = p + 1;
        return new Token(TokenKind.TypedLiteral, start, _pos - start, _text.Substring(start, _pos - start), typeName, trivia);
    }

    private Token ReadNumber(int start, bool trivia)
    {
        var isReal = false;
        if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            _pos += 2;
            while (_pos < _text.Length && Uri.IsHexDigit(_text[_pos]))
            {
                _pos++;
            }

            return new Token(TokenKind.LongLiteral, start, _pos - start, _text.Substring(start, _pos - start), null, trivia);
        }

        while (char.IsDigit(Peek()))
        {
            _pos++;
        }

        if (Peek() == '.' && Peek(1) != '.')
        {
            isReal = true;
            _pos++;
            while (char.IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if ((Peek() == 'e' || Peek() == 'E') && (char.IsDigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && char.IsDigit(Peek(2)))))
        {
            isReal = true;
            _pos += 2;
            while (char.IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (IsIdentifierStart(Peek()))
        {
            var unitStart = _pos;
            while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
            {
                _pos++;
            }

            var unit = _text.Substring(unitStart, _pos - unitStart);
            var text = _text.Substring(start, _pos - start);
            if (TimeSpanUnits.Contains(unit))
            {
                return new Token(TokenKind.TimeSpanLiteral, start, _pos - start, text, null, trivia);
            }

            // KQL names may start with digits (5Minutebin).
            return new Token(TokenKind.Identifier, start, _pos - start, text, null, trivia);
        }

        return new Token(isReal ? TokenKind.RealLiteral : TokenKind.LongLiteral, start, _pos - start, _text.Substring(start, _pos - start), null, trivia);
    }

    private Token ReadString(int start, bool trivia)
    {
        var c = Peek();
        if ((c == '`' || c == '~') && Peek(1) == c && Peek(2) == c)
        {
            var fence = new string(c, 3);
            var close = _text.IndexOf(fence, _pos + 3, System.StringComparison.Ordinal);
            if (close < 0)
            {
                _diagnostics.Add(new KqlDiagnostic(KqlDiagnosticKind.SyntaxError, start, _text.Length - start, "The multi-line string literal is not terminated."));
                _pos = _text.Length;
                return new Token(TokenKind.StringLiteral, start, _pos - start, _text.Substring(start), _text.Substring(Math.Min(start + 3, _text.Length)), trivia);
            }

            var value = _text.Substring(_pos + 3, close - _pos - 3);
            _pos = close + 3;
            return new Token(TokenKind.StringLiteral, start, _pos - start, _text.Substring(start, _pos - start), value, trivia);
        }

        var verbatim = false;
        if (c == '@')
        {
            verbatim = true;
            _pos++;
        }

        var quote = _text[_pos];
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                _diagnostics.Add(new KqlDiagnostic(KqlDiagnosticKind.SyntaxError, start, _pos - start, "The string literal is not terminated."));
                return new Token(TokenKind.StringLiteral, start, _pos - start, _text.Substring(start, _pos - start), sb.ToString(), trivia);
            }

            var ch = _text[_pos];
            if (ch == quote)
            {
                if (verbatim && Peek(1) == quote)
                {
                    sb.Append(quote);
                    _pos += 2;
                    continue;
                }

                _pos++;
                break;
            }

            if (!verbatim && ch == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n')
            {
                var e = _text[_pos + 1];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'u' when TryReadHex4(_pos + 2, out var code):
                        // \uXXXX: how the builder writes control and bidi characters (KqlStringEscaper), as Kusto reads it.
                        sb.Append(code);
                        _pos += 4;
                        break;
                    default: sb.Append(e); break;
                }

                _pos += 2;
                continue;
            }

            sb.Append(ch);
            _pos++;
        }

        return new Token(TokenKind.StringLiteral, start, _pos - start, _text.Substring(start, _pos - start), sb.ToString(), trivia);
    }

    private bool TryReadHex4(int at, out char value)
    {
        value = '\0';
        if (at + 4 > _text.Length)
        {
            return false;
        }

        int code = 0;
        for (int i = at; i < at + 4; i++)
        {
            int digit = HexValue(_text[i]);
            if (digit < 0)
            {
                return false;
            }

            code = (code << 4) | digit;
        }

        value = (char)code;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private Token ReadPunctuation(int start, bool trivia)
    {
        var c = Peek();
        var n = Peek(1);
        string? text = null;
        switch (c)
        {
            case '=':
                text = n == '=' ? "==" : n == '~' ? "=~" : n == '>' ? "=>" : "=";
                break;
            case '!':
                if (n == '=')
                {
                    text = "!=";
                }
                else if (n == '~')
                {
                    text = "!~";
                }
                else if (char.IsLetter(n))
                {
                    var p = _pos + 1;
                    while (p < _text.Length && IsIdentifierPart(_text[p]))
                    {
                        p++;
                    }

                    var word = _text.Substring(_pos + 1, p - _pos - 1);
                    if (NegatableWords.Contains(word))
                    {
                        if (word == "in" && p < _text.Length && _text[p] == '~')
                        {
                            p++;
                        }

                        _pos = p;
                        return new Token(TokenKind.Punctuation, start, p - start, _text.Substring(start, p - start), null, trivia);
                    }
                }

                break;
            case '<':
                text = n == '=' ? "<=" : n == '>' ? "<>" : "<";
                break;
            case '>':
                text = n == '=' ? ">=" : ">";
                break;
            case '.':
                text = n == '.' ? ".." : ".";
                break;
            case '|': case '(': case ')': case '[': case ']': case '{': case '}': case ',': case ';': case ':':
            case '+': case '-': case '*': case '/': case '%': case '?': case '~': case '#':
                text = c.ToString();
                break;
        }

        if (text == null || text == "#" || text == "?")
        {
            _pos++;
            var bad = c.ToString();
            _diagnostics.Add(new KqlDiagnostic(KqlDiagnosticKind.SyntaxError, start, 1, "Unexpected character '" + bad + "'."));
            return new Token(TokenKind.Bad, start, 1, bad, null, trivia);
        }

        _pos += text.Length;
        return new Token(TokenKind.Punctuation, start, text.Length, text, null, trivia);
    }
}
