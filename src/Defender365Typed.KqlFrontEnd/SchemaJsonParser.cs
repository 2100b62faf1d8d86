using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// Reads JSON text (RFC 8259; with <c>//</c> and <c>/* */</c> comments and trailing commas when lenient) into
/// <see cref="SchemaJsonValue"/>s that remember where they start. Errors are <see cref="HuntingSchemaFormatException"/>s
/// naming the file, line and column. Recursion is bounded by <see cref="MaxDepth"/>, so no input can overflow the stack.
/// </summary>
internal sealed class SchemaJsonParser
{
    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly string _origin;
    private readonly bool _lenient;
    private readonly StringBuilder _buffer = new StringBuilder();
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private SchemaJsonParser(string text, string origin, bool lenient)
    {
        _text = text;
        _origin = origin;
        _lenient = lenient;
    }

    private int Column => _position - _lineStart + 1;

    /// <summary>Parses one JSON value filling the whole text (a leading byte order mark is skipped).</summary>
    public static SchemaJsonValue Parse(string text, string origin, bool lenient)
    {
        var parser = new SchemaJsonParser(text, origin, lenient);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            parser._position = 1;
            parser._lineStart = 1;
        }

        var value = parser.ReadValue(0);
        parser.SkipTrivia();
        if (parser._position < text.Length)
        {
            throw parser.Error("unexpected '" + text[parser._position] + "' after the end of the document");
        }

        return value;
    }

    private SchemaJsonValue ReadValue(int depth)
    {
        SkipTrivia();
        if (_position >= _text.Length)
        {
            throw Error("the document ends where a value was expected");
        }

        int line = _line, column = Column;
        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth + 1, line, column);
            case '[':
                return ReadArray(depth + 1, line, column);
            case '"':
                return SchemaJsonValue.Scalar(SchemaJsonKind.String, line, column, ReadString());
            case 't':
                ReadWord("true");
                return SchemaJsonValue.Scalar(SchemaJsonKind.True, line, column);
            case 'f':
                ReadWord("false");
                return SchemaJsonValue.Scalar(SchemaJsonKind.False, line, column);
            case 'n':
                ReadWord("null");
                return SchemaJsonValue.Scalar(SchemaJsonKind.Null, line, column);
            default:
                if (_text[_position] == '-' || IsDigit(_text[_position]))
                {
                    return SchemaJsonValue.Scalar(SchemaJsonKind.Number, line, column, ReadNumber());
                }

                throw Error("unexpected '" + _text[_position] + "' where a value was expected");
        }
    }

    private SchemaJsonValue ReadObject(int depth, int line, int column)
    {
        CheckDepth(depth);
        _position++;
        var properties = new List<SchemaJsonProperty>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}' && (properties.Count == 0 || _lenient))
            {
                _position++;
                return SchemaJsonValue.Object(line, column, properties);
            }

            if (Peek() != '"')
            {
                throw Error(properties.Count == 0 ? "expected a property name or '}'" : "expected a property name");
            }

            int nameLine = _line, nameColumn = Column;
            var name = ReadString();
            foreach (var p in properties)
            {
                if (p.Name == name)
                {
                    throw Error("the property \"" + name + "\" appears twice in one object", nameLine, nameColumn);
                }
            }

            SkipTrivia();
            Expect(':');
            properties.Add(new SchemaJsonProperty(name, nameLine, nameColumn, ReadValue(depth)));
            SkipTrivia();
            if (Peek() == '}')
            {
                _position++;
                return SchemaJsonValue.Object(line, column, properties);
            }

            Expect(',');
        }
    }

    private SchemaJsonValue ReadArray(int depth, int line, int column)
    {
        CheckDepth(depth);
        _position++;
        var items = new List<SchemaJsonValue>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']' && (items.Count == 0 || _lenient))
            {
                _position++;
                return SchemaJsonValue.Array(line, column, items);
            }

            items.Add(ReadValue(depth));
            SkipTrivia();
            if (Peek() == ']')
            {
                _position++;
                return SchemaJsonValue.Array(line, column, items);
            }

            Expect(',');
        }
    }

    private string ReadString()
    {
        _position++; // the opening quote
        _buffer.Clear();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("a string is not closed");
            }

            char c = _text[_position];
            if (c == '"')
            {
                _position++;
                return _buffer.ToString();
            }

            if (c < ' ')
            {
                throw Error("a string holds a control character (write it as \\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) + ")");
            }

            if (c != '\\')
            {
                _buffer.Append(c);
                _position++;
                continue;
            }

            if (_position + 1 >= _text.Length)
            {
                throw Error("a string is not closed");
            }

            char escape = _text[_position + 1];
            switch (escape)
            {
                case '"': case '\\': case '/': _buffer.Append(escape); break;
                case 'b': _buffer.Append('\b'); break;
                case 'f': _buffer.Append('\f'); break;
                case 'n': _buffer.Append('\n'); break;
                case 'r': _buffer.Append('\r'); break;
                case 't': _buffer.Append('\t'); break;
                case 'u':
                    if (_position + 6 > _text.Length
                        || !int.TryParse(_text.Substring(_position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("a \\u escape needs four hexadecimal digits");
                    }

                    _buffer.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error("'\\" + escape + "' is not a JSON escape");
            }

            _position += 2;
        }
    }

    private string ReadNumber()
    {
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (!ReadDigits())
        {
            throw Error("a number needs digits");
        }

        if (Peek() == '.')
        {
            _position++;
            if (!ReadDigits())
            {
                throw Error("a number needs digits after '.'");
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _position++;
            if (Peek() == '+' || Peek() == '-')
            {
                _position++;
            }

            if (!ReadDigits())
            {
                throw Error("a number needs digits in its exponent");
            }
        }

        return _text.Substring(start, _position - start);
    }

    private bool ReadDigits()
    {
        int start = _position;
        while (_position < _text.Length && IsDigit(_text[_position]))
        {
            _position++;
        }

        return _position > start;
    }

    private void ReadWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error("unexpected '" + _text[_position] + "' where a value was expected");
        }

        _position += word.Length;
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && (_text[_position + 1] == '/' || _text[_position + 1] == '*'))
            {
                if (!_lenient)
                {
                    throw Error("comments are not allowed in this file");
                }

                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        bool block = _text[_position + 1] == '*';
        int line = _line, column = Column;
        _position += 2;
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (!block && c == '\n')
            {
                return;
            }

            if (block && c == '*' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                _position += 2;
                return;
            }

            _position++;
            if (c == '\n')
            {
                _line++;
                _lineStart = _position;
            }
        }

        if (block)
        {
            throw Error("a /* comment is not closed", line, column);
        }
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error(_position >= _text.Length ? "the document ends where '" + c + "' was expected" : "expected '" + c + "', found '" + _text[_position] + "'");
        }

        _position++;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("values are nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private HuntingSchemaFormatException Error(string problem) => Error(problem, _line, Column);

    private HuntingSchemaFormatException Error(string problem, int line, int column) =>
        new HuntingSchemaFormatException(
            _origin + "(" + line.ToString(CultureInfo.InvariantCulture) + "," + column.ToString(CultureInfo.InvariantCulture) + ") is not valid JSON: " + problem + ".",
            _origin, null, null, null, line, column, null);
}
