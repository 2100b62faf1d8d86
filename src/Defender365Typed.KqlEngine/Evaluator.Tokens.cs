using System;
using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Token access for the operators the front end skips as token runs (render, externaldata, mv-apply, make-graph...)
/// or keeps only in part (the literals of a parse pattern): the engine reads their clauses from the tokens.
/// </summary>
internal sealed partial class Evaluator
{
    private List<Token> _tokens = [];

    /// <summary>The tokens of <paramref name="op"/> after its keyword.</summary>
    private List<Token> TokensAfterKeyword(OperatorNode op)
    {
        var list = new List<Token>();
        int from = op.KeywordStart + op.KeywordLength;
        foreach (Token t in _tokens)
        {
            if (t.Start >= from && t.End <= op.End && t.Kind != TokenKind.EndOfFile)
            {
                list.Add(t);
            }
        }

        return list;
    }

    /// <summary>Parses <c>[from, to)</c> of the query text as a query; nodes keep their offsets in the whole text.</summary>
    private Expr ParseFragment(int from, int to, KqlSyntaxNode at)
    {
        string padded = new string(' ', from) + _text[from..to];
        KqlSyntaxTree tree = Parser.Parse(padded);
        if (tree.Diagnostics.Count > 0 || tree.Statements.Count != 1 || tree.Statements[0] is not QueryStatement q)
        {
            string message = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0].Message : "expected one expression";
            throw Error(at, $"Cannot read '{_text[from..to].Trim()}': {message}");
        }

        return q.Query;
    }

    /// <summary>
    /// Parses <c>[from, to)</c> of the query text after <paramref name="prefix"/> (a placeholder source and an operator
    /// keyword, for clauses the front end skips: <c>_|mv-expand</c>, <c>_|</c> before a subquery). The prefix sits in
    /// the padding, so nodes keep their offsets in the whole text (when the padding is too short they are shifted).
    /// </summary>
    private Expr ParseAfterPrefix(string prefix, int from, int to, KqlSyntaxNode at)
    {
        string padded = prefix + new string(' ', Math.Max(1, from - prefix.Length)) + _text[from..to];
        KqlSyntaxTree tree = Parser.Parse(padded);
        if (tree.Diagnostics.Count > 0 || tree.Statements.Count != 1 || tree.Statements[0] is not QueryStatement q)
        {
            string message = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0].Message : "expected one expression";
            throw Error(at, $"Cannot read '{_text[from..to].Trim()}': {message}");
        }

        return q.Query;
    }

    /// <summary>The index of the first token at bracket depth 0 from <paramref name="start"/> that is <paramref name="word"/>, or -1.</summary>
    private static int TopLevelIndexOf(List<Token> tokens, string word, int start = 0)
    {
        int depth = 0;
        for (int i = start; i < tokens.Count; i++)
        {
            Token t = tokens[i];
            if (t.Kind == TokenKind.Punctuation && t.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (t.Kind == TokenKind.Punctuation && t.Text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (depth == 0 && t.Is(word))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/> in <paramref name="tokens"/>, or -1.</summary>
    private static int Closing(List<Token> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Punctuation)
            {
                continue;
            }

            if (tokens[i].Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (tokens[i].Text is ")" or "]" or "}" && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
