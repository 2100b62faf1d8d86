using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>search [kind=case_sensitive|case_insensitive] [in (T, ...)] Predicate</c>, piped or as a source. The predicate
/// is read from the tokens: terms joined by <c>and</c>/<c>or</c> (and binds tighter), each a string (any column
/// <c>has</c> it; a <c>*</c> in it is a wildcard), <c>Column:"text"</c> (that column has it), or any other predicate.
/// As a source (all tables, or the ones named) a first <c>$table</c> column names each row's table.
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

        IEnumerable<string> names = tableNames.Count > 0 ? tableNames : _tables.TableNames.Order(StringComparer.Ordinal);
        var parts = new List<KqlResultTable>();
        foreach (string name in names)
        {
            KqlResultTable table = EvalTabular(new NameExpr(name, op.Start, op.End));
            KqlResultTable found = Filter(table, predicate, caseSensitive, op);
            parts.Add(new KqlResultTable(name, [new KqlResultColumn("$table", KqlScalarType.String), .. found.Columns], found.Rows.Select(r => (object?[])[name, .. r]).ToList()));
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

        if ((term.Count == 1 && term[0].Kind == TokenKind.StringLiteral) || term is [{ Text: "*" }, { Text: "has" }, { Kind: TokenKind.StringLiteral }])
        {
            // "text" and * has "text" (find's spelling): any string or dynamic column has the term.
            string needle = term[^1].Value ?? "";
            int[] columns = ctx.Scope.Columns.Select((c, k) => (c, k)).Where(x => x.c.Type is KqlScalarType.String or KqlScalarType.Dynamic).Select(x => x.k).ToArray();
            return new Scalar(KqlScalarType.Bool, row => Values.Box(columns.Any(k => SearchMatch(Values.ToText(row[k]), needle, caseSensitive))));
        }

        if (term.Count == 3 && term[0].Kind == TokenKind.Identifier && term[1].Is(":") && term[2].Kind == TokenKind.StringLiteral)
        {
            string needle = term[2].Value ?? "";
            if (!ctx.Scope.TryGet(term[0].Text, out int column))
            {
                return Scalar.Const(KqlScalarType.Bool, Values.False);
            }

            return new Scalar(KqlScalarType.Bool, row => Values.Box(SearchMatch(Values.ToText(row[column]), needle, caseSensitive)));
        }

        Expr e = ParseFragment(term[0].Start, term[^1].End, op);
        return Compile(e, ctx);
    }

    /// <summary>A search string: a term (<c>has</c>) unless it has <c>*</c> wildcards, which match any text.</summary>
    private static bool SearchMatch(string text, string needle, bool caseSensitive)
    {
        if (!needle.Contains('*', StringComparison.Ordinal))
        {
            return StringOps.Has(text, needle, caseSensitive);
        }

        string[] pieces = needle.Split('*');
        StringComparison comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        int at = 0;
        for (int k = 0; k < pieces.Length; k++)
        {
            int found = text.IndexOf(pieces[k], at, comparison);
            if (found < 0 || (k == 0 && pieces[0].Length > 0 && found != 0))
            {
                return false;
            }

            at = found + pieces[k].Length;
        }

        return pieces[^1].Length == 0 || text.EndsWith(pieces[^1], comparison);
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
