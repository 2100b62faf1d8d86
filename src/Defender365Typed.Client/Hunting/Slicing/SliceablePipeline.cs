using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client;

/// <summary>
/// A query the sliced runner may run slice by slice: one pipeline from one table, through row-wise operators only, so
/// that the rows of the whole range are exactly the union of the rows of its slices. <see cref="Analyze"/> parses the
/// query with the KQL front end and refuses anything else, naming the operator (or construct) and where it is;
/// <see cref="ForSlice"/> adds the slice's half-open time filter right after the table reference.
/// </summary>
internal sealed class SliceablePipeline
{
    /// <summary>Operators that treat each row on its own (or only order rows, see docs/time-sliced-runs.md).</summary>
    private static readonly HashSet<OperatorKind> RowWise =
    [
        OperatorKind.Where, OperatorKind.Project, OperatorKind.Extend, OperatorKind.ProjectAway, OperatorKind.ProjectKeep,
        OperatorKind.ProjectRename, OperatorKind.ProjectReorder, OperatorKind.MvExpand, OperatorKind.Parse,
        OperatorKind.ParseWhere, OperatorKind.Sort, OperatorKind.Render,
    ];

    /// <summary>Functions whose value depends on other rows or other tables: the same row gives another value in a slice.</summary>
    private static readonly HashSet<string> WholeResultFunctions = new(StringComparer.Ordinal)
    {
        "toscalar", "materialize", "row_number", "row_cumsum", "row_rank_dense", "row_rank_min", "row_window_session", "prev", "next",
    };

    private readonly string _text;
    private readonly int _insertAt;

    private SliceablePipeline(string text, string table, int insertAt)
    {
        _text = text;
        Table = table;
        _insertAt = insertAt;
    }

    /// <summary>The table the pipeline reads.</summary>
    public string Table { get; }

    /// <summary>
    /// Checks that <paramref name="kql"/> can be sliced by time, its table included: a table the client knows (from
    /// <paramref name="schema"/>, else the documented schema) must have a datetime Timestamp column.
    /// </summary>
    /// <exception cref="HuntingSliceabilityException">It cannot; the message names the operator, construct or table and its line and column.</exception>
    public static SliceablePipeline Analyze(string kql, HuntingSchemaDocument? schema = null)
    {
        KqlSyntaxTree tree = Parser.Parse(kql);
        if (tree.Diagnostics.FirstOrDefault() is { } syntax)
        {
            throw Refuse(kql, null, syntax.Start, $"the query has a syntax error: {syntax.Message}");
        }

        var scalarLets = new HashSet<string>(StringComparer.Ordinal);
        QueryStatement? query = null;
        foreach (Statement statement in tree.Statements)
        {
            switch (statement)
            {
                case OtherStatement:
                    break;
                case LetStatement { Function: not null } let:
                    throw Refuse(kql, "let", let.Start, $"'let {let.Name.Name}' declares a function, whose body may read other tables or the whole result");
                case LetStatement let when query is null:
                    CheckScalarLet(kql, let, scalarLets);
                    scalarLets.Add(let.Name.Name);
                    break;
                case QueryStatement q when query is null:
                    query = q;
                    break;
                default:
                    throw Refuse(kql, null, statement.Start, "a sliced query has exactly one query statement, after its let statements");
            }
        }

        if (query is null)
        {
            throw Refuse(kql, null, 0, "the query has no query statement");
        }

        var operators = new List<OperatorNode>();
        Expr source = query.Query;
        while (source is PipeExpr pipe)
        {
            operators.Add(pipe.Operator);
            source = pipe.Input;
        }

        operators.Reverse();
        if (source is OperatorNode first)
        {
            throw RefuseOperator(kql, first, "starts the query instead of a table");
        }

        if (source is not NameExpr table || scalarLets.Contains(table.Name))
        {
            throw Refuse(kql, null, source.Start, "a sliced query starts with the name of one table (with a Timestamp column), not a function call, a let or an expression");
        }

        if (SliceTimestampCheck.Problem(table.Name, schema) is { } noTimestamp)
        {
            throw Refuse(kql, table.Name, table.Start, noTimestamp);
        }

        foreach (OperatorNode op in operators)
        {
            if (!RowWise.Contains(op.Kind))
            {
                throw RefuseOperator(kql, op, WhyNot(op.Kind));
            }

            foreach (Expr e in Operands(op))
            {
                CheckRowWise(kql, e);
            }
        }

        return new SliceablePipeline(kql, table.Name, table.End);
    }

    /// <summary>
    /// The query restricted to [<paramref name="start"/>, <paramref name="end"/>): a <c>where</c> on Timestamp right after
    /// the table reference, so every later operator sees only the slice's rows.
    /// </summary>
    public string ForSlice(DateTime start, DateTime end) =>
        string.Concat(
            _text.AsSpan(0, _insertAt),
            $"\n| where Timestamp >= {Literal(start)} and Timestamp < {Literal(end)}",
            _text.AsSpan(_insertAt));

    private static string Literal(DateTime value) => "datetime(" + value.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + ")";

    private static string WhyNot(OperatorKind kind) => kind switch
    {
        OperatorKind.Summarize or OperatorKind.MakeSeries => "aggregates over the whole result; run it without slicing, or slice the row-wise part and aggregate the rows yourself",
        OperatorKind.Count => "counts the whole result; sliced counts would have to be added up, which the runner does not do",
        OperatorKind.Top or OperatorKind.Take => "keeps a number of rows of the whole result; each slice would keep its own",
        OperatorKind.Distinct or OperatorKind.SampleDistinct => "removes duplicates across the whole result; a value in two slices would be kept twice",
        OperatorKind.Join or OperatorKind.Lookup or OperatorKind.Union => "reads another table, which the slice's time filter would not restrict the same way",
        OperatorKind.Serialize => "numbers rows across the whole result",
        OperatorKind.Sample => "picks rows at random from the whole result",
        _ => "is not a row-wise operator the runner knows to give the same rows in slices",
    };

    private static void CheckScalarLet(string kql, LetStatement let, HashSet<string> scalarLets)
    {
        if (let.Value is null or PipeExpr or OperatorNode || (let.Value is NameExpr n && !scalarLets.Contains(n.Name)))
        {
            throw Refuse(kql, "let", let.Start, $"'let {let.Name.Name}' is not a scalar value (a tabular let would be read whole in every slice)");
        }

        CheckRowWise(kql, let.Value);
    }

    /// <summary>Refuses subqueries and functions that look at other rows or tables inside an operator's expressions.</summary>
    private static void CheckRowWise(string kql, Expr e)
    {
        switch (e)
        {
            case PipeExpr or OperatorNode:
                throw Refuse(kql, null, e.Start, "a subquery reads a table as a whole, not the slice");
            case CallExpr call when WholeResultFunctions.Contains(call.Name.Name):
                throw Refuse(kql, call.Name.Name + "()", call.Start, "depends on other rows or on a whole table, so its value would differ per slice");
        }

        foreach (Expr child in Children(e))
        {
            CheckRowWise(kql, child);
        }
    }

    private static IEnumerable<Expr> Operands(OperatorNode op)
    {
        IEnumerable<Expr> all = op.Items.Concat(op.By).Concat(op.On).Concat(op.Checked).Concat(op.Parameters.Select(p => p.Value));
        return op.Operand is null ? all : all.Append(op.Operand);
    }

    private static List<Expr> Children(Expr e) => e switch
    {
        ParenExpr p => [p.Inner],
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        BetweenExpr b => [b.Left, b.Low, b.High],
        InExpr i => [i.Left, .. i.Items],
        CallExpr c => c.Args,
        DotExpr d => [d.Left],
        IndexExpr i => [i.Left, i.Index],
        AssignExpr a => [a.Value],
        OrderedExpr o => [o.Inner],
        ToTypeExpr t => [t.Inner],
        _ => [],
    };

    private static HuntingSliceabilityException RefuseOperator(string kql, OperatorNode op, string why) =>
        Refuse(kql, op.Keyword, op.KeywordStart, $"'{op.Keyword}' {why}");

    private static HuntingSliceabilityException Refuse(string kql, string? construct, int position, string why)
    {
        (int line, int column) = LineColumn(kql, position);
        return new HuntingSliceabilityException(
            $"The query cannot be run in time slices: {why} (line {line}, column {column}).", construct, line, column);
    }

    private static (int Line, int Column) LineColumn(string text, int position)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, position - lineStart + 1);
    }
}
