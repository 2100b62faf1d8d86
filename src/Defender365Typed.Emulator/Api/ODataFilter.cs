using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// The subset of OData <c>$filter</c> the incident APIs accept: comparisons (<c>eq ne gt ge lt le</c>)
/// of a property with a quoted string, a datetime or a number, combined with <c>and</c>, <c>or</c>,
/// <c>not</c> and parentheses.
/// </summary>
internal sealed class ODataFilter
{
    private readonly string _text;
    private readonly Func<string, object?, string?> _lookup;
    private int _pos;

    private ODataFilter(string text, Func<string, object?, string?> lookup)
    {
        _text = text;
        _lookup = lookup;
    }

    /// <summary>
    /// Parses <paramref name="filter"/> into a predicate. <paramref name="property"/> maps a property
    /// name to its value on an item, or returns null for a property that cannot be filtered.
    /// </summary>
    /// <exception cref="FormatException">The filter is not valid, or names a property that cannot be filtered.</exception>
    public static Func<T, bool> Parse<T>(string filter, Func<string, T, string?> property, ISet<string> filterable)
    {
        var parser = new ODataFilter(filter, (name, item) => property(name, (T)item!));
        Func<object?, bool> predicate = parser.ParseOr(filterable);
        parser.SkipSpaces();
        if (parser._pos != filter.Length)
        {
            throw new FormatException($"Syntax error at position {parser._pos} in '{filter}'.");
        }

        return item => predicate(item);
    }

    private Func<object?, bool> ParseOr(ISet<string> filterable)
    {
        Func<object?, bool> left = ParseAnd(filterable);
        while (TryKeyword("or"))
        {
            Func<object?, bool> l = left, r = ParseAnd(filterable);
            left = x => l(x) || r(x);
        }

        return left;
    }

    private Func<object?, bool> ParseAnd(ISet<string> filterable)
    {
        Func<object?, bool> left = ParseUnary(filterable);
        while (TryKeyword("and"))
        {
            Func<object?, bool> l = left, r = ParseUnary(filterable);
            left = x => l(x) && r(x);
        }

        return left;
    }

    private Func<object?, bool> ParseUnary(ISet<string> filterable)
    {
        if (TryKeyword("not"))
        {
            Func<object?, bool> inner = ParseUnary(filterable);
            return x => !inner(x);
        }

        SkipSpaces();
        if (Peek() == '(')
        {
            _pos++;
            Func<object?, bool> inner = ParseOr(filterable);
            SkipSpaces();
            Expect(')');
            return inner;
        }

        string name = ReadWord();
        if (!filterable.Contains(name))
        {
            throw new FormatException($"Filtering on '{name}' is not supported.");
        }

        string op = ReadWord();
        SkipSpaces();
        string literal = ReadLiteral(out bool quoted);
        Func<string, object?, string?> lookup = _lookup;
        return op switch
        {
            "eq" => x => Compare(lookup(name, x), literal, quoted) == 0,
            "ne" => x => Compare(lookup(name, x), literal, quoted) != 0,
            "gt" => x => Compare(lookup(name, x), literal, quoted) > 0,
            "ge" => x => Compare(lookup(name, x), literal, quoted) >= 0,
            "lt" => x => Compare(lookup(name, x), literal, quoted) < 0,
            "le" => x => Compare(lookup(name, x), literal, quoted) <= 0,
            _ => throw new FormatException($"Unknown operator '{op}'."),
        };
    }

    private static int Compare(string? value, string literal, bool quoted)
    {
        if (value is null)
        {
            return literal == "null" ? 0 : -1;
        }

        if (!quoted && DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset right)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset left))
        {
            return left.CompareTo(right);
        }

        return string.Compare(value, literal, StringComparison.OrdinalIgnoreCase);
    }

    private string ReadLiteral(out bool quoted)
    {
        quoted = Peek() == '\'';
        if (!quoted)
        {
            return ReadWord();
        }

        _pos++;
        var chars = new List<char>();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new FormatException("Unterminated string literal.");
            }

            char c = _text[_pos++];
            if (c == '\'')
            {
                if (Peek() == '\'')
                {
                    chars.Add('\'');
                    _pos++;
                    continue;
                }

                return new string(chars.ToArray());
            }

            chars.Add(c);
        }
    }

    private string ReadWord()
    {
        SkipSpaces();
        int start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not '(' and not ')')
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw new FormatException($"Syntax error at position {_pos}.");
        }

        return _text[start.._pos];
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpaces();
        int end = _pos + keyword.Length;
        if (end < _text.Length && string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0
            && (char.IsWhiteSpace(_text[end]) || _text[end] == '('))
        {
            _pos = end;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException($"Expected '{c}' at position {_pos}.");
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
