using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>A dynamic array value (JSON array); equality is structural.</summary>
public sealed class DynamicArray : IReadOnlyList<object?>, IEquatable<DynamicArray>
{
    private readonly List<object?> _items;

    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    public DynamicArray(IEnumerable<object?> items) => _items = new List<object?>(items);

    /// <summary>An empty array.</summary>
    public static DynamicArray Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public object? this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(DynamicArray? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (int i = 0; i < Count; i++)
        {
            if (!ValueComparer.Instance.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DynamicArray);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (object? item in _items)
        {
            hash.Add(ValueComparer.Instance.GetHashCode(item));
        }

        return hash.ToHashCode();
    }

    /// <summary>The JSON text.</summary>
    public override string ToString() => DynamicJson.ToJson(this);
}

/// <summary>A dynamic property bag (JSON object) keeping its keys in insertion order; equality is structural.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after the KQL property bag.")]
public sealed class DynamicBag : IReadOnlyDictionary<string, object?>, IEquatable<DynamicBag>
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Creates a bag of <paramref name="properties"/> (a later duplicate key wins).</summary>
    public DynamicBag(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (KeyValuePair<string, object?> p in properties)
        {
            if (!_values.ContainsKey(p.Key))
            {
                _keys.Add(p.Key);
            }

            _values[p.Key] = p.Value;
        }
    }

    /// <inheritdoc/>
    public int Count => _keys.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _keys;

    /// <inheritdoc/>
    public IEnumerable<object?> Values
    {
        get
        {
            foreach (string k in _keys)
            {
                yield return _values[k];
            }
        }
    }

    /// <inheritdoc/>
    public object? this[string key] => _values[key];

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (string k in _keys)
        {
            yield return new KeyValuePair<string, object?>(k, _values[k]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(DynamicBag? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (string k in _keys)
        {
            if (!other._values.TryGetValue(k, out object? v) || !ValueComparer.Instance.Equals(_values[k], v))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DynamicBag);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = Count;
        foreach (string k in _keys)
        {
            // Order-independent.
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(k), ValueComparer.Instance.GetHashCode(_values[k]));
        }

        return hash;
    }

    /// <summary>The JSON text.</summary>
    public override string ToString() => DynamicJson.ToJson(this);
}

/// <summary>Reads and writes dynamic values as JSON text (lenient reader: also single-quoted strings and KQL literals).</summary>
internal static class DynamicJson
{
    public static string ToJson(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case DynamicArray a:
                sb.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, a[i]);
                }

                sb.Append(']');
                break;
            case DynamicBag b:
                sb.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, object?> p in b)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, p.Key);
                    sb.Append(':');
                    Write(sb, p.Value);
                }

                sb.Append('}');
                break;
            case bool v:
                sb.Append(v ? "true" : "false");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case int or long or decimal:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    WriteString(sb, Values.RealText(d));
                }

                break;
            default:
                WriteString(sb, Values.ToText(value));
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Parses JSON (leniently); returns false when the text is not a JSON value.</summary>
    public static bool TryParse(string text, out object? value)
    {
        var reader = new Reader(text);
        try
        {
            reader.SkipWhite();
            value = reader.ReadValue();
            reader.SkipWhite();
            if (!reader.AtEnd)
            {
                value = null;
                return false;
            }

            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    private sealed class Reader(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        /// <summary>Skips white space and, as in KQL dynamic literals, <c>//</c> comments.</summary>
        public void SkipWhite()
        {
            while (_pos < text.Length)
            {
                if (char.IsWhiteSpace(text[_pos]))
                {
                    _pos++;
                }
                else if (text[_pos] == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
                {
                    int end = text.IndexOf('\n', _pos);
                    _pos = end < 0 ? text.Length : end + 1;
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>A KQL string prefix: <c>@</c> (verbatim) or <c>h</c>/<c>H</c> (obfuscated) right before a quote.</summary>
        private bool AtStringPrefix => _pos + 1 < text.Length && text[_pos] is '@' or 'h' or 'H' && text[_pos + 1] is '"' or '\'';

        private char Peek => _pos < text.Length ? text[_pos] : '\0';

        public object? ReadValue()
        {
            SkipWhite();
            char c = Peek;
            switch (c)
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                case '\'':
                case '@' or 'h' or 'H' when AtStringPrefix:
                    return ReadString();
                case '\0':
                    throw new FormatException("Unexpected end.");
            }

            if (c == '-' || c == '+' || char.IsDigit(c) || c == '.')
            {
                return ReadNumber();
            }

            if (char.IsLetter(c))
            {
                int start = _pos;
                while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_'))
                {
                    _pos++;
                }

                string word = text[start.._pos];
                SkipWhite();
                if (Peek == '(')
                {
                    // A KQL typed literal inside dynamic(...): datetime(...), guid(...), timespan(...).
                    int close = text.IndexOf(')', _pos);
                    if (close < 0)
                    {
                        throw new FormatException("Unclosed literal.");
                    }

                    string inner = text[(_pos + 1)..close].Trim();
                    _pos = close + 1;
                    if (!KqlColumnTypes.TryParse(word, out KqlScalarType t))
                    {
                        throw new FormatException("Unknown literal.");
                    }

                    return Values.ParseLiteral(t, inner) ?? throw new FormatException("Bad literal.");
                }

                return word switch
                {
                    "true" => true,
                    "false" => false,
                    "null" => null,
                    _ => throw new FormatException("Unexpected word."),
                };
            }

            throw new FormatException("Unexpected character.");
        }

        private DynamicBag ReadObject()
        {
            _pos++;
            var props = new List<KeyValuePair<string, object?>>();
            SkipWhite();
            if (Peek == '}')
            {
                _pos++;
                return new DynamicBag(props);
            }

            while (true)
            {
                SkipWhite();
                string key = ReadString();
                SkipWhite();
                Expect(':');
                object? v = ReadValue();
                props.Add(new KeyValuePair<string, object?>(key, v));
                SkipWhite();
                if (Peek == ',')
                {
                    _pos++;
                    continue;
                }

                Expect('}');
                return new DynamicBag(props);
            }
        }

        private DynamicArray ReadArray()
        {
            _pos++;
            var items = new List<object?>();
            SkipWhite();
            if (Peek == ']')
            {
                _pos++;
                return new DynamicArray(items);
            }

            while (true)
            {
                items.Add(ReadValue());
                SkipWhite();
                if (Peek == ',')
                {
                    _pos++;
                    continue;
                }

                Expect(']');
                return new DynamicArray(items);
            }
        }

        private void Expect(char c)
        {
            if (Peek != c)
            {
                throw new FormatException("Expected " + c);
            }

            _pos++;
        }

        private string ReadString()
        {
            bool verbatim = false;
            if (AtStringPrefix)
            {
                verbatim = text[_pos] == '@';
                _pos++;
            }

            char q = Peek;
            if (q != '"' && q != '\'')
            {
                throw new FormatException("Expected a string.");
            }

            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= text.Length)
                {
                    throw new FormatException("Unterminated string.");
                }

                char c = text[_pos++];
                if (c == q)
                {
                    if (verbatim && _pos < text.Length && text[_pos] == q)
                    {
                        // A doubled quote inside a verbatim string is one quote.
                        sb.Append(q);
                        _pos++;
                        continue;
                    }

                    return sb.ToString();
                }

                if (c != '\\' || verbatim)
                {
                    sb.Append(c);
                    continue;
                }

                if (_pos >= text.Length)
                {
                    throw new FormatException("Bad escape.");
                }

                char e = text[_pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        if (_pos + 4 > text.Length || !int.TryParse(text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        {
                            throw new FormatException("Bad \\u escape.");
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
        }

        private object ReadNumber()
        {
            int start = _pos;
            if (Peek is '-' or '+')
            {
                _pos++;
            }

            bool real = false;
            while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] is '.' or 'e' or 'E' || ((text[_pos] is '-' or '+') && text[_pos - 1] is 'e' or 'E')))
            {
                real |= text[_pos] is '.' or 'e' or 'E';
                _pos++;
            }

            string s = text[start.._pos];
            if (!real && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            {
                return l;
            }

            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                return d;
            }

            throw new FormatException("Bad number.");
        }
    }
}
