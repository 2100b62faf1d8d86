using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>Base of every syntax node: a span of the query text.</summary>
public abstract class KqlSyntaxNode
{
    /// <summary>Offset of the first character.</summary>
    public int Start { get; set; }

    /// <summary>Offset just past the last character.</summary>
    public int End { get; set; }

    public int Length => End - Start;
}

public abstract class Statement : KqlSyntaxNode
{
}

/// <summary><c>let name = expression;</c> or <c>let name = (params) { body };</c>.</summary>
public sealed class LetStatement : Statement
{
    public LetStatement(NameExpr name) => Name = name;

    public NameExpr Name { get; }

    public Expr? Value { get; set; }

    public FunctionDecl? Function { get; set; }
}

/// <summary>A tabular or scalar expression statement.</summary>
public sealed class QueryStatement : Statement
{
    public QueryStatement(Expr query) => Query = query;

    public Expr Query { get; }
}

/// <summary>A statement the front end skips (<c>set</c>, <c>declare</c>, <c>alias</c>...).</summary>
public sealed class OtherStatement : Statement
{
}

/// <summary>A function body with its parameters: <c>(x:string, T:(*)) { ... }</c>.</summary>
public sealed class FunctionDecl : KqlSyntaxNode
{
    public List<ParameterDecl> Parameters { get; } = new List<ParameterDecl>();

    public List<Statement> Body { get; } = new List<Statement>();
}

public sealed class ParameterDecl
{
    public ParameterDecl(NameExpr name) => Name = name;

    public NameExpr Name { get; }

    /// <summary>Scalar type name, or null for a tabular parameter.</summary>
    public string? TypeName { get; set; }

    /// <summary>Declared columns of a tabular parameter; null for <c>(*)</c>.</summary>
    public List<ColumnDecl>? TabularColumns { get; set; }

    public bool IsTabular { get; set; }

    public Expr? Default { get; set; }
}

/// <summary><c>name:type</c> in datatable, parse and tabular parameters.</summary>
public sealed class ColumnDecl
{
    public ColumnDecl(NameExpr name, string? typeName)
    {
        Name = name;
        TypeName = typeName;
    }

    public NameExpr Name { get; }

    public string? TypeName { get; }
}

public abstract class Expr : KqlSyntaxNode
{
}

/// <summary>An identifier, <c>['bracketed name']</c> or <c>$left</c>.</summary>
public sealed class NameExpr : Expr
{
    public NameExpr(string name, int start, int end)
    {
        Name = name;
        Start = start;
        End = end;
    }

    public string Name { get; }
}

public sealed class LiteralExpr : Expr
{
    public LiteralExpr(KqlScalarType type, string text, string? stringValue)
    {
        Type = type;
        Text = text;
        StringValue = stringValue;
    }

    public KqlScalarType Type { get; }

    public string Text { get; }

    public string? StringValue { get; }
}

/// <summary><c>*</c> as an argument or column list.</summary>
public sealed class StarExpr : Expr
{
}

/// <summary>A wildcard column pattern such as <c>Initiating*</c>.</summary>
public sealed class PatternExpr : Expr
{
    public PatternExpr(string pattern) => Pattern = pattern;

    public string Pattern { get; }
}

/// <summary>Stands where an expression was expected but missing.</summary>
public sealed class MissingExpr : Expr
{
}

/// <summary><c>typeof(string)</c>.</summary>
public sealed class TypeOfExpr : Expr
{
    public TypeOfExpr(string typeName) => TypeName = typeName;

    public string TypeName { get; }
}

public sealed class ParenExpr : Expr
{
    public ParenExpr(Expr inner) => Inner = inner;

    public Expr Inner { get; }
}

public sealed class UnaryExpr : Expr
{
    public UnaryExpr(string op, Expr operand)
    {
        Op = op;
        Operand = operand;
    }

    public string Op { get; }

    public Expr Operand { get; }
}

public sealed class BinaryExpr : Expr
{
    public BinaryExpr(string op, int opStart, int opLength, Expr left, Expr right)
    {
        Op = op;
        OpStart = opStart;
        OpLength = opLength;
        Left = left;
        Right = right;
    }

    public string Op { get; }

    public int OpStart { get; }

    public int OpLength { get; }

    public Expr Left { get; }

    public Expr Right { get; }
}

public sealed class BetweenExpr : Expr
{
    public BetweenExpr(bool negated, Expr left, Expr low, Expr high)
    {
        Negated = negated;
        Left = left;
        Low = low;
        High = high;
    }

    public bool Negated { get; }

    public Expr Left { get; }

    public Expr Low { get; }

    public Expr High { get; }
}

/// <summary><c>x in (...)</c>, <c>!in</c>, <c>in~</c>, <c>has_any (...)</c>, <c>has_all (...)</c>.</summary>
public sealed class InExpr : Expr
{
    public InExpr(string op, Expr left, List<Expr> items)
    {
        Op = op;
        Left = left;
        Items = items;
    }

    public string Op { get; }

    public Expr Left { get; }

    public List<Expr> Items { get; }
}

public sealed class CallExpr : Expr
{
    public CallExpr(NameExpr name, List<Expr> args)
    {
        Name = name;
        Args = args;
    }

    public NameExpr Name { get; }

    public List<Expr> Args { get; }
}

/// <summary><c>left.Member</c>: dynamic paths and <c>$left.Column</c>.</summary>
public sealed class DotExpr : Expr
{
    public DotExpr(Expr left, NameExpr member)
    {
        Left = left;
        Member = member;
    }

    public Expr Left { get; }

    public NameExpr Member { get; }
}

public sealed class IndexExpr : Expr
{
    public IndexExpr(Expr left, Expr index)
    {
        Left = left;
        Index = index;
    }

    public Expr Left { get; }

    public Expr Index { get; }
}

/// <summary><c>Name = value</c> or <c>(A, B) = value</c> in extend, project, summarize...</summary>
public sealed class AssignExpr : Expr
{
    public AssignExpr(List<NameExpr> names, Expr value)
    {
        Names = names;
        Value = value;
    }

    public List<NameExpr> Names { get; }

    public Expr Value { get; }
}

/// <summary>A sort key with its direction.</summary>
public sealed class OrderedExpr : Expr
{
    public OrderedExpr(Expr inner, bool descending)
    {
        Inner = inner;
        Descending = descending;
    }

    public Expr Inner { get; }

    public bool Descending { get; }
}

/// <summary><c>input | operator</c>.</summary>
public sealed class PipeExpr : Expr
{
    public PipeExpr(Expr input, OperatorNode op)
    {
        Input = input;
        Operator = op;
    }

    public Expr Input { get; }

    public OperatorNode Operator { get; }
}

public enum OperatorKind : byte
{
    Where, Project, Extend, ProjectAway, ProjectKeep, ProjectRename, ProjectReorder, Summarize, Sort, Top, Take,
    Distinct, Count, Join, Lookup, Union, MvExpand, Parse, ParseWhere, MakeSeries, Evaluate, Invoke, As, Serialize,
    Sample, SampleDistinct, Search, Print, Datatable, Range, GetSchema, Render, ExternalData,
    /// <summary>A real KQL operator the binder does not model (its output schema becomes unknown).</summary>
    Unmodelled,
    /// <summary>A word that is not a KQL query operator.</summary>
    Unknown,
}

/// <summary><c>name=value</c> operator parameters: <c>kind=inner</c>, <c>hint.strategy=shuffle</c>, <c>withsource=T</c>.</summary>
public sealed class OperatorParameter
{
    public OperatorParameter(string name, Expr value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public Expr Value { get; }
}

/// <summary>A tabular operator, piped or (for union, print, datatable, range...) at the start of a query.</summary>
public sealed class OperatorNode : Expr
{
    private static readonly List<Expr> Empty = new List<Expr>();

    public OperatorNode(OperatorKind kind, string keyword, int keywordStart, int keywordLength)
    {
        Kind = kind;
        Keyword = keyword;
        KeywordStart = keywordStart;
        KeywordLength = keywordLength;
        Start = keywordStart;
        End = keywordStart + keywordLength;
    }

    public OperatorKind Kind { get; }

    public string Keyword { get; }

    public int KeywordStart { get; }

    public int KeywordLength { get; }

    public List<OperatorParameter> Parameters { get; } = new List<OperatorParameter>();

    /// <summary>Main expression list: predicate, columns, aggregates, union tables, call...</summary>
    public List<Expr> Items { get; set; } = Empty;

    /// <summary>The <c>by</c> list (summarize, sort, top, make-series).</summary>
    public List<Expr> By { get; set; } = Empty;

    /// <summary>The <c>on</c> list (join, lookup) or the make-series axis.</summary>
    public List<Expr> On { get; set; } = Empty;

    /// <summary>Right side of join/lookup; count of top/take; source of parse; axis of range.</summary>
    public Expr? Operand { get; set; }

    /// <summary>
    /// Expressions of clauses that do not shape the output but are checked like any other (make-series from/to/step or
    /// in range(...), top-nested of/by/with others, graph-match where/project, the search predicate).
    /// </summary>
    public List<Expr> Checked { get; set; } = Empty;

    /// <summary>Declared columns: datatable, parse patterns, externaldata, range.</summary>
    public List<ColumnDecl>? Columns { get; set; }

    /// <summary>Name for <c>as</c>, <c>range</c> column.</summary>
    public NameExpr? Name { get; set; }

    public int GetParameterCount() => Parameters.Count;

    public Expr? GetParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }
}

/// <summary>A parsed query: its statements, tokens and the syntax diagnostics found so far.</summary>
public sealed class KqlSyntaxTree
{
    public KqlSyntaxTree(string text, List<Token> tokens, List<Statement> statements, List<KqlDiagnostic> diagnostics)
    {
        Text = text;
        Tokens = tokens;
        Statements = statements;
        Diagnostics = diagnostics;
    }

    public string Text { get; }

    public List<Token> Tokens { get; }

    public List<Statement> Statements { get; }

    public List<KqlDiagnostic> Diagnostics { get; }
}

/// <summary>An mv-expand item with its target type: <c>X to typeof(string)</c>.</summary>
public sealed class ToTypeExpr : Expr
{
    public ToTypeExpr(Expr inner, string typeName)
    {
        Inner = inner;
        TypeName = typeName;
    }

    public Expr Inner { get; }

    public string TypeName { get; }
}
