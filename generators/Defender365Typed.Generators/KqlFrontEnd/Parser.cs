using System;
using System.Collections.Generic;

namespace Defender365Typed.Generators.KqlFrontEnd;

/// <summary>
/// Recursive-descent, error-recovering KQL parser. It never throws: a missing piece becomes a
/// <see cref="MissingExpr"/> plus a syntax diagnostic, and the parser skips to the next <c>|</c>
/// or <c>;</c> to go on. Operators it recognises but does not model are skipped as balanced token runs.
/// </summary>
internal sealed class Parser
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

    // ---------------------------------------------------------------- statements

    private List<Statement> ParseStatements(bool topLevel)
    {
        var statements = new List<Statement>();
        while (!AtEnd && (topLevel || !At("}")))
        {
            if (Accept(";"))
            {
                continue;
            }

            var before = _pos;
            var statement = ParseStatement();
            statements.Add(statement);
            if (AtEnd || At(";") || (!topLevel && At("}")))
            {
                continue;
            }

            ErrorAtCurrent("Unexpected '" + Current.Text + "': expected ';', '|' or the end of the query.");
            SkipToStatementEnd(topLevel);
            if (_pos == before)
            {
                Advance();
            }
        }

        return statements;
    }

    private void SkipToStatementEnd(bool topLevel)
    {
        var depth = 0;
        while (!AtEnd)
        {
            var t = Current;
            if (t.Kind == TokenKind.Punctuation)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    if (depth == 0 && !topLevel && t.Text == "}")
                    {
                        return;
                    }

                    depth = depth > 0 ? depth - 1 : 0;
                }
                else if (t.Text == ";" && depth == 0)
                {
                    return;
                }
            }

            Advance();
        }
    }

    private Statement ParseStatement()
    {
        var start = Current.Start;
        if (Current.Kind == TokenKind.Identifier)
        {
            switch (Current.Text)
            {
                case "let":
                    return ParseLet();
                case "set":
                case "declare":
                case "alias":
                case "restrict":
                case "pattern":
                    if (PeekToken().Kind == TokenKind.Identifier)
                    {
                        SkipToStatementEnd(topLevel: true);
                        return new OtherStatement { Start = start, End = PreviousToken.End };
                    }

                    break;
            }
        }

        var query = ParsePipe();
        return new QueryStatement(query) { Start = start, End = query.End };
    }

    private LetStatement ParseLet()
    {
        var letToken = Advance();
        var name = ParseName("a name after 'let'");
        var let = new LetStatement(name) { Start = letToken.Start };
        Expect("=");
        if (Current.Is("view") && PeekToken().Is("("))
        {
            Advance();
        }

        if (At("(") && LooksLikeLambda())
        {
            let.Function = ParseFunctionDecl();
            let.End = let.Function.End;
        }
        else
        {
            let.Value = ParsePipe();
            let.End = let.Value.End;
        }

        return let;
    }

    /// <summary>At '(' : is this a parameter list followed by a body?</summary>
    private bool LooksLikeLambda()
    {
        var t1 = PeekToken(1);
        if (t1.Is(")"))
        {
            return PeekToken(2).Is("{");
        }

        return t1.Kind == TokenKind.Identifier && PeekToken(2).Is(":");
    }

    private FunctionDecl ParseFunctionDecl()
    {
        var decl = new FunctionDecl { Start = Current.Start };
        Expect("(");
        while (!AtEnd && !At(")"))
        {
            var name = ParseName("a parameter name");
            var p = new ParameterDecl(name);
            if (Expect(":"))
            {
                if (At("("))
                {
                    p.IsTabular = true;
                    Advance();
                    if (Accept("*"))
                    {
                        Expect(")");
                    }
                    else
                    {
                        p.TabularColumns = ParseColumnDecls(")");
                    }
                }
                else
                {
                    p.TypeName = ParseName("a type").Name;
                }
            }

            if (Accept("="))
            {
                p.Default = ParseExpression();
            }

            decl.Parameters.Add(p);
            if (!Accept(","))
            {
                break;
            }
        }

        Expect(")");
        if (Expect("{"))
        {
            decl.Body.AddRange(ParseStatements(topLevel: false));
            Expect("}");
        }

        decl.End = PreviousToken.End;
        return decl;
    }

    /// <summary>Parses <c>name:type, ...</c> up to and including <paramref name="close"/>.</summary>
    private List<ColumnDecl> ParseColumnDecls(string close)
    {
        var columns = new List<ColumnDecl>();
        while (!AtEnd && !At(close))
        {
            var name = ParseName("a column name");
            string? type = null;
            if (Expect(":"))
            {
                type = ParseName("a type").Name;
            }

            columns.Add(new ColumnDecl(name, type));
            if (!Accept(","))
            {
                break;
            }
        }

        Expect(close);
        return columns;
    }

    /// <summary>An identifier or <c>['bracketed name']</c>; reports and returns an empty name when missing.</summary>
    private NameExpr ParseName(string what)
    {
        var t = Current;
        if (t.Kind == TokenKind.Identifier)
        {
            Advance();
            return new NameExpr(t.Text, t.Start, t.End);
        }

        if (t.Kind == TokenKind.TypedLiteral && t.Text.IndexOf('(') < 0)
        {
            Advance();
            return new NameExpr(t.Text, t.Start, t.End);
        }

        if (IsBracketedName())
        {
            return ParseBracketedName();
        }

        ErrorAtCurrent("Expected " + what + Found() + ".");
        return new NameExpr("", t.Start, t.Start);
    }

    private bool IsBracketedName() => At("[") && PeekToken().Kind == TokenKind.StringLiteral && PeekToken(2).Is("]");

    private NameExpr ParseBracketedName()
    {
        var open = Advance();
        var s = Advance();
        var close = Advance();
        return new NameExpr(s.Value ?? "", open.Start, close.End);
    }

    private bool AtName() => Current.Kind == TokenKind.Identifier || IsBracketedName();

    // ---------------------------------------------------------------- tabular

    /// <summary>expression ( '|' operator )*</summary>
    private Expr ParsePipe()
    {
        Expr left;
        if (Current.Kind == TokenKind.Identifier && IsSourceOperator())
        {
            left = ParseOperator(isSource: true);
        }
        else if (At("|"))
        {
            ErrorAtCurrent("A query cannot start with '|'.");
            left = new MissingExpr { Start = Current.Start, End = Current.Start };
        }
        else
        {
            left = ParseExpression();
        }

        while (At("|"))
        {
            Advance();
            var op = ParseOperator(isSource: false);
            left = new PipeExpr(left, op) { Start = left.Start, End = op.End };
        }

        return left;
    }

    private bool IsSourceOperator()
    {
        var next = PeekToken();
        switch (Current.Text)
        {
            case "union":
            case "print":
            case "search":
            case "find":
                return !next.Is("=") && !next.Is("==");
            case "datatable":
            case "externaldata":
            case "external_data":
                return next.Is("(") || next.Is("[");
            case "range":
                return next.Kind == TokenKind.Identifier || (next.Is("[") && PeekToken(2).Kind == TokenKind.StringLiteral);
            case "evaluate":
                return next.Kind == TokenKind.Identifier;
            default:
                return false;
        }
    }

    private OperatorNode ParseOperator(bool isSource)
    {
        var keyword = Current;
        if (keyword.Kind != TokenKind.Identifier)
        {
            ErrorAtCurrent("Expected a query operator after '|'" + Found() + ".");
            var missing = new OperatorNode(OperatorKind.Unknown, "", keyword.Start, 0);
            SkipOperatorTokens();
            missing.End = PreviousToken.End > missing.Start ? PreviousToken.End : missing.Start;
            return missing;
        }

        Advance();
        if (!Operators.TryGetValue(keyword.Text, out var kind))
        {
            Error(keyword.Start, keyword.Length, "'" + keyword.Text + "' is not a KQL query operator.");
            var unknown = new OperatorNode(OperatorKind.Unknown, keyword.Text, keyword.Start, keyword.Length);
            SkipOperatorTokens();
            unknown.End = PreviousToken.End;
            return unknown;
        }

        var op = new OperatorNode(kind, keyword.Text, keyword.Start, keyword.Length);
        switch (kind)
        {
            case OperatorKind.Where:
                ParseParameters(op);
                op.Items = new List<Expr> { ParseExpression() };
                break;
            case OperatorKind.Project:
            case OperatorKind.Extend:
                ParseParameters(op);
                op.Items = ParseNamedList();
                break;
            case OperatorKind.Serialize:
            case OperatorKind.Print:
                ParseParameters(op);
                op.Items = AtOperatorEnd() ? new List<Expr>() : ParseNamedList();
                break;
            case OperatorKind.ProjectAway:
            case OperatorKind.ProjectKeep:
            case OperatorKind.ProjectReorder:
                op.Items = ParsePatternList(allowOrder: kind == OperatorKind.ProjectReorder);
                break;
            case OperatorKind.ProjectRename:
                op.Items = ParseNamedList();
                break;
            case OperatorKind.Distinct:
                ParseParameters(op);
                op.Items = ParseNamedList();
                break;
            case OperatorKind.Summarize:
                ParseParameters(op);
                op.Items = At("by") ? new List<Expr>() : ParseNamedList();
                if (Accept("by"))
                {
                    op.By = ParseNamedList();
                }

                break;
            case OperatorKind.Sort:
                ParseParameters(op);
                Expect("by");
                op.By = ParseOrderedList();
                break;
            case OperatorKind.Top:
                ParseParameters(op);
                op.Operand = ParseExpression();
                Expect("by");
                op.By = ParseOrderedList();
                break;
            case OperatorKind.Take:
            case OperatorKind.Sample:
                ParseParameters(op);
                op.Operand = ParseExpression();
                break;
            case OperatorKind.SampleDistinct:
                ParseParameters(op);
                op.Operand = ParseExpression();
                Expect("of");
                op.Items = new List<Expr> { ParseExpression() };
                break;
            case OperatorKind.Count:
                if (Accept("as"))
                {
                    op.Name = ParseName("a column name");
                }

                break;
            case OperatorKind.Join:
            case OperatorKind.Lookup:
                ParseJoin(op);
                break;
            case OperatorKind.Union:
                ParseParameters(op);
                op.Items = ParseUnionItems();
                break;
            case OperatorKind.MvExpand:
                ParseMvExpand(op);
                break;
            case OperatorKind.Parse:
            case OperatorKind.ParseWhere:
                ParseParse(op);
                break;
            case OperatorKind.MakeSeries:
                ParseMakeSeries(op);
                break;
            case OperatorKind.Evaluate:
            case OperatorKind.Invoke:
                ParseParameters(op);
                op.Operand = ParseExpression();
                if (kind == OperatorKind.Evaluate && Accept(":") && Expect("("))
                {
                    op.Columns = ParseColumnDecls(")");
                }

                break;
            case OperatorKind.As:
                ParseParameters(op);
                op.Name = ParseName("a name after 'as'");
                break;
            case OperatorKind.Datatable:
                ParseParameters(op);
                if (Expect("("))
                {
                    op.Columns = ParseColumnDecls(")");
                }

                if (Expect("["))
                {
                    op.Items = ParseExpressionList("]");
                    Expect("]");
                }

                break;
            case OperatorKind.Range:
                op.Name = ParseName("a column name");
                Expect("from");
                op.Operand = ParseExpression();
                Expect("to");
                op.Items = new List<Expr> { ParseExpression() };
                Expect("step");
                op.Items.Add(ParseExpression());
                break;
            case OperatorKind.GetSchema:
                break;
            case OperatorKind.Search:
            case OperatorKind.Render:
            case OperatorKind.Unmodelled:
            default:
                SkipOperatorTokens();
                break;
        }

        if (!AtOperatorEnd())
        {
            ErrorAtCurrent("Unexpected '" + Current.Text + "' in the '" + keyword.Text + "' operator.");
            SkipOperatorTokens();
        }

        op.End = PreviousToken.End > op.End ? PreviousToken.End : op.End;
        return op;
    }

    /// <summary>Whether the current token ends an operator: '|', ';', ')', '}', ']' or the end.</summary>
    private bool AtOperatorEnd() => AtEnd || At("|") || At(";") || At(")") || At("}") || At("]");

    /// <summary>Skips a balanced run of tokens up to the next '|', ';' or closing bracket at depth 0.</summary>
    private void SkipOperatorTokens()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var t = Current;
            if (t.Kind == TokenKind.Punctuation)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    if (depth == 0)
                    {
                        return;
                    }

                    depth--;
                }
                else if ((t.Text == "|" || t.Text == ";") && depth == 0)
                {
                    return;
                }
            }

            Advance();
        }
    }

    /// <summary>Operator parameters: <c>kind=inner</c>, <c>hint.strategy=shuffle</c>, <c>withsource=T</c>, <c>isfuzzy=true</c>.</summary>
    private void ParseParameters(OperatorNode op)
    {
        while (Current.Kind == TokenKind.Identifier)
        {
            var name = Current.Text;
            var n = 1;

            // dotted names: hint.strategy, hint.shufflekey
            while (PeekToken(n).Is(".") && PeekToken(n + 1).Kind == TokenKind.Identifier)
            {
                name += "." + PeekToken(n + 1).Text;
                n += 2;
            }

            if (!PeekToken(n).Is("=") || !IsParameterName(name, op.Kind))
            {
                return;
            }

            for (var i = 0; i <= n; i++)
            {
                Advance();
            }

            Expr value;
            if (Current.Kind == TokenKind.Identifier)
            {
                var t = Advance();
                value = new NameExpr(t.Text, t.Start, t.End);
            }
            else
            {
                value = ParseUnary();
            }

            op.Parameters.Add(new OperatorParameter(name, value));
        }
    }

    private static bool IsParameterName(string name, OperatorKind kind)
    {
        if (name.StartsWith("hint.", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        switch (kind)
        {
            case OperatorKind.Join:
            case OperatorKind.Lookup:
                return name is "kind" or "withsource";
            case OperatorKind.Union:
                return name is "kind" or "withsource" or "isfuzzy";
            case OperatorKind.MvExpand:
                return name is "bagexpansion" or "with_itemindex" or "kind";
            case OperatorKind.Parse:
            case OperatorKind.ParseWhere:
                return name is "kind" or "flags";
            case OperatorKind.MakeSeries:
                return name is "kind";
            case OperatorKind.Summarize:
            case OperatorKind.Distinct:
            case OperatorKind.Sort:
            case OperatorKind.Top:
            case OperatorKind.Take:
            case OperatorKind.Where:
            case OperatorKind.As:
            case OperatorKind.Evaluate:
            case OperatorKind.Invoke:
                return false;
            default:
                return false;
        }
    }

    private void ParseJoin(OperatorNode op)
    {
        ParseParameters(op);
        if (At("("))
        {
            var open = Advance();
            var inner = ParsePipe();
            Expect(")");
            op.Operand = new ParenExpr(inner) { Start = open.Start, End = PreviousToken.End };
        }
        else
        {
            op.Operand = ParsePostfix();
        }

        if (Accept("on"))
        {
            op.On = ParseExpressionList(null);
        }
        else if (Accept("where"))
        {
            op.On = new List<Expr> { ParseExpression() };
        }
        else
        {
            ErrorAtCurrent("Expected 'on' in the '" + op.Keyword + "' operator" + Found() + ".");
        }
    }

    private List<Expr> ParseUnionItems()
    {
        var items = new List<Expr>();
        do
        {
            if (At("("))
            {
                var open = Advance();
                var inner = ParsePipe();
                Expect(")");
                items.Add(new ParenExpr(inner) { Start = open.Start, End = PreviousToken.End });
            }
            else if (Current.Kind == TokenKind.Identifier && PeekToken().Is("*") && !PeekToken().PrecededByTrivia)
            {
                items.Add(ParsePattern());
            }
            else if (At("*"))
            {
                items.Add(ParsePattern());
            }
            else
            {
                items.Add(ParsePostfix());
            }
        }
        while (Accept(","));

        return items;
    }

    private void ParseMvExpand(OperatorNode op)
    {
        ParseParameters(op);
        var items = new List<Expr>();
        do
        {
            var item = ParseNamed();
            if (Accept("to"))
            {
                // to typeof(type)
                var t = ParsePostfix();
                if (t is TypeOfExpr typeOf)
                {
                    item = new ToTypeExpr(item, typeOf.TypeName) { Start = item.Start, End = typeOf.End };
                }
            }

            items.Add(item);
        }
        while (Accept(","));

        op.Items = items;
        if (Accept("limit"))
        {
            op.Operand = ParseExpression();
        }
    }

    private void ParseParse(OperatorNode op)
    {
        ParseParameters(op);
        op.Operand = ParseExpression();
        if (!Expect("with"))
        {
            return;
        }

        var columns = new List<ColumnDecl>();
        while (!AtOperatorEnd())
        {
            if (At("*") || Current.Kind == TokenKind.StringLiteral)
            {
                Advance();
                continue;
            }

            if (AtName())
            {
                var name = ParseName("a column name");
                string? type = null;
                if (Accept(":"))
                {
                    type = ParseName("a type").Name;
                }

                columns.Add(new ColumnDecl(name, type));
                continue;
            }

            ErrorAtCurrent("Unexpected '" + Current.Text + "' in the parse pattern.");
            break;
        }

        op.Columns = columns;
    }

    private void ParseMakeSeries(OperatorNode op)
    {
        ParseParameters(op);
        var items = new List<Expr>();
        do
        {
            items.Add(ParseNamed());
            if (Accept("default"))
            {
                Expect("=");
                ParseExpression();
            }
        }
        while (Accept(","));

        op.Items = items;
        if (Expect("on"))
        {
            op.On = new List<Expr> { ParseExpression() };
        }

        if (Accept("in"))
        {
            ParseExpression();
        }
        else
        {
            if (Accept("from"))
            {
                ParseExpression();
            }

            if (Accept("to"))
            {
                ParseExpression();
            }

            if (Accept("step"))
            {
                ParseExpression();
            }
        }

        if (Accept("by"))
        {
            op.By = ParseNamedList();
        }
    }

    /// <summary>Column patterns for project-away/keep/reorder: names, <c>Prefix*</c>, <c>*Suffix</c>.</summary>
    private List<Expr> ParsePatternList(bool allowOrder)
    {
        var items = new List<Expr>();
        do
        {
            Expr item;
            if (AtName() || At("*"))
            {
                item = ParsePattern();
            }
            else
            {
                ErrorAtCurrent("Expected a column name" + Found() + ".");
                item = new MissingExpr { Start = Current.Start, End = Current.Start };
                break;
            }

            if (allowOrder && Current.Kind == TokenKind.Identifier && Current.Text is "asc" or "desc" or "granny-asc" or "granny-desc")
            {
                Advance();
            }

            items.Add(item);
        }
        while (Accept(","));

        return items;
    }

    /// <summary>A name, possibly with adjacent '*' wildcards (no spaces inside).</summary>
    private Expr ParsePattern()
    {
        if (IsBracketedName())
        {
            return ParseBracketedName();
        }

        var start = Current.Start;
        var end = start;
        var first = true;
        while ((Current.Kind == TokenKind.Identifier || At("*")) && (first || !Current.PrecededByTrivia) && (first || Current.Start == end))
        {
            end = Current.End;
            Advance();
            first = false;
        }

        var text = _text.Substring(start, end - start);
        if (text.IndexOf('*') < 0)
        {
            return new NameExpr(text, start, end);
        }

        return new PatternExpr(text) { Start = start, End = end };
    }

    private List<Expr> ParseOrderedList()
    {
        var items = new List<Expr>();
        do
        {
            var e = ParseExpression();
            var desc = false;
            if (Accept("desc"))
            {
                desc = true;
            }
            else
            {
                Accept("asc");
            }

            if (Accept("nulls"))
            {
                if (!Accept("first"))
                {
                    Expect("last");
                }
            }

            items.Add(new OrderedExpr(e, desc) { Start = e.Start, End = PreviousToken.End });
        }
        while (Accept(","));

        return items;
    }

    private List<Expr> ParseNamedList()
    {
        var items = new List<Expr>();
        do
        {
            items.Add(ParseNamed());
        }
        while (Accept(","));

        return items;
    }

    /// <summary><c>Name = expr</c>, <c>(A, B) = expr</c> or <c>expr</c>.</summary>
    private Expr ParseNamed()
    {
        if (AtName())
        {
            var len = IsBracketedName() ? 3 : 1;
            if (PeekToken(len).Is("="))
            {
                var name = ParseName("a name");
                Advance();
                var value = ParseExpression();
                return new AssignExpr(new List<NameExpr> { name }, value) { Start = name.Start, End = value.End };
            }
        }

        if (At("(") && PeekToken().Kind == TokenKind.Identifier && (PeekToken(2).Is(",") || PeekToken(2).Is(")")))
        {
            // (A, B) = expr ?
            var save = _pos;
            var start = Current.Start;
            Advance();
            var names = new List<NameExpr>();
            while (Current.Kind == TokenKind.Identifier)
            {
                names.Add(ParseName("a name"));
                if (!Accept(","))
                {
                    break;
                }
            }

            if (Accept(")") && Accept("="))
            {
                var value = ParseExpression();
                return new AssignExpr(names, value) { Start = start, End = value.End };
            }

            _pos = save;
        }

        return ParseExpression();
    }

    private List<Expr> ParseExpressionList(string? close)
    {
        var items = new List<Expr>();
        if (close != null && At(close))
        {
            return items;
        }

        do
        {
            if (close != null && At(close))
            {
                break;
            }

            items.Add(ParseExpression());
        }
        while (Accept(","));

        return items;
    }

    // ---------------------------------------------------------------- scalar expressions

    public Expr ParseExpression() => ParseOr();

    private Expr ParseOr() => ParseLeftAssociative("or", ParseAnd);

    private Expr ParseAnd() => ParseLeftAssociative("and", ParseComparison);

    /// <summary><c>operand (keyword operand)*</c>, grouped to the left.</summary>
    private Expr ParseLeftAssociative(string keyword, Func<Expr> operand)
    {
        var left = operand();
        while (At(keyword))
        {
            var op = Advance();
            var right = operand();
            left = new BinaryExpr(keyword, op.Start, op.Length, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var t = Current;
            var text = t.Text;
            if (t.Kind == TokenKind.Punctuation && text is "==" or "!=" or "<>" or "<" or "<=" or ">" or ">=" or "=~" or "!~")
            {
                Advance();
                var right = ParseAdditive();
                left = new BinaryExpr(text, t.Start, t.Length, left, right) { Start = left.Start, End = right.End };
                continue;
            }

            if ((t.Kind == TokenKind.Identifier || t.Kind == TokenKind.Punctuation) && StringOperators.Contains(text))
            {
                Advance();
                var right = ParseAdditive();
                left = new BinaryExpr(text, t.Start, t.Length, left, right) { Start = left.Start, End = right.End };
                continue;
            }

            if (t.Is("matches") && PeekToken().Is("regex"))
            {
                Advance();
                Advance();
                var right = ParseAdditive();
                left = new BinaryExpr("matches regex", t.Start, PreviousToken.End - t.Start, left, right) { Start = left.Start, End = right.End };
                continue;
            }

            if ((t.Kind == TokenKind.Identifier || t.Kind == TokenKind.Punctuation) && text is "in" or "!in" or "in~" or "!in~" or "has_any" or "has_all" or "!has_any" or "!has_all")
            {
                Advance();
                var items = new List<Expr>();
                if (At("("))
                {
                    Advance();
                    if (!At(")"))
                    {
                        do
                        {
                            items.Add(ParsePipe());
                        }
                        while (Accept(","));
                    }

                    Expect(")");
                }
                else
                {
                    // x in dynamic([...]) / x has_any (list) without parentheses
                    items.Add(ParseAdditive());
                }

                left = new InExpr(text, left, items) { Start = left.Start, End = PreviousToken.End };
                continue;
            }

            if ((t.Kind == TokenKind.Identifier || t.Kind == TokenKind.Punctuation) && text is "between" or "!between")
            {
                Advance();
                Expect("(");
                var low = ParseAdditive();
                Expect("..");
                var high = ParseAdditive();
                Expect(")");
                left = new BetweenExpr(text == "!between", left, low, high) { Start = left.Start, End = PreviousToken.End };
                continue;
            }

            return left;
        }
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (At("+") || At("-"))
        {
            var op = Advance();
            var right = ParseMultiplicative();
            left = new BinaryExpr(op.Text, op.Start, op.Length, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (At("*") || At("/") || At("%"))
        {
            // '*' at the end of an argument list (arg_max(x, *)) is not multiplication.
            if (At("*") && (PeekToken().Is(")") || PeekToken().Is(",")))
            {
                break;
            }

            var op = Advance();
            var right = ParseUnary();
            left = new BinaryExpr(op.Text, op.Start, op.Length, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (At("-") || At("+"))
        {
            var op = Advance();
            var operand = ParseUnary();
            return new UnaryExpr(op.Text, operand) { Start = op.Start, End = operand.End };
        }

        return ParsePostfix();
    }

    private Expr ParsePostfix()
    {
        var e = ParsePrimary();
        while (true)
        {
            if (At(".") && (PeekToken().Kind == TokenKind.Identifier || PeekToken().Kind == TokenKind.TypedLiteral || (PeekToken().Is("[") && PeekToken(2).Kind == TokenKind.StringLiteral)))
            {
                Advance();
                NameExpr member;
                if (Current.Kind == TokenKind.TypedLiteral)
                {
                    // x.time / x.date (a typed-literal keyword used as a member name): take the word only.
                    var t = Current;
                    var word = t.Text;
                    var paren = word.IndexOf('(');
                    if (paren > 0)
                    {
                        // Member call such as T.datetime(...) is not KQL; report.
                        ErrorAtCurrent("Unexpected '" + word + "'.");
                        Advance();
                        return e;
                    }

                    Advance();
                    member = new NameExpr(word, t.Start, t.End);
                }
                else
                {
                    member = ParseName("a member name");
                }

                if (At("("))
                {
                    // method-style call T.f(...) : keep as a call on the member name
                    var args = ParseArguments();
                    e = new CallExpr(member, args) { Start = e.Start, End = PreviousToken.End };
                    continue;
                }

                e = new DotExpr(e, member) { Start = e.Start, End = member.End };
                continue;
            }

            if (At("[") && !(e is MissingExpr))
            {
                Advance();
                var index = ParseExpression();
                Expect("]");
                e = new IndexExpr(e, index) { Start = e.Start, End = PreviousToken.End };
                continue;
            }

            return e;
        }
    }

    private List<Expr> ParseArguments()
    {
        Expect("(");
        var args = new List<Expr>();
        if (!At(")"))
        {
            do
            {
                if (At("*") && (PeekToken().Is(")") || PeekToken().Is(",")))
                {
                    var star = Advance();
                    args.Add(new StarExpr { Start = star.Start, End = star.End });
                    continue;
                }

                if (Current.Kind == TokenKind.Identifier && PeekToken().Is("=") )
                {
                    // named argument: name = value
                    var name = ParseName("a name");
                    Advance();
                    var value = ParsePipe();
                    args.Add(new AssignExpr(new List<NameExpr> { name }, value) { Start = name.Start, End = value.End });
                    continue;
                }

                args.Add(ParsePipe());
            }
            while (Accept(","));
        }

        Expect(")");
        return args;
    }

    private Expr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.StringLiteral:
            {
                Advance();
                var value = t.Value ?? "";
                var end = t.End;

                // adjacent literals concatenate: "a" "b"
                while (Current.Kind == TokenKind.StringLiteral)
                {
                    value += Current.Value;
                    end = Current.End;
                    Advance();
                }

                return new LiteralExpr(KqlScalarType.String, _text.Substring(t.Start, end - t.Start), value) { Start = t.Start, End = end };
            }

            case TokenKind.LongLiteral:
                Advance();
                return new LiteralExpr(KqlScalarType.Long, t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.RealLiteral:
                Advance();
                return new LiteralExpr(KqlScalarType.Real, t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.TimeSpanLiteral:
                Advance();
                return new LiteralExpr(KqlScalarType.TimeSpan, t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.TypedLiteral:
                Advance();
                return new LiteralExpr(KqlScalarTypes.Parse(t.Value), t.Text, null) { Start = t.Start, End = t.End };
            case TokenKind.Identifier:
                return ParseIdentifierPrimary();
            case TokenKind.Bad:
                Advance();
                return new MissingExpr { Start = t.Start, End = t.End };
        }

        if (t.Is("("))
        {
            Advance();
            var inner = ParsePipe();
            if (At(","))
            {
                // tuple such as (a, b) in a list: keep the first, parse the rest
                while (Accept(","))
                {
                    ParsePipe();
                }
            }

            Expect(")");
            return new ParenExpr(inner) { Start = t.Start, End = PreviousToken.End };
        }

        if (IsBracketedName())
        {
            return ParseBracketedName();
        }

        if (t.Is("*"))
        {
            Advance();
            return new StarExpr { Start = t.Start, End = t.End };
        }

        if (t.Is("[") || t.Is("{"))
        {
            // JSON-like array/bag (inside dynamic or datatable): skip it balanced.
            var start = t.Start;
            SkipBalanced();
            return new LiteralExpr(KqlScalarType.Dynamic, _text.Substring(start, PreviousToken.End - start), null) { Start = start, End = PreviousToken.End };
        }

        ErrorAtCurrent(AtEnd ? "Expected an expression but the query ended." : "Expected an expression but found '" + t.Text + "'.");
        return new MissingExpr { Start = t.Start, End = t.Start };
    }

    /// <summary>Skips one bracketed group starting at the current '(' '[' or '{'.</summary>
    private void SkipBalanced()
    {
        var depth = 0;
        do
        {
            var t = Current;
            if (t.Kind == TokenKind.Punctuation)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    depth--;
                }
            }

            Advance();
        }
        while (depth > 0 && !AtEnd);

        if (depth > 0)
        {
            Error(_text.Length, 0, "A bracket is not closed.");
        }
    }

    private Expr ParseIdentifierPrimary()
    {
        var t = Current;
        var next = PeekToken();
        if (next.Is("("))
        {
            if (t.Text == "dynamic")
            {
                Advance();
                var start = next.Start;
                SkipBalanced();
                return new LiteralExpr(KqlScalarType.Dynamic, _text.Substring(t.Start, PreviousToken.End - t.Start), null) { Start = t.Start, End = PreviousToken.End };
            }

            if (t.Text == "typeof")
            {
                Advance();
                Advance();
                var typeName = Current.Kind == TokenKind.Identifier || Current.Kind == TokenKind.TypedLiteral ? Current.Text : "";
                SkipUntilClose();
                return new TypeOfExpr(typeName) { Start = t.Start, End = PreviousToken.End };
            }

            Advance();
            var name = new NameExpr(t.Text, t.Start, t.End);
            var args = ParseArguments();
            return new CallExpr(name, args) { Start = t.Start, End = PreviousToken.End };
        }

        Advance();
        return new NameExpr(t.Text, t.Start, t.End);
    }

    /// <summary>Inside parentheses: skips to and past the matching ')'.</summary>
    private void SkipUntilClose()
    {
        var depth = 1;
        while (!AtEnd)
        {
            var t = Advance();
            if (t.Is("("))
            {
                depth++;
            }
            else if (t.Is(")"))
            {
                depth--;
                if (depth == 0)
                {
                    return;
                }
            }
        }

        Error(_text.Length, 0, "Expected ')' but the query ended.");
    }
}
