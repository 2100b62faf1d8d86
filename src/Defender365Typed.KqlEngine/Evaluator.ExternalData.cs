using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Defender365Typed.KqlFrontEnd;
using nietras.SeparatedValues;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>externaldata (Col: type, ...) [ "url", ... ] [with (format = csv|tsv|txt|json|multijson, ignoreFirstRecord = bool)]</c>.
/// The engine never touches the network: each URL maps to a local file through <see cref="EngineOptions.ExternalDataFiles"/>
/// or <see cref="EngineOptions.ExternalDataFolder"/>; an unmapped URL is an error naming it.
/// </summary>
internal sealed partial class Evaluator
{
    private KqlResultTable ExternalData(OperatorNode op)
    {
        List<Token> t = TokensAfterKeyword(op);
        int i = 0;
        bool Is(string s) => i < t.Count && t[i].Is(s);
        KqlEngineException Bad(string what) => Error(op, $"externaldata: {what}.");

        if (!Is("("))
        {
            throw Bad("expected '(' and the column declarations");
        }

        var columns = new List<KqlResultColumn>();
        i++;
        while (i < t.Count && !Is(")"))
        {
            if (t[i].Kind != TokenKind.Identifier || i + 2 >= t.Count || !t[i + 1].Is(":") || !KqlColumnTypes.TryParse(t[i + 2].Text, out KqlScalarType type))
            {
                throw Bad("expected 'Name: type' in the column declarations");
            }

            columns.Add(new KqlResultColumn(t[i].Text, type));
            i += 3;
            if (Is(","))
            {
                i++;
            }
        }

        i++;
        if (!Is("["))
        {
            throw Bad("expected '[' and the storage URLs");
        }

        var urls = new List<string>();
        for (i++; i < t.Count && !Is("]"); i++)
        {
            if (t[i].Kind == TokenKind.StringLiteral)
            {
                urls.Add(t[i].Value ?? "");
            }
        }

        i++;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Is("with") && i + 1 < t.Count && t[i + 1].Is("("))
        {
            for (i += 2; i + 2 < t.Count && !Is(")"); i++)
            {
                if (t[i].Kind == TokenKind.Identifier && t[i + 1].Is("="))
                {
                    properties[t[i].Text] = t[i + 2].Kind == TokenKind.StringLiteral ? t[i + 2].Value ?? "" : t[i + 2].Text;
                    i += 2;
                }
            }
        }

        string format = properties.GetValueOrDefault("format", "csv").ToLowerInvariant();
        bool skipFirst = properties.TryGetValue("ignoreFirstRecord", out string? ignore) && ignore.Equals("true", StringComparison.OrdinalIgnoreCase);
        var rows = new List<object?[]>();
        foreach (string url in urls)
        {
            string path = LocalFileFor(url, op);
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                throw new KqlEngineException($"externaldata: cannot read '{path}' (mapped from '{url}'): {ex.Message}", _text, op.KeywordStart, op.KeywordLength, ex);
            }

            rows.AddRange(ReadExternalRows(text, format, skipFirst, columns, op));
            Budget.CountRows(rows.Count, op);
        }

        return Table(columns, rows);
    }

    private string LocalFileFor(string url, OperatorNode op)
    {
        if (_options.ExternalDataFiles?.TryGetValue(url, out string? mapped) == true)
        {
            return mapped;
        }

        if (_options.ExternalDataFolder is { } folder && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            string name = Path.GetFileName(uri.AbsolutePath);
            string candidate = Path.Combine(folder, name);
            if (name.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new KqlEngineException(
            $"externaldata: the URL '{url}' is not mapped to a local file (the engine never downloads; map it with EngineOptions.ExternalDataFiles or put the file in EngineOptions.ExternalDataFolder)",
            _text, op.KeywordStart, op.KeywordLength);
    }

    private List<object?[]> ReadExternalRows(string text, string format, bool skipFirst, List<KqlResultColumn> columns, OperatorNode op)
    {
        var rows = new List<object?[]>();
        object?[] Row(IReadOnlyList<string> cells) =>
            columns.Select((c, k) => k < cells.Count ? CellConverter.FromText(cells[k], c.Type, out _) : Values.Coerce(null, c.Type)).ToArray();

        switch (format)
        {
            case "csv":
            case "tsv":
            case "tsve":
            case "psv":
            {
                char separator = format switch { "csv" => ',', "psv" => '|', _ => '\t' };
                using SepReader reader = new Sep(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(text);
                foreach (SepReader.Row record in reader)
                {
                    if (record.ColCount == 1 && record[0].Span.IsEmpty)
                    {
                        continue;
                    }

                    string[] cells = new string[record.ColCount];
                    for (int k = 0; k < cells.Length; k++)
                    {
                        cells[k] = record[k].ToString();
                    }

                    rows.Add(Row(cells));
                }

                break;
            }

            case "txt":
            case "raw":
                rows.AddRange(text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => Row([l])));
                break;
            case "json":
            case "multijson":
                foreach (string line in text.Split('\n').Where(l => l.Trim().Length > 0))
                {
                    if (DynamicJson.TryParse(line, out object? value) && value is DynamicBag bag)
                    {
                        rows.Add(columns.Select(c => Values.Coerce(bag.TryGetValue(c.Name, out object? v) ? v : null, c.Type)).ToArray());
                    }
                }

                break;
            default:
                throw Error(op, $"unsupported operator 'externaldata with format={format}'");
        }

        return skipFirst && rows.Count > 0 ? rows.Skip(1).ToList() : rows;
    }
}
