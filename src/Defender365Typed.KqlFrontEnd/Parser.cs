using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// Recursive-descent, error-recovering KQL parser. It never throws: a missing piece becomes a
/// <see cref="MissingExpr"/> plus a syntax diagnostic, and the parser skips to the next <c>|</c>
/// or <c>;</c> to go on. Operators it recognises but does not model are skipped as balanced token runs.
/// </summary>
// Split by concern: Parser.Statements, .Operators (pipes, operators, parameters), .OperatorClauses (join, union,
// mv-expand, parse, make-series and operator lists) and .Expressions.
public sealed partial class Parser
{
    private static readonly Dictionary<string, OperatorKind> Operators = new Dictionary<string, OperatorKind>(System.StringComparer.Ordinal)
    {
        ["where"] = OperatorKind.Where, ["filter"] = OperatorKind.Where,
        ["project"] = OperatorKind.Project, ["extend"] = OperatorKind.Extend,
        ["project-away"] = OperatorKind.ProjectAway, ["project-keep"] = OperatorKind.ProjectKeep,
        ["project-rename"] = OperatorKind.ProjectRename, ["project-reorder"] = OperatorKind.ProjectReorder,
        ["summarize"] = OperatorKind.Summarize, ["order"] = OperatorKind.Sort, ["sort"] = OperatorKind.Sort,
        ["top"] = OperatorKind.Top, ["take"] = OperatorKind.Take, ["limit"] = OperatorKind.Take,
        ["distinct"] = OperatorKind.Distinct, ["count"] = OperatorKind.Count, ["join"] = OperatorKind.Join,
        ["lookup"] = OperatorKind.Lookup, ["union"] = OperatorKind.Union, ["mv-expand"] = OperatorKind.MvExpand,
        ["mvexpand"] = OperatorKind.MvExpand, ["parse"] = OperatorKind.Parse, ["parse-where"] = OperatorKind.ParseWhere,
        ["make-series"] = OperatorKind.MakeSeries, ["evaluate"] = OperatorKind.Evaluate, ["invoke"] = OperatorKind.Invoke,
        ["as"] = OperatorKind.As, ["serialize"] = OperatorKind.Serialize, ["sample"] = OperatorKind.Sample,
        ["sample-distinct"] = OperatorKind.SampleDistinct, ["search"] = OperatorKind.Search, ["print"] = OperatorKind.Print,
        ["getschema"] = OperatorKind.GetSchema, ["render"] = OperatorKind.Render,
        ["top-nested"] = OperatorKind.Unmodelled, ["top-hitters"] = OperatorKind.Unmodelled, ["partition"] = OperatorKind.Unmodelled,
        ["facet"] = OperatorKind.Unmodelled, ["fork"] = OperatorKind.Unmodelled, ["mv-apply"] = OperatorKind.Unmodelled,
        ["parse-kv"] = OperatorKind.Unmodelled, ["reduce"] = OperatorKind.Unmodelled, ["scan"] = OperatorKind.Unmodelled,
        ["consume"] = OperatorKind.Unmodelled, ["find"] = OperatorKind.Unmodelled, ["make-graph"] = OperatorKind.Unmodelled,
        ["graph-match"] = OperatorKind.Unmodelled, ["graph-merge"] = OperatorKind.Unmodelled, ["graph-to-table"] = OperatorKind.Unmodelled,
        ["graph-shortest-paths"] = OperatorKind.Unmodelled, ["graph-mark-components"] = OperatorKind.Unmodelled,
        ["project-smart"] = OperatorKind.Unmodelled, ["execute-and-cache"] = OperatorKind.Unmodelled, ["assert-schema"] = OperatorKind.Unmodelled,
        ["macro-expand"] = OperatorKind.Unmodelled, ["externaldata"] = OperatorKind.Unmodelled, ["external_data"] = OperatorKind.Unmodelled,
        ["datatable"] = OperatorKind.Datatable, ["range"] = OperatorKind.Range, ["chart"] = OperatorKind.Unmodelled,
    };

    private static readonly HashSet<string> StringOperators = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs", "contains", "contains_cs",
        "startswith", "startswith_cs", "endswith", "endswith_cs", "like", "notlike", "likecs", "notlikecs",
        "containscs", "notcontains", "notcontainscs", "notcontains_cs", "nothas",
        "!has", "!has_cs", "!hasprefix", "!hasprefix_cs", "!hassuffix", "!hassuffix_cs", "!contains", "!contains_cs",
        "!startswith", "!startswith_cs", "!endswith", "!endswith_cs",
    };

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<KqlDiagnostic> _diagnostics;
    private int _pos;

    private Parser(string text, List<Token> tokens, List<KqlDiagnostic> diagnostics)
    {
        _text = text;
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    /// <summary>Lexes and parses a whole query text.</summary>
    public static KqlSyntaxTree Parse(string text)
    {
        var diagnostics = new List<KqlDiagnostic>();
        var tokens = Lexer.Tokenize(text, diagnostics);
        var parser = new Parser(text, tokens, diagnostics);
        var statements = parser.ParseStatements(topLevel: true);
        return new KqlSyntaxTree(text, tokens, statements, diagnostics);
    }

    public static bool IsOperatorKeyword(string word) => Operators.ContainsKey(word);

    private Token Current => _tokens[_pos];

    private Token PeekToken(int offset = 1)
    {
        var i = _pos + offset;
        return i < _tokens.Count ? _tokens[i] : _tokens[_tokens.Count - 1];
    }

    private Token PreviousToken => _pos > 0 ? _tokens[_pos - 1] : _tokens[0];

    private bool At(string text) => Current.Is(text);

    private bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private Token Advance()
    {
        var t = _tokens[_pos];
        if (t.Kind != TokenKind.EndOfFile)
        {
            _pos++;
        }

        return t;
    }

    private bool Accept(string text)
    {
        if (At(text))
        {
            Advance();
            return true;
        }

        return false;
    }

    private void Error(int start, int length, string message)
    {
        // One syntax error per position is enough.
        foreach (var d in _diagnostics)
        {
            if (d.Kind == KqlDiagnosticKind.SyntaxError && d.Start == start)
            {
                return;
            }
        }

        _diagnostics.Add(new KqlDiagnostic(KqlDiagnosticKind.SyntaxError, start, length, message));
    }

    private void ErrorAtCurrent(string message)
    {
        var t = Current;
        if (t.Kind == TokenKind.EndOfFile)
        {
            Error(t.Start, 0, message);
        }
        else
        {
            Error(t.Start, t.Length, message);
        }
    }

    private bool Expect(string text)
    {
        if (Accept(text))
        {
            return true;
        }

        ErrorAtCurrent("Expected '" + text + "'" + Found() + ".");
        return false;
    }

    private string Found() => AtEnd ? " but the query ended" : " but found '" + Current.Text + "'";
}
