using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Defender365Typed.KqlFrontEnd;

/// <content>
/// The writer: the same layout the reader takes, so a written file reads back strictly. Written by hand, like the
/// reader, so the front end needs no System.Text.Json (see <see cref="SchemaJsonParser"/>).
/// </content>
public static partial class HuntingSchemaJson
{
    private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false, true);

    /// <summary>
    /// Writes <paramref name="document"/> as UTF-8 JSON: properties in a fixed order, absent (null) values left out,
    /// <c>"functions"</c> only when there are any, items in the document's order (normalise the order before writing
    /// where a stable diff matters), two-space indentation, LF line ends and a final newline. Text is escaped only where
    /// JSON requires it (quotes, backslashes, control characters, unpaired surrogates), so descriptions stay readable.
    /// </summary>
    public static void Write(HuntingSchemaDocument document, Stream utf8Json)
    {
        if (document == null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (utf8Json == null)
        {
            throw new ArgumentNullException(nameof(utf8Json));
        }

        var bytes = Utf8NoBom.GetBytes(ToJson(document));
        utf8Json.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The text <see cref="Write(HuntingSchemaDocument, Stream)"/> writes.</summary>
    public static string ToJson(HuntingSchemaDocument document)
    {
        if (document == null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var w = new IndentedJson();
        w.StartObject(null);
        w.Optional("source", document.Source);
        w.Optional("note", document.Note);
        w.StartArray("tables");
        foreach (var table in document.Tables)
        {
            w.StartObject(null);
            w.String("name", table.Name);
            w.Optional("description", table.Description);
            WriteColumns(w, "columns", table.Columns);
            w.Optional("notes", table.Notes);
            w.Optional("source", table.Source);
            w.End('}');
        }

        w.End(']');
        if (document.Functions.Count > 0)
        {
            w.StartArray("functions");
            foreach (var function in document.Functions)
            {
                w.StartObject(null);
                w.String("name", function.Name);
                w.String("kind", function.Kind == HuntingSchemaFunctionKind.Saved ? "saved" : "builtIn");
                w.Optional("description", function.Description);
                w.StartArray("parameters");
                foreach (var parameter in function.Parameters)
                {
                    w.StartObject(null);
                    w.String("name", parameter.Name);
                    w.String("type", parameter.Type);
                    w.Optional("defaultValue", parameter.DefaultValue);
                    w.End('}');
                }

                w.End(']');
                WriteColumns(w, "outputColumns", function.OutputColumns);
                w.End('}');
            }

            w.End(']');
        }

        w.End('}');
        return w.ToString() + "\n";
    }

    private static void WriteColumns(IndentedJson w, string property, IReadOnlyList<HuntingSchemaColumn> columns)
    {
        w.StartArray(property);
        foreach (var column in columns)
        {
            w.StartObject(null);
            w.String("name", column.Name);
            w.String("type", column.Type);
            w.Optional("description", column.Description);
            w.Optional("docType", column.DocType);
            w.End('}');
        }

        w.End(']');
    }

    /// <summary>Indented JSON text as System.Text.Json writes it (two spaces, <c>"name": value</c>, <c>[]</c> when empty).</summary>
    private sealed class IndentedJson
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly Stack<bool> _hasItems = new Stack<bool>();

        public void StartObject(string? property) => Start(property, '{');

        public void StartArray(string property) => Start(property, '[');

        public void String(string property, string value)
        {
            Item(property);
            Quoted(value);
        }

        public void Optional(string property, string? value)
        {
            if (value != null)
            {
                String(property, value);
            }
        }

        public void End(char close)
        {
            if (_hasItems.Pop())
            {
                NewLine();
            }

            _text.Append(close);
        }

        public override string ToString() => _text.ToString();

        private void Start(string? property, char open)
        {
            Item(property);
            _text.Append(open);
            _hasItems.Push(false);
        }

        private void Item(string? property)
        {
            if (_hasItems.Count > 0)
            {
                if (_hasItems.Pop())
                {
                    _text.Append(',');
                }

                _hasItems.Push(true);
                NewLine();
            }

            if (property != null)
            {
                Quoted(property);
                _text.Append(": ");
            }
        }

        private void NewLine() => _text.Append('\n').Append(' ', _hasItems.Count * 2);

        private void Quoted(string value)
        {
            _text.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': _text.Append("\\\""); break;
                    case '\\': _text.Append("\\\\"); break;
                    case '\n': _text.Append("\\n"); break;
                    case '\r': _text.Append("\\r"); break;
                    case '\t': _text.Append("\\t"); break;
                    case '\b': _text.Append("\\b"); break;
                    case '\f': _text.Append("\\f"); break;
                    default:
                        var pairedHigh = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                        if (c < ' ' || (char.IsSurrogate(c) && !pairedHigh && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]))))
                        {
                            _text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            _text.Append(c);
                        }

                        break;
                }
            }

            _text.Append('"');
        }
    }
}
