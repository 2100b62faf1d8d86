using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

internal delegate object? RowFunc(object?[] row);

/// <summary>A compiled scalar expression: its static type and how to evaluate it on a row.</summary>
internal sealed class Scalar
{
    public Scalar(KqlScalarType type, RowFunc eval)
    {
        Type = type;
        Eval = eval;
    }

    public KqlScalarType Type { get; }

    public RowFunc Eval { get; }

    public bool IsConstant { get; private init; }

    public object? Value { get; private init; }

    public static Scalar Const(KqlScalarType type, object? value) => new(type, _ => value) { IsConstant = true, Value = value };
}

/// <summary>The columns an expression can name.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public Scope(IReadOnlyList<KqlResultColumn> columns)
    {
        Columns = columns;
        for (int i = 0; i < columns.Count; i++)
        {
            _index.TryAdd(columns[i].Name, i);
        }
    }

    public static Scope Empty { get; } = new([]);

    public IReadOnlyList<KqlResultColumn> Columns { get; }

    public bool TryGet(string name, out int index) => _index.TryGetValue(name, out index);
}

/// <summary>Compilation context of scalar expressions.</summary>
internal sealed class Ctx
{
    public Ctx(Scope scope, AggregateCollector? aggregates = null)
    {
        Scope = scope;
        Aggregates = aggregates;
    }

    public Scope Scope { get; }

    /// <summary>Set while compiling a summarize item: aggregate calls become slots of this collector.</summary>
    public AggregateCollector? Aggregates { get; }
}

/// <summary>Runs one parsed query: statements, tabular operators, scalar expressions.</summary>
internal sealed partial class Evaluator
{
    private readonly string _text;
    private readonly ITableSource _tables;
    private readonly EngineOptions _options;
    private readonly Dictionary<string, LetValue> _lets = new(StringComparer.Ordinal);

    public Evaluator(string text, ITableSource tables, EngineOptions options)
    {
        _text = text;
        _tables = tables;
        _options = options;
        Budget = new EvaluationBudget(options, text);
    }

    internal EvaluationBudget Budget { get; }

    /// <summary>The chart a <c>render</c> operator asked for (the engine ignores it for the data).</summary>
    private string? _visualization;

    private sealed class LetValue
    {
        public Expr? Tabular { get; init; }

        public KqlResultTable? Table { get; set; }

        public Scalar? Scalar { get; init; }
    }

    public KqlResultTable Run(KqlSyntaxTree tree)
    {
        KqlResultTable? result = null;
        _tokens = tree.Tokens;
        foreach (Statement statement in tree.Statements)
        {
            switch (statement)
            {
                case LetStatement let:
                    DefineLet(let);
                    break;
                case QueryStatement query:
                    if (query.Query is CallExpr call && !IsTabular(call, null))
                    {
                        // A stored (saved or built-in tabular) function: the engine has no body to evaluate.
                        throw Error(call.Name, $"unsupported function '{call.Name.Name}' (a stored function the engine cannot evaluate)");
                    }

                    if (!IsTabular(query.Query, null))
                    {
                        throw Error(query.Query, "A query statement must be a tabular expression (a table, a let name or a pipeline).");
                    }

                    result = EvalTabular(query.Query);
                    break;
                case OtherStatement other:
                    // set/declare statements do not change the result of an in-memory evaluation.
                    _ = other;
                    break;
            }
        }

        if (result is null)
        {
            throw new KqlEngineException("The query has no tabular expression statement.", _text, _text.Length, 0);
        }

        IReadOnlyList<object?[]> rows = result.Rows.Count > _options.MaxRows ? result.Rows.Take(_options.MaxRows).ToList() : result.Rows;
        return new KqlResultTable("PrimaryResult", result.Columns, rows) { Visualization = _visualization };
    }

    private void DefineLet(LetStatement let)
    {
        string name = let.Name.Name;
        if (let.Function is not null)
        {
            _functions[name] = new UserFunction(let.Function);
            _lets.Remove(name);
            return;
        }

        _functions.Remove(name);
        Expr value = let.Value!;
        if (IsTabular(value, null))
        {
            _lets[name] = new LetValue { Tabular = value };
            return;
        }

        Scalar s = Compile(value, new Ctx(Scope.Empty));
        object? v = s.Eval([]);
        _lets[name] = new LetValue { Scalar = Scalar.Const(s.Type, v) };
    }

    internal KqlEngineException Error(KqlSyntaxNode node, string message) => new(message, _text, node.Start, node.Length);

    private KqlEngineException Unsupported(OperatorNode op) =>
        new($"unsupported operator '{op.Keyword}'", _text, op.KeywordStart, op.KeywordLength);

    /// <summary>Whether <paramref name="e"/> is a tabular expression (a column of <paramref name="scope"/> wins over a table).</summary>
    private bool IsTabular(Expr e, Scope? scope) => e switch
    {
        PipeExpr => true,
        OperatorNode op => op.Kind is not OperatorKind.Unknown,
        CallExpr call => IsTabularCall(call),
        ParenExpr p => IsTabular(p.Inner, scope),
        NameExpr n => (scope is null || !scope.TryGet(n.Name, out _))
            && (_lets.TryGetValue(n.Name, out LetValue? let) ? let.Tabular is not null
                : TryGetParameterless(n.Name, out CallExpr? call) ? IsTabularCall(call) : _tables.TryGetTable(n.Name, out _)),
        _ => false,
    };

    private KqlResultTable EvalTabular(Expr e)
    {
        switch (e)
        {
            case NameExpr n:
                if (_lets.TryGetValue(n.Name, out LetValue? let))
                {
                    if (let.Tabular is null)
                    {
                        throw Error(n, $"'{n.Name}' is a scalar, not a table.");
                    }

                    return let.Table ??= EvalTabular(let.Tabular);
                }

                if (TryGetParameterless(n.Name, out CallExpr? viewCall) && IsTabularCall(viewCall))
                {
                    return EvalTabularCall(viewCall, null);
                }

                if (_tables.TryGetTable(n.Name, out KqlResultTable? table))
                {
                    return table;
                }

                throw Error(n, $"unknown table '{n.Name}'" + Suggest(n.Name, _tables.TableNames.Concat(_lets.Keys)));
            case ParenExpr p:
                return EvalTabular(p.Inner);
            case CallExpr call when IsTabularCall(call):
                return EvalTabularCall(call, null);
            case PipeExpr { Operator: { Kind: OperatorKind.Unmodelled, Keyword: "graph-match" } match, Input: PipeExpr { Operator: { Kind: OperatorKind.Unmodelled, Keyword: "make-graph" } make } graph }:
                KqlResultTable matches = GraphMatch(EvalTabular(graph.Input), make, match);
                Budget.CountRows(matches.Rows.Count, match);
                return matches;
            case PipeExpr pipe:
                KqlResultTable output = Apply(EvalTabular(pipe.Input), pipe.Operator);
                Budget.CountRows(output.Rows.Count, pipe.Operator);
                return output;
            case OperatorNode op:
                KqlResultTable source = op.Kind switch
                {
                    OperatorKind.Union => Union(null, op),
                    OperatorKind.Print => Print(op),
                    OperatorKind.Datatable => Datatable(op),
                    OperatorKind.Range => Range(op),
                    OperatorKind.Search => Search(null, op),
                    OperatorKind.Unmodelled when op.Keyword is "externaldata" or "external_data" => ExternalData(op),
                    OperatorKind.Unmodelled when op.Keyword == "find" => Find(op),
                    _ => throw Unsupported(op),
                };
                Budget.CountRows(source.Rows.Count, op);
                return source;
            default:
                throw Error(e, "Expected a tabular expression.");
        }
    }

    /// <summary>The column an unnamed expression is named after: <c>X</c>, <c>f(X, ...)</c>, <c>X.member</c> and <c>X[i]</c> give X's name.</summary>
    internal static string? DerivedName(Expr e) => e switch
    {
        NameExpr n => n.Name,
        ParenExpr p => DerivedName(p.Inner),
        CallExpr { Args.Count: > 0 } c => DerivedName(c.Args[0]),
        DotExpr d => DerivedName(d.Left) is { } left ? left + "_" + d.Member.Name : null,
        IndexExpr i => DerivedName(i.Left),
        _ => null,
    };

    internal static string Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(name.ToUpperInvariant(), c.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 4) ? $" (did you mean '{best}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        int[] prev = new int[b.Length + 1];
        int[] cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    private static KqlResultTable Table(List<KqlResultColumn> columns, List<object?[]> rows) => new("", columns, rows);

    private void CheckParameters(OperatorNode op, params string[] allowed)
    {
        foreach (OperatorParameter p in op.Parameters)
        {
            if (p.Name.StartsWith("hint.", StringComparison.OrdinalIgnoreCase) || allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                continue;
            }

            throw new KqlEngineException($"unsupported operator '{op.Keyword} {p.Name}='", _text, op.KeywordStart, op.End - op.KeywordStart);
        }
    }

    private KqlResultTable Apply(KqlResultTable input, OperatorNode op)
    {
        switch (op.Kind)
        {
            case OperatorKind.Where:
                CheckParameters(op);
                return Where(input, op);
            case OperatorKind.Project:
                CheckParameters(op);
                return Project(input, op.Items, extend: false);
            case OperatorKind.Extend:
                CheckParameters(op);
                return Project(input, op.Items, extend: true);
            case OperatorKind.ProjectAway:
                return ProjectAway(input, op);
            case OperatorKind.ProjectKeep:
                return ProjectKeep(input, op, reorder: false);
            case OperatorKind.ProjectReorder:
                return ProjectKeep(input, op, reorder: true);
            case OperatorKind.ProjectRename:
                return ProjectRename(input, op);
            case OperatorKind.Summarize:
                CheckParameters(op);
                return Summarize(input, op);
            case OperatorKind.Sort:
                CheckParameters(op);
                return Sort(input, op.By, null);
            case OperatorKind.Top:
                CheckParameters(op);
                return Sort(input, op.By, ConstantCount(op));
            case OperatorKind.Take:
                CheckParameters(op);
                long n = ConstantCount(op);
                return n >= input.Rows.Count ? input : new KqlResultTable("", input.Columns, input.Rows.Take((int)n).ToList());
            case OperatorKind.Distinct:
                CheckParameters(op);
                return Distinct(input, op);
            case OperatorKind.Count:
                string name = op.Name?.Name ?? "Count";
                return Table([new KqlResultColumn(name, KqlScalarType.Long)], [[(long)input.Rows.Count]]);
            case OperatorKind.Join:
                CheckParameters(op, "kind");
                return Join(input, op);
            case OperatorKind.Union:
                CheckParameters(op, "kind");
                return Union(input, op);
            case OperatorKind.MvExpand:
                CheckParameters(op, "bagexpansion", "kind", "with_itemindex");
                return MvExpand(input, op);
            case OperatorKind.Serialize:
                CheckParameters(op);
                return op.Items.Count == 0 ? input : Project(input, op.Items, extend: true);
            case OperatorKind.As:
                return input;
            case OperatorKind.Invoke:
                return Invoke(input, op);
            case OperatorKind.Lookup:
                CheckParameters(op, "kind");
                return Join(input, op, lookup: true);
            case OperatorKind.Search:
                return Search(input, op);
            case OperatorKind.Evaluate:
                return Evaluate(input, op);
            case OperatorKind.MakeSeries:
                return MakeSeries(input, op);
            case OperatorKind.Parse:
            case OperatorKind.ParseWhere:
                CheckParameters(op, "kind", "flags");
                return Parse(input, op, dropUnmatched: op.Kind == OperatorKind.ParseWhere);
            case OperatorKind.Render:
                // The data is unchanged; the chart kind travels in the result's metadata (KqlResultTable.Visualization).
                _visualization = TokensAfterKeyword(op) is [{ Kind: TokenKind.Identifier } kind, ..] ? kind.Text : null;
                return input;
            case OperatorKind.GetSchema:
                // getschema-operator.md: one row per column; DataType is the .NET type name the API schema uses.
                return Table(
                    [new("ColumnName", KqlScalarType.String), new("ColumnOrdinal", KqlScalarType.Int), new("DataType", KqlScalarType.String), new("ColumnType", KqlScalarType.String)],
                    input.Columns.Select((c, k) => new object?[] { c.Name, k, "System." + c.ApiType, c.KqlType }).ToList());
            case OperatorKind.Unmodelled when op.Keyword == "mv-apply":
                return MvApply(input, op);
            case OperatorKind.Unmodelled when op.Keyword == "top-nested":
                return TopNested(input, op);
            case OperatorKind.Unmodelled when op.Keyword is "make-graph" or "graph-match":
                throw new KqlEngineException($"unsupported operator '{op.Keyword}' (the engine evaluates make-graph only followed by graph-match)", _text, op.KeywordStart, op.KeywordLength);
            default:
                throw Unsupported(op);
        }
    }

    private long ConstantCount(OperatorNode op)
    {
        if (op.Operand is null)
        {
            throw Error(op, $"'{op.Keyword}' needs a row count.");
        }

        Scalar s = Compile(op.Operand, new Ctx(Scope.Empty));
        if (!s.IsConstant || Values.ToLong(s.Value) is not { } n || n < 0)
        {
            throw Error(op.Operand, $"The row count of '{op.Keyword}' must be a constant, non-negative number.");
        }

        return n;
    }
}
