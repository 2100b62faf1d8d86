using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>String functions beyond the basics: regex replace and trim, encodings, hashes, URLs, JSON paths.</summary>
internal sealed partial class Evaluator
{
    private Scalar? CompileTextFunction(FunctionCall c)
    {
        switch (c.Name)
        {
            case "replace_regex":
                c.Count(3, 3);
                return RegexReplace(c, text: 0, regex: 1, rewrite: 2);
            case "replace":
                // The deprecated replace(regex, rewrite, text) takes its arguments in another order.
                c.Count(3, 3);
                return RegexReplace(c, text: 2, regex: 0, rewrite: 1);
            case "trim":
            case "trim_start":
            case "trim_end":
            {
                c.Count(2, 2);
                string name = c.Name;
                return c.Of(KqlScalarType.String, v =>
                {
                    string pattern = "(?:" + Values.ToText(v[0]) + ")+";
                    string text = Values.ToText(v[1]);
                    if (name != "trim_end")
                    {
                        text = ReplaceOnce(GetRegex("^" + pattern, c.Expr), text, c.Expr);
                    }

                    return name == "trim_start" ? text : ReplaceOnce(GetRegex(pattern + "$", c.Expr), text, c.Expr);
                });
            }

            case "countof":
            {
                c.Count(2, 3);
                return c.Of(KqlScalarType.Long, v =>
                {
                    string text = Values.ToText(v[0]), search = Values.ToText(v[1]);
                    if (v.Length > 2 && Values.ToText(v[2]) == "regex")
                    {
                        return (long)GetRegex(search, c.Expr).Count(text);
                    }

                    // "normal" counts overlapping occurrences: countof("aaaa", "aa") is 3.
                    long n = 0;
                    for (int i = search.Length == 0 ? -1 : text.IndexOf(search, StringComparison.Ordinal); i >= 0; i = text.IndexOf(search, i + 1, StringComparison.Ordinal))
                    {
                        n++;
                    }

                    return n;
                });
            }

            case "string_size":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Long, v => (long)Encoding.UTF8.GetByteCount(Values.ToText(v[0])));
            case "reverse":
                c.Count(1, 1);
                return c.Of(KqlScalarType.String, v =>
                {
                    char[] chars = Values.ToText(v[0]).ToCharArray();
                    Array.Reverse(chars);
                    return new string(chars);
                });
            case "strrep":
                c.Count(2, 3);
                return c.Of(KqlScalarType.String, v =>
                    string.Join(v.Length > 2 ? Values.ToText(v[2]) : "", Enumerable.Repeat(Values.ToText(v[0]), (int)Math.Clamp(Values.ToLong(v[1]) ?? 0, 0, 1024))));
            case "strcmp":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Int, v => Math.Sign(string.CompareOrdinal(Values.ToText(v[0]), Values.ToText(v[1]))));
            case "strcat_array":
                c.Count(2, 2);
                return c.Of(KqlScalarType.String, v => v[0] is DynamicArray a ? string.Join(Values.ToText(v[1]), a.Select(Values.ToText)) : "");
            case "indexof_regex":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Long, v => GetRegex(Values.ToText(v[1]), c.Expr).Match(Values.ToText(v[0])) is { Success: true } m ? m.Index : -1L);
            case "extract_all":
                return ExtractAll(c);
            case "extractjson":
            case "extract_json":
            {
                c.Count(2, 3);
                KqlScalarType type = KqlScalarType.String;
                if (c.Args.Length == 3 && (c.Expr.Args[2] is not TypeOfExpr t || !KqlColumnTypes.TryParse(t.TypeName, out type)))
                {
                    throw c.Error($"The 3rd argument of '{c.Expr.Name.Name}' must be typeof(type).");
                }

                KqlScalarType result = type;
                return c.Of(result, v =>
                {
                    object? found = JsonPath(Values.ToText(v[0]), v[1] is string s ? (DynamicJson.TryParse(s, out object? d) ? d : null) : v[1]);
                    return result == KqlScalarType.String && found is DynamicArray or DynamicBag ? DynamicJson.ToJson(found) : found;
                });
            }

            case "base64_encode_tostring":
            case "base64_encodestring":
                c.Count(1, 1);
                return c.Of(KqlScalarType.String, v => Convert.ToBase64String(Encoding.UTF8.GetBytes(Values.ToText(v[0]))));
            case "base64_decode_tostring":
            case "base64_decodestring":
                c.Count(1, 1);
                return c.Of(KqlScalarType.String, v => Base64(Values.ToText(v[0])) is { } bytes ? StrictUtf8(bytes) : null);
            case "base64_decode_toarray":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => Base64(Values.ToText(v[0])) is { } bytes ? new DynamicArray(bytes.Select(b => (object?)(long)b)) : null);
            case "parse_csv":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => new DynamicArray(CsvRecord(Values.ToText(v[0]))));
            case "url_encode":
            case "url_encode_component":
                c.Count(1, 1);
                return c.Of(KqlScalarType.String, v => Uri.EscapeDataString(Values.ToText(v[0])));
            case "url_decode":
                c.Count(1, 1);
                return c.Of(KqlScalarType.String, v => Uri.UnescapeDataString(Values.ToText(v[0]).Replace('+', ' ')));
            case "hash":
                c.Count(1, 2);
                return c.Of(KqlScalarType.Long, v =>
                {
                    long h = unchecked((long)XxHash64.Hash(Encoding.UTF8.GetBytes(Values.ToText(v[0]))));
                    return v.Length > 1 && Values.ToLong(v[1]) is { } mod and > 0 ? (long)((ulong)h % (ulong)mod) : h;
                });
            case "hash_sha256":
            case "hash_sha1":
            case "hash_md5":
            {
                c.Count(1, 1);
                string name = c.Name;
                return c.Of(KqlScalarType.String, v =>
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(Values.ToText(v[0]));
                    byte[] digest = name switch
                    {
                        "hash_sha256" => SHA256.HashData(bytes),
#pragma warning disable CA5350, CA5351 // KQL's hash_sha1 and hash_md5 are content fingerprints, not security.
                        "hash_sha1" => SHA1.HashData(bytes),
                        _ => MD5.HashData(bytes),
#pragma warning restore CA5350, CA5351
                    };
                    return Convert.ToHexStringLower(digest);
                });
            }

            case "parse_url":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => ParseUrl(Values.ToText(v[0])));
            case "parse_urlquery":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => new DynamicBag([new("Query Parameters", QueryParameters(Values.ToText(v[0]).TrimStart('?')))]));
            case "parse_command_line":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Dynamic, v => new DynamicArray(CommandLineArguments(Values.ToText(v[0]))));
            case "unicode_codepoints_from_string":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => new DynamicArray(Values.ToText(v[0]).EnumerateRunes().Select(r => (object?)(long)r.Value)));
            case "unicode_codepoints_to_string":
            case "make_string":
                return c.Of(KqlScalarType.String, v => string.Concat(Flatten(v).Select(x => Values.ToLong(x) is { } cp and >= 0 and <= 0x10FFFF ? char.ConvertFromUtf32((int)cp) : "")));
            case "tohex":
                c.Count(1, 2);
                return c.Of(KqlScalarType.String, v => Values.ToLong(v[0]) is { } n ? n.ToString("x", CultureInfo.InvariantCulture).PadLeft((int)(v.Length > 1 ? Values.ToLong(v[1]) ?? 0 : 0), '0') : null);
            default:
                return null;
        }
    }

    private Scalar RegexReplace(FunctionCall c, int text, int regex, int rewrite) => c.Of(KqlScalarType.String, v =>
    {
        Regex r = GetRegex(Values.ToText(v[regex]), c.Expr);
        string replacement = Values.ToText(v[rewrite]);
        try
        {
            // KQL rewrite patterns name groups \1..\9; everything else is literal.
            return r.Replace(Values.ToText(v[text]), m => Regex.Replace(replacement, @"\\(\d)", g =>
            {
                int group = g.Groups[1].Value[0] - '0';
                return group < m.Groups.Count ? m.Groups[group].Value : "";
            }));
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw RegexTimeout(c.Expr, ex);
        }
    });

    private string ReplaceOnce(Regex regex, string input, KqlSyntaxNode at)
    {
        Match m = RegexMatch(regex, input, at);
        return m.Success ? input.Remove(m.Index, m.Length) : input;
    }

    private Scalar ExtractAll(FunctionCall c)
    {
        c.Count(2, 3);
        int textIndex = c.Args.Length - 1;
        return c.Of(KqlScalarType.Dynamic, v =>
        {
            Regex r = GetRegex(Values.ToText(v[0]), c.Expr);
            int[]? groups = c.Args.Length == 3 && v[1] is DynamicArray g ? g.Select(x => (int)(Values.ToLong(x) ?? 0)).ToArray() : null;
            var matches = new List<object?>();
            foreach (Match m in r.Matches(Values.ToText(v[textIndex])))
            {
                if (groups is null && m.Groups.Count <= 2)
                {
                    matches.Add(m.Groups[m.Groups.Count - 1].Value);
                    continue;
                }

                int[] picked = groups ?? Enumerable.Range(1, m.Groups.Count - 1).ToArray();
                matches.Add(new DynamicArray(picked.Select(i => (object?)(i < m.Groups.Count ? m.Groups[i].Value : ""))));
            }

            return matches.Count == 0 ? null : new DynamicArray(matches);
        });
    }

    /// <summary>The subset of JSONPath that KQL's extractjson supports: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[index]</c>.</summary>
    internal static object? JsonPath(string path, object? value)
    {
        Match m = Regex.Match(path.Trim(), @"^\$((?:\.[^.\[\]]+|\[\s*(?:'[^']*'|""[^""]*""|-?\d+)\s*\])*)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!m.Success)
        {
            return null;
        }

        foreach (Match step in Regex.Matches(m.Groups[1].Value, @"\.([^.\[\]]+)|\[\s*(?:'([^']*)'|""([^""]*)""|(-?\d+))\s*\]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            object? index = step.Groups[4].Success
                ? long.Parse(step.Groups[4].Value, CultureInfo.InvariantCulture)
                : step.Groups[1].Success ? step.Groups[1].Value : step.Groups[2].Success ? step.Groups[2].Value : step.Groups[3].Value;
            value = Member(value, index);
            if (value is null)
            {
                return null;
            }
        }

        return value;
    }

    private static byte[]? Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? StrictUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>parse_url: the parts the KQL reference lists, strings (empty when absent), query parameters as a bag.</summary>
    private static DynamicBag ParseUrl(string url)
    {
        Match m = Regex.Match(url, @"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?(?<host>\[[^\]]*\]|[^:/?#]*)(?::(?<port>\d*))?(?<path>[^?#]*)(?:\?(?<query>[^#]*))?(?:#(?<fragment>.*))?$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        if (!m.Success)
        {
            return new DynamicBag([]);
        }

        return new DynamicBag(
        [
            new("Scheme", m.Groups["scheme"].Value),
            new("Host", m.Groups["host"].Value),
            new("Port", m.Groups["port"].Value),
            new("Path", m.Groups["path"].Value),
            new("Username", m.Groups["user"].Value),
            new("Password", m.Groups["password"].Value),
            new("Query Parameters", QueryParameters(m.Groups["query"].Value)),
            new("Fragment", m.Groups["fragment"].Value),
        ]);
    }

    private static DynamicBag QueryParameters(string query)
    {
        var parameters = new List<KeyValuePair<string, object?>>();
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (parameters.All(p => p.Key != key))
            {
                parameters.Add(new(key, eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..])));
            }
        }

        return new DynamicBag(parameters);
    }

    /// <summary>Windows command-line splitting (CommandLineToArgvW rules: quotes group, backslashes escape quotes).</summary>
    private static List<object?> CommandLineArguments(string commandLine)
    {
        var args = new List<object?>();
        var current = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < commandLine.Length; i++)
        {
            char ch = commandLine[i];
            if (ch == '\\')
            {
                int slashes = 0;
                while (i < commandLine.Length && commandLine[i] == '\\')
                {
                    slashes++;
                    i++;
                }

                if (i < commandLine.Length && commandLine[i] == '"')
                {
                    current.Append('\\', slashes / 2);
                    if (slashes % 2 == 1)
                    {
                        current.Append('"');
                        any = true;
                        continue;
                    }
                }
                else
                {
                    current.Append('\\', slashes);
                }

                i--;
                any = true;
                continue;
            }

            if (ch == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(ch) && !quoted)
            {
                if (any)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(ch);
                any = true;
            }
        }

        if (any)
        {
            args.Add(current.ToString());
        }

        return args;
    }

    /// <summary>
    /// The fields of the first CSV record of <paramref name="text"/> (parse-csv-function.md): comma-separated, a field in
    /// double quotes may hold commas, line breaks and doubled quotes; an unquoted line break ends the record.
    /// </summary>
    private static List<object?> CsvRecord(string text)
    {
        var fields = new List<object?>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i]);
                    }
                }
            }

            while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
            {
                field.Append(text[i++]);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length || text[i] != ',')
            {
                return fields;
            }

            i++;
        }
    }
}
