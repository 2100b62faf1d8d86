using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>search [kind=case_sensitive|case_insensitive] [in (T, ...)] Predicate</c>, piped or as a source. The predicate
/// is read from the tokens: terms joined by <c>and</c>/<c>or</c> (and binds tighter), each a string (any column
/// <c>has</c> it; <c>*</c> wildcards as <see cref="SearchMatcher"/> says), <c>Column:"text"</c> (that column has it),
/// <c>*</c> (every row), or any other predicate.
/// As a source (all tables and views, or the ones named) a first <c>$table</c> column names each row's table.
/// </summary>
internal sealed partial class Evaluator
{
    private KqlResultTable Search(KqlResultTable? piped, OperatorNode op)
    {
        List<Token> tokens = TokensAfterKeyword(op);
        int i = 0;
        bool caseSensitive = false;
        if (i + 2 < tokens.Count && tokens[i].Is("kind") && tokens[i + 1].Is("="))
        {
            caseSensitive = tokens[i + 2].Text == "case_sensitive";
            i += 3;
        }

        var tableNames = new List<string>();
        if (i < tokens.Count && tokens[i].Is("in") && i + 1 < tokens.Count && tokens[i + 1].Is("("))
        {
            int close = Closing(tokens, i + 1);
            tableNames.AddRange(tokens.Skip(i + 2).Take(close - i - 2).Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text));
            i = close + 1;
        }

        List<Token> predicate = tokens.Skip(i).ToList();
        if (piped is not null)
        {
            return Filter(piped, predicate, caseSensitive, op);
        }

        List<string> names = tableNames.Count > 0 ? tableNames : [.. _tables.TableNames.Order(StringComparer.Ordinal), .. _views];
        var parts = new List<KqlResultTable>();
        KqlEngineException? firstError = null;
        foreach (string name in names)
        {
            KqlResultTable table = EvalTabular(new NameExpr(name, op.Start, op.End));
            KqlResultTable found;
            try
            {
                found = Filter(table, predicate, caseSensitive, op);
            }
            catch (KqlEngineException ex) when (names.Count > 1)
            {
                // A table without a column the predicate names has no rows for it; only a predicate no table can
                // evaluate is an error (search is a union, then where).
                firstError ??= ex;
                continue;
            }

            parts.Add(new KqlResultTable(name, [new KqlResultColumn("$table", KqlScalarType.String), .. found.Columns], found.Rows.Select(r => (object?[])[name, .. r]).ToList()));
        }

        if (parts.Count == 0 && firstError is not null)
        {
            throw firstError;
        }

        var columns = new List<KqlResultColumn>();
        foreach (KqlResultColumn c in parts.SelectMany(p => p.Columns))
        {
            if (columns.All(x => x.Name != c.Name))
            {
                columns.Add(c);
            }
        }

        var rows = parts.SelectMany(p =>
        {
            int[] map = columns.Select(c => p.IndexOf(c.Name)).ToArray();
            return p.Rows.Select(r => map.Select((m, k) => m >= 0 ? Values.Coerce(r[m], columns[k].Type) : Values.Coerce(null, columns[k].Type)).ToArray());
        }).ToList();
        return Table(columns, rows);
    }

    private KqlResultTable Filter(KqlResultTable table, List<Token> predicate, bool caseSensitive, OperatorNode op)
    {
        var ctx = new Ctx(new Scope(table.Columns));
        Scalar test = SearchOr(predicate, ctx, caseSensitive, op);
        return new KqlResultTable(table.Name, table.Columns, table.Rows.Where(r => test.Eval(r) is true).ToList());
    }

    private Scalar SearchOr(List<Token> tokens, Ctx ctx, bool caseSensitive, OperatorNode op)
    {
        List<List<Token>> alternatives = SplitTopLevel(tokens, "or");
        Scalar[] parts = alternatives.Select(alt =>
        {
            Scalar[] all = SplitTopLevel(alt, "and").Select(t => SearchTerm(t, ctx, caseSensitive, op)).ToArray();
            return new Scalar(KqlScalarType.Bool, row => Values.Box(all.All(s => s.Eval(row) is true)));
        }).ToArray();
        return new Scalar(KqlScalarType.Bool, row => Values.Box(parts.Any(s => s.Eval(row) is true)));
    }

    private Scalar SearchTerm(List<Token> term, Ctx ctx, bool caseSensitive, OperatorNode op)
    {
        if (term.Count == 0)
        {
            throw Error(op, "search: an empty term in the predicate.");
        }

        if (term.Count >= 2 && term[0].Is("(") && Closing(term, 0) == term.Count - 1)
        {
            return SearchOr(term.Skip(1).Take(term.Count - 2).ToList(), ctx, caseSensitive, op);
        }

        if (term.Count == 1 && term[0].Is("*"))
        {
            // search *: every row (where 0 == 0).
            return Scalar.Const(KqlScalarType.Bool, Values.True);
        }

        if ((term.Count == 1 && term[0].Kind == TokenKind.StringLiteral) || term is [{ Text: "*" }, { Text: "has" }, { Kind: TokenKind.StringLiteral }])
        {
            // "text" and * has "text" (find's spelling): any string or dynamic column matches the term.
            Func<string, bool> matches = SearchMatcher(term[^1].Value ?? "", caseSensitive);
            int[] columns = ctx.Scope.Columns.Select((c, k) => (c, k)).Where(x => x.c.Type is KqlScalarType.String or KqlScalarType.Dynamic).Select(x => x.k).ToArray();
            return new Scalar(KqlScalarType.Bool, row => Values.Box(columns.Any(k => matches(Values.ToText(row[k])))));
        }

        if (term.Count == 3 && term[0].Kind == TokenKind.Identifier && term[1].Is(":") && term[2].Kind == TokenKind.StringLiteral)
        {
            Func<string, bool> matches = SearchMatcher(term[2].Value ?? "", caseSensitive);
            if (!ctx.Scope.TryGet(term[0].Text, out int column))
            {
                return Scalar.Const(KqlScalarType.Bool, Values.False);
            }

            return new Scalar(KqlScalarType.Bool, row => Values.Box(matches(Values.ToText(row[column]))));
        }

        Expr e = ParseFragment(term[0].Start, term[^1].End, op);
        return Compile(e, ctx);
    }

    /// <summary>
    /// A search string, by the reference's table: <c>x</c> is <c>has</c>, <c>x*</c> <c>hasprefix</c>, <c>*x</c>
    /// <c>hassuffix</c>, <c>*x*</c> <c>contains</c>, and a <c>*</c> inside (<c>Lab*PC</c>) <c>matches regex
    /// @"\bLab.*PC\b"</c>; case-insensitive unless <c>kind=case_sensitive</c>.
    /// </summary>
    private Func<string, bool> SearchMatcher(string needle, bool caseSensitive)
    {
        bool leading = needle.StartsWith('*'), trailing = needle.Length > 1 && needle.EndsWith('*');
        string core = needle[(leading ? 1 : 0)..^(trailing ? 1 : 0)];
        string suffix = caseSensitive ? "_cs" : "";
        if (!core.Contains('*', StringComparison.Ordinal))
        {
            string op = (leading, trailing) switch
            {
                (false, false) => "has",
                (false, true) => "hasprefix",
                (true, false) => "hassuffix",
                _ => "contains",
            };
            StringOps.TryGet(op + suffix, out StringOps.Matcher? matcher);
            return text => matcher!(text, core);
        }

        string pattern = (leading ? "" : @"\b") + string.Join(".*", core.Split('*').Select(Regex.Escape)) + (trailing ? "" : @"\b");
        var regex = new Regex(pattern, (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase) | RegexOptions.CultureInvariant, _options.RegexTimeout);
        return regex.IsMatch;
    }

    private static List<List<Token>> SplitTopLevel(List<Token> tokens, string word)
    {
        var parts = new List<List<Token>> { new() };
        int depth = 0;
        foreach (Token t in tokens)
        {
            if (t.Kind == TokenKind.Punctuation && t.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (t.Kind == TokenKind.Punctuation && t.Text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (depth == 0 && t.Kind is TokenKind.Identifier or TokenKind.Punctuation && t.Text == word)
            {
                parts.Add([]);
                continue;
            }

            parts[^1].Add(t);
        }

        return parts;
    }
}
